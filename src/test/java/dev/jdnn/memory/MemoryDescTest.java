package dev.jdnn.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MemoryDescTest {
    private static final DataType F32 = DataType.F32;

    @Test
    void plainLayoutsHaveRowMajorStridesInTheirOrder() {
        MemoryDesc nchw = MemoryDesc.of(new long[] {2, 3, 4, 5}, F32, FormatTag.NCHW);
        assertThat(nchw.strides()).containsExactly(60, 20, 5, 1);
        MemoryDesc nhwc = MemoryDesc.of(new long[] {2, 3, 4, 5}, F32, FormatTag.NHWC);
        assertThat(nhwc.strides()).containsExactly(60, 1, 15, 3);
        assertThat(nhwc.offset(1, 2, 3, 4)).isEqualTo(60 + 2 + 45 + 12);
        assertThat(nhwc.sizeInBytes()).isEqualTo(2 * 3 * 4 * 5 * 4);
        assertThat(nhwc.format()).isEqualTo("acdb");
        assertThat(nhwc.isDense()).isTrue();
        assertThat(nhwc.isPlain()).isTrue();
    }

    @Test
    void blockedChannelsArePaddedToWholeBlocks() {
        MemoryDesc d = MemoryDesc.of(new long[] {2, 17, 3, 3}, F32, FormatTag.NCHW16C);
        assertThat(d.paddedDims()).containsExactly(2, 32, 3, 3);
        assertThat(d.strides()).containsExactly(2 * 9 * 16, 9 * 16, 3 * 16, 16);
        assertThat(d.sizeInBytes()).isEqualTo(2L * 32 * 9 * 4);
        // channel 17 = block 1, lane 0; channel 5 = block 0, lane 5
        assertThat(d.offset(1, 16, 2, 1)).isEqualTo(288 + 144 + 2 * 48 + 16 + 0);
        assertThat(d.offset(0, 5, 0, 0)).isEqualTo(5);
        assertThat(d.format()).isEqualTo("aBcd16b");
        assertThat(d.isBlocked()).isTrue();
        assertThat(d.isPlain()).isFalse();
    }

    @Test
    void twoLevelWeightBlocks() {
        MemoryDesc d = MemoryDesc.of(new long[] {20, 18, 3, 3}, F32, FormatTag.OIHW16I16O);
        assertThat(d.paddedDims()).containsExactly(32, 32, 3, 3);
        // o = 17 (block 1, lane 1), i = 18 padded... use i = 3 (block 0, lane 3): inner = i_lane * 16 + o_lane
        long expected = 1 * d.stride(0) + 0 * d.stride(1) + 2 * d.stride(2) + 1 * d.stride(3) + 3 * 16 + 1;
        assertThat(d.offset(17, 3, 2, 1)).isEqualTo(expected);
        assertThat(d.format()).isEqualTo("ABcd16b16a");
    }

    @Test
    void offsetIsTheSumOfAxisOffsetsInEveryLayout() {
        for (String tag : new String[] {"nchw", "nhwc", "nChw8c", "nChw16c", "chwn", "ABcd4b16a4b"}) {
            MemoryDesc d = MemoryDesc.of(new long[] {3, 21, 2, 5}, F32, tag);
            long[] idx = {2, 19, 1, 3};
            long sum = 0;
            for (int i = 0; i < 4; i++) {
                sum += d.axisOffset(i, idx[i]);
            }
            assertThat(d.offset(idx)).as(tag).isEqualTo(sum);
        }
    }

    @Test
    void everyElementOfABlockedLayoutHasItsOwnOffset() {
        MemoryDesc d = MemoryDesc.of(new long[] {2, 19, 3, 2}, F32, "nChw8c");
        java.util.Set<Long> seen = new java.util.HashSet<>();
        LogicalIndex.forEach(d, (pos, off) -> {
            assertThat(off).isBetween(0L, d.spanElements() - 1);
            assertThat(seen.add(off)).isTrue();
        });
        assertThat(seen).hasSize((int) d.nelems());
    }

    @Test
    void explicitStridesDescribeViewsAndTransposes() {
        MemoryDesc rowsPadded = MemoryDesc.ofStrides(new long[] {3, 4}, F32, new long[] {7, 1});
        assertThat(rowsPadded.sizeInBytes()).isEqualTo((2 * 7 + 3 + 1) * 4);
        assertThat(rowsPadded.isDense()).isFalse();
        assertThat(rowsPadded.toString()).contains("strides=7:1");
        MemoryDesc transposed = MemoryDesc.ofStrides(new long[] {3, 4}, F32, new long[] {1, 3});
        assertThat(transposed).isEqualTo(MemoryDesc.of(new long[] {3, 4}, F32, FormatTag.BA));
        assertThat(transposed.format()).isEqualTo("ba");
    }

    @Test
    void equalityIsByValue() {
        MemoryDesc a = MemoryDesc.of(new long[] {2, 3, 4, 5}, F32, FormatTag.NCHW);
        assertThat(a).isEqualTo(MemoryDesc.of(new long[] {2, 3, 4, 5}, F32, FormatTag.OIHW));
        assertThat(a).isEqualTo(MemoryDesc.ofStrides(new long[] {2, 3, 4, 5}, F32, new long[] {60, 20, 5, 1}));
        assertThat(a.hashCode()).isEqualTo(MemoryDesc.plain(new long[] {2, 3, 4, 5}, F32).hashCode());
        assertThat(a).isNotEqualTo(a.withDataType(DataType.BF16));
        assertThat(a).isNotEqualTo(MemoryDesc.of(new long[] {2, 3, 4, 5}, F32, FormatTag.NHWC));
        assertThat(a).isNotEqualTo(MemoryDesc.any(new long[] {2, 3, 4, 5}, F32));
        assertThat(a.matches(FormatTag.NCHW)).isTrue();
        assertThat(a.matches(FormatTag.NHWC)).isFalse();
    }

    @Test
    void readableToString() {
        assertThat(MemoryDesc.of(new long[] {2, 64, 56, 56}, F32, FormatTag.NHWC).toString()).isEqualTo("f32 2x64x56x56 acdb");
        assertThat(MemoryDesc.any(new long[] {8, 8}, F32).toString()).isEqualTo("f32 8x8 any");
    }

    @Test
    void longIndexingBeyondTwoToTheThirtyOne() {
        MemoryDesc d = MemoryDesc.of(new long[] {3, 1L << 30}, F32, FormatTag.AB);
        assertThat(d.nelems()).isEqualTo(3L << 30);
        assertThat(d.offset(2, (1L << 30) - 1)).isEqualTo((3L << 30) - 1);
        assertThat(d.sizeInBytes()).isEqualTo(12L << 30);
    }

    @Test
    void badDimsAreRejectedWithTheirValue() {
        assertThatThrownBy(() -> MemoryDesc.of(null, F32, FormatTag.NCHW)).isInstanceOf(JdnnException.class)
                .hasMessageContaining("dims is null");
        assertThatThrownBy(() -> MemoryDesc.of(new long[] {2, 0, 3, 3}, F32, FormatTag.NCHW))
                .hasMessageContaining("dims[1] = 0");
        assertThatThrownBy(() -> MemoryDesc.of(new long[] {2, -3, 3, 3}, F32, FormatTag.NCHW))
                .hasMessageContaining("dims[1] = -3");
        assertThatThrownBy(() -> MemoryDesc.of(new long[] {1L << 40, 1L << 40}, F32, FormatTag.AB))
                .hasMessageContaining("overflows");
        assertThatThrownBy(() -> MemoryDesc.of(new long[] {1L << 31, 1L << 31}, F32, FormatTag.AB))
                .hasMessageContaining("overflows");
        assertThatThrownBy(() -> MemoryDesc.of(new long[0], F32, FormatTag.NCHW)).hasMessageContaining("rank 0");
        assertThatThrownBy(() -> MemoryDesc.of(new long[7], F32, "abcdefg")).hasMessageContaining("rank 7");
        assertThatThrownBy(() -> MemoryDesc.of(new long[] {2, 3, 4}, F32, FormatTag.NCHW))
                .hasMessageContaining("'nchw' has 4 dimensions but dims 2x3x4 have 3");
        assertThatThrownBy(() -> MemoryDesc.of(new long[] {2, 3}, null, FormatTag.AB)).hasMessageContaining("data type is null");
        assertThatThrownBy(() -> MemoryDesc.ofStrides(new long[] {2, 3}, F32, new long[] {3})).hasMessageContaining("have 1 entries");
        assertThatThrownBy(() -> MemoryDesc.ofStrides(new long[] {2, 3}, F32, new long[] {3, -1}))
                .hasMessageContaining("strides[1] = -1");
        for (var e : new JdnnException[] {catchIt(() -> MemoryDesc.of(new long[] {0}, F32, FormatTag.A))}) {
            assertThat(e.status()).isEqualTo(Status.INVALID_ARGUMENTS);
        }
    }

    @Test
    void anyHasNoLayoutYet() {
        MemoryDesc any = MemoryDesc.any(new long[] {2, 3}, F32);
        assertThat(any.isAny()).isTrue();
        assertThat(any.format()).isEqualTo("any");
        assertThatThrownBy(any::sizeInBytes).hasMessageContaining("format any");
        assertThatThrownBy(any::strides).hasMessageContaining("format any");
    }

    @Test
    void dataTypesKnowTheirSizeAndName() {
        assertThat(DataType.F32.size()).isEqualTo(4);
        assertThat(DataType.BF16.size()).isEqualTo(2);
        assertThat(DataType.F16.size()).isEqualTo(2);
        assertThat(DataType.S32.size()).isEqualTo(4);
        assertThat(DataType.S8.size()).isEqualTo(1);
        assertThat(DataType.U8.size()).isEqualTo(1);
        assertThat(DataType.of("bf16")).isEqualTo(DataType.BF16);
        assertThat(DataType.S8.toString()).isEqualTo("s8");
        assertThatThrownBy(() -> DataType.of("f64")).hasMessageContaining("'f64'");
    }

    private static JdnnException catchIt(Runnable r) {
        try {
            r.run();
        } catch (JdnnException e) {
            return e;
        }
        throw new AssertionError("no exception");
    }
}
