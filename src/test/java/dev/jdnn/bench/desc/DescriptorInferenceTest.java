package dev.jdnn.bench.desc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** benchdnn's descriptor defaults and inference rules, on hand-checked examples. */
class DescriptorInferenceTest {
    private static ConvDescriptor conv(String d) {
        return ConvDescriptor.parse(d, 0, false);
    }

    @Test
    void minibatchDefaultsToTwoAndMbOptionOverridesIt() {
        assertThat(conv("ic3ih8oc4kh3").mb()).isEqualTo(2);
        assertThat(ConvDescriptor.parse("mb8ic3ih8oc4kh3", 1, false).mb()).isEqualTo(1);
    }

    @Test
    void squarePromotionCopiesHeightToWidth() {
        ConvDescriptor d = conv("mb1ic64ih56oc64oh56kh3ph1");
        assertThat(d.srcDims()).containsExactly(1, 64, 56, 56);
        assertThat(d.dstDims()).containsExactly(1, 64, 56, 56);
        assertThat(d.weightsDims()).containsExactly(64, 64, 3, 3);
        assertThat(d.spatial().used(d.spatial().padL)).containsExactly(1, 1);
        // right padding (56 - 1) * 1 - 56 + 3 - 1 = 1
        assertThat(d.spatial().used(d.spatial().padR)).containsExactly(1, 1);
    }

    @Test
    void missingOutputIsComputedWithZeroPadding() {
        // oh = (224 - 7 + 2 * 3) / 2 + 1 = 112 (integer division)
        ConvDescriptor d = conv("mb1ic3ih224oc64kh7sh2ph3");
        assertThat(d.dstDims()).containsExactly(1, 64, 112, 112);
        // no padding given: oh = (224 - 7) / 2 + 1 = 109
        assertThat(conv("mb1ic3ih224oc64kh7sh2").dstDims()).containsExactly(1, 64, 109, 109);
    }

    @Test
    void missingPaddingIsDeducedAndTheRightOneDerived() {
        // ph = ((56 - 1) * 1 - 56 + 3) / 2 = 1
        assertThat(conv("mb1ic64ih56oc64oh56kh3").spatial().padL[1]).isEqualTo(1);
        // ResNet-50 conv1: right padding (112 - 1) * 2 - 224 + 7 - 3 = 2, not 3
        Spatial sp = conv("mb1ic3ih224oc64oh112kh7sh2ph3").spatial();
        assertThat(sp.padL[1]).isEqualTo(3);
        assertThat(sp.padR[1]).isEqualTo(2);
    }

    @Test
    void dilationZeroIsDenseAndOneSkipsEveryOtherInput() {
        assertThat(conv("mb1ic1ih10oc1kh3").dstDims()[2]).isEqualTo(8);
        // extent (3 - 1) * (1 + 1) + 1 = 5, oh = 10 - 5 + 1 = 6
        assertThat(conv("mb1ic1ih10oc1kh3dh1").dstDims()[2]).isEqualTo(6);
    }

    @Test
    void oneTwoAndThreeDimensionalProblems() {
        ConvDescriptor d1 = conv("mb1ic4iw20oc8kw3");
        assertThat(d1.spatial().ndims()).isEqualTo(1);
        assertThat(d1.srcDims()).containsExactly(1, 4, 20);
        assertThat(d1.dstDims()).containsExactly(1, 8, 18);
        ConvDescriptor d3 = conv("mb1ic4id8oc8kd3pd1");
        assertThat(d3.spatial().ndims()).isEqualTo(3);
        assertThat(d3.srcDims()).containsExactly(1, 4, 8, 8, 8);
        assertThat(d3.dstDims()).containsExactly(1, 8, 8, 8, 8);
        assertThat(d3.weightsDims()).containsExactly(8, 4, 3, 3, 3);
        ConvDescriptor rect = conv("mb1ic1ih4iw6oc1kh1kw3");
        assertThat(rect.dstDims()).containsExactly(1, 1, 4, 4);
    }

    @Test
    void groupsSplitChannelsAndGiveGroupedWeights() {
        ConvDescriptor d = conv("g2mb1ic4ih5oc6kh1");
        assertThat(d.weightsDims()).containsExactly(2, 3, 2, 1, 1);
        assertThat(d.toString()).startsWith("g2mb1ic4");
        assertThatThrownBy(() -> conv("g2mb1ic3ih4oc2kh3")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("multiples of g 2");
    }

    @Test
    void namesAndRepeatCounts() {
        ConvDescriptor d = conv("mb1ic64ih56oc64oh56kh3ph1n\"resnet_50:res2a_branch2b*3\"");
        assertThat(d.name()).isEqualTo("resnet_50:res2a_branch2b*3");
        assertThat(DescriptorLexer.repeatCount(d.name())).isEqualTo(3);
        assertThat(conv("ic1ih4oc1kh1_n\"plain\"").name()).isEqualTo("plain");
    }

    @Test
    void repeatedEntryTakesItsLastValueAsInBenchdnn() {
        assertThat(PoolDescriptor.parse("mb4ic17_iw60_ow31_kw3_sw2_pw1pw2", 0).spatial().padL[2]).isEqualTo(2);
    }

    @Test
    void aDilationAloneDoesNotMakeAnAxisGiven() {
        // oneDNN's pooling shapes_2d: w copies h, dilation included
        Spatial sp = PoolDescriptor.parse("mb1ic8_ih3oh3_kh3ph1_dh2dw2", 0).spatial();
        assertThat(sp.ndims()).isEqualTo(2);
        assertThat(sp.used(sp.in)).containsExactly(3, 3);
        assertThat(sp.used(sp.dilation)).containsExactly(2, 2);
    }

    @Test
    void flopsCountOnlyTapsInsideTheInput() {
        // 3x3, pad 1 on 56: 56 * 3 - 2 taps per axis inside
        assertThat(conv("mb1ic64ih56oc64oh56kh3ph1").flops()).isEqualTo(2.0 * 64 * 64 * 166 * 166);
        assertThat(conv("mb2ic3ih4oc5kh1").flops()).isEqualTo(2.0 * 2 * 5 * 3 * 16);
    }

    @Test
    void deconvolutionUsesTheTransposedSizeRelation() {
        // oh = (5 - 1) * 2 + 3 - 2 * 0 = 11
        ConvDescriptor d = ConvDescriptor.parse("mb1ic4ih5oc4kh3sh2", 0, true);
        assertThat(d.dstDims()).containsExactly(1, 4, 11, 11);
        assertThat(d.spatial().padR[1]).isZero();
        // counted as the convolution it transposes: 11x11 input, 5x5 output, every tap inside
        assertThat(d.flops()).isEqualTo(2.0 * 4 * 4 * 15 * 15);
    }

    @Test
    void poolingAndItsRightPadding() {
        PoolDescriptor p = PoolDescriptor.parse("mb1ic64ih112oh56kh3sh2ph1", 0);
        assertThat(p.dstDims()).containsExactly(1, 64, 56, 56);
        // (56 - 1) * 2 - 112 + 3 - 1 = 0
        assertThat(p.spatial().padR[1]).isZero();
    }

    @Test
    void innerProductAndBatchNormalization() {
        IpDescriptor ip = IpDescriptor.parse("mb2ic3ih4oc5", 0);
        assertThat(ip.srcDims()).containsExactly(2, 3, 4, 4);
        assertThat(ip.weightsDims()).containsExactly(5, 3, 4, 4);
        assertThat(ip.flops()).isEqualTo(2.0 * 2 * 5 * 3 * 16);
        assertThat(IpDescriptor.parse("ic2048oc1000n\"fc\"", 0).srcDims()).containsExactly(2, 2048);
        BnormDescriptor bn = BnormDescriptor.parse("mb96_ic64_ih56iw28eps1e-3n\"bn\"", 0);
        assertThat(bn.dataDims()).containsExactly(96, 64, 56, 28);
        assertThat(bn.eps()).isEqualTo(1e-3);
        assertThat(bn.name()).isEqualTo("bn");
    }

    @Test
    void matmulBroadcastsBatchDims() {
        MatMulDescriptor m = MatMulDescriptor.parse("12x128x64:12x64x128");
        assertThat(m.dst()).containsExactly(12, 128, 128);
        assertThat(m.flops()).isEqualTo(2.0 * 12 * 128 * 128 * 64);
        assertThat(MatMulDescriptor.parse("128x64:3x64x32").src()).containsExactly(1, 128, 64);
        assertThatThrownBy(() -> MatMulDescriptor.parse("2x3:4x5")).isInstanceOf(BadInputException.class);
    }

    @Test
    void gemmDescriptorWithTransposesAndName() {
        GemmDescriptor g = GemmDescriptor.parse("1024x512x256");
        assertThat(g.m()).isEqualTo(1024);
        assertThat(g.n()).isEqualTo(512);
        assertThat(g.k()).isEqualTo(256);
        assertThat(g.transA() || g.transB()).isFalse();
        assertThat(g.flops()).isEqualTo(2.0 * 1024 * 512 * 256);
        GemmDescriptor t = GemmDescriptor.parse("8x4x2_tAtB_n\"x\"");
        assertThat(t.transA() && t.transB()).isTrue();
        assertThat(t.name()).isEqualTo("x");
        assertThat(GemmDescriptor.parse("8x4x2_tB").transA()).isFalse();
        assertThat(t.toString()).isEqualTo("8x4x2_tA_tB_n\"x\"");
        assertThatThrownBy(() -> GemmDescriptor.parse("8x4")).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> GemmDescriptor.parse("8x4x2_tC")).isInstanceOf(BadInputException.class);
    }

    @Test
    void malformedDescriptorsNameTheProblem() {
        assertThatThrownBy(() -> conv("mb1ic3ih5")).isInstanceOf(BadInputException.class).hasMessageContaining("ic and oc");
        assertThatThrownBy(() -> conv("mb1ic3ihxoc2")).hasMessageContaining("'mb1ic3ihxoc2'");
        assertThatThrownBy(() -> conv("mb1ic3oc2")).hasMessageContaining("no spatial dimension");
        assertThatThrownBy(() -> conv("mb1ic3ih2oc2kh5")).hasMessageContaining("output size");
    }
}
