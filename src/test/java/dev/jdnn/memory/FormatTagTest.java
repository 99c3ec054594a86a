package dev.jdnn.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormatTagTest {
    /** Every plain tag oneDNN names for ranks 1 to 6 (dnnl_types.h). */
    @ParameterizedTest
    @ValueSource(strings = {"a", "ab", "abc", "abcd", "abcde", "abcdef", "ba", "acb", "bac", "bca", "cab", "cba",
        "abdc", "acbd", "acdb", "adbc", "adcb", "bacd", "bcda", "cdab", "cdba", "dcab", "abced", "abdec", "acbde",
        "acdeb", "adecb", "bacde", "bcdea", "cdeab", "cdeba", "decab", "abcdfe", "abdefc", "abdfce", "acbdef",
        "adefcb", "defcab"})
    void everyPlainTagOneDnnNamesParsesToItself(String tag) {
        FormatTag t = FormatTag.of(tag);
        assertThat(t.canonical()).isEqualTo(tag);
        assertThat(t.ndims()).isEqualTo(tag.length());
        assertThat(t.isBlocked()).isFalse();
        long[] dims = new long[tag.length()];
        java.util.Arrays.fill(dims, 3);
        assertThat(MemoryDesc.of(dims, DataType.F32, t).format()).isEqualTo(tag);
    }

    @Test
    void aliasesMeanTheirDomainAgnosticTags() {
        Map<String, String> aliases = Map.ofEntries(Map.entry("x", "a"), Map.entry("nc", "ab"), Map.entry("cn", "ba"),
                Map.entry("tn", "ab"), Map.entry("nt", "ba"), Map.entry("ncw", "abc"), Map.entry("nwc", "acb"),
                Map.entry("nchw", "abcd"), Map.entry("nhwc", "acdb"), Map.entry("chwn", "bcda"),
                Map.entry("ncdhw", "abcde"), Map.entry("ndhwc", "acdeb"), Map.entry("oi", "ab"), Map.entry("io", "ba"),
                Map.entry("oiw", "abc"), Map.entry("owi", "acb"), Map.entry("wio", "cba"), Map.entry("iwo", "bca"),
                Map.entry("oihw", "abcd"), Map.entry("hwio", "cdba"), Map.entry("ohwi", "acdb"), Map.entry("ihwo", "bcda"),
                Map.entry("iohw", "bacd"), Map.entry("oidhw", "abcde"), Map.entry("dhwio", "cdeba"),
                Map.entry("odhwi", "acdeb"), Map.entry("idhwo", "bcdea"), Map.entry("goiw", "abcd"),
                Map.entry("gowi", "abdc"), Map.entry("wigo", "dcab"), Map.entry("goihw", "abcde"),
                Map.entry("gohwi", "abdec"), Map.entry("hwigo", "decab"), Map.entry("giohw", "acbde"),
                Map.entry("goidhw", "abcdef"), Map.entry("godhwi", "abdefc"), Map.entry("giodhw", "acbdef"),
                Map.entry("dhwigo", "defcab"), Map.entry("tnc", "abc"), Map.entry("ntc", "bac"),
                Map.entry("nChw16c", "aBcd16b"), Map.entry("nChw8c", "aBcd8b"), Map.entry("nCw16c", "aBc16b"),
                Map.entry("nCdhw16c", "aBcde16b"), Map.entry("OIhw16i16o", "ABcd16b16a"),
                Map.entry("gOIhw16i16o", "aBCde16c16b"));
        aliases.forEach((alias, canonical) -> {
            assertThat(FormatTag.of(alias).canonical()).as(alias).isEqualTo(canonical);
            assertThat(FormatTag.of(alias)).as(alias).isEqualTo(FormatTag.of(canonical));
        });
    }

    @Test
    void blockedTagsDescribeTheirBlocks() {
        FormatTag t = FormatTag.OIHW16I16O;
        assertThat(t.outerOrder()).containsExactly(0, 1, 2, 3);
        assertThat(t.blockDims()).containsExactly(1, 0);
        assertThat(t.blockSizes()).containsExactly(16, 16);
        assertThat(FormatTag.of("ABc4b16a4b").blockDims()).containsExactly(1, 0, 1);
    }

    @Test
    void malformedTagsNameTheProblem() {
        assertThatThrownBy(() -> FormatTag.of("abca")).isInstanceOf(JdnnException.class).hasMessageContaining("'abca'");
        assertThatThrownBy(() -> FormatTag.of("abd")).hasMessageContaining("each of the 3 dimensions once");
        assertThatThrownBy(() -> FormatTag.of("aBcd")).hasMessageContaining("capital but has no block");
        assertThatThrownBy(() -> FormatTag.of("abcd16b")).hasMessageContaining("not written in capitals");
        assertThatThrownBy(() -> FormatTag.of("nqhw")).hasMessageContaining("'q'");
        assertThatThrownBy(() -> FormatTag.of("aBcd16")).hasMessageContaining("malformed block suffix");
        assertThatThrownBy(() -> FormatTag.of("")).hasMessageContaining("1 to 12");
        assertThatThrownBy(() -> FormatTag.of(null)).hasMessageContaining("format tag is null");
        assertThatThrownBy(() -> FormatTag.of("nnhw")).hasMessageContaining("twice");
    }

    @Test
    void plainAndChannelsLastHelpers() {
        assertThat(FormatTag.plain(4)).isEqualTo(FormatTag.NCHW);
        assertThat(FormatTag.channelsLast(4)).isEqualTo(FormatTag.NHWC);
        assertThat(FormatTag.channelsLast(5)).isEqualTo(FormatTag.NDHWC);
        assertThat(FormatTag.channelsLast(3)).isEqualTo(FormatTag.NWC);
        assertThatThrownBy(() -> FormatTag.plain(0)).isInstanceOf(JdnnException.class);
    }
}
