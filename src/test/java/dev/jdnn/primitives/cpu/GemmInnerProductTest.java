package dev.jdnn.primitives.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdnn.engines.Engine;
import dev.jdnn.engines.Stream;
import dev.jdnn.memory.DataType;
import dev.jdnn.memory.FormatTag;
import dev.jdnn.memory.Memory;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.primitives.Arg;
import dev.jdnn.primitives.Args;
import dev.jdnn.primitives.Attr;
import dev.jdnn.primitives.BinaryAlg;
import dev.jdnn.primitives.EltwiseAlg;
import dev.jdnn.primitives.InnerProduct;
import dev.jdnn.primitives.OutputScales;
import dev.jdnn.primitives.PostOps;
import dev.jdnn.primitives.PrimitiveDesc;
import dev.jdnn.primitives.Reorder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The GEMM inner product against the reference, every direction, on small-integer data (exact). */
class GemmInnerProductTest {
    private static Engine two;

    @BeforeAll
    static void start() {
        two = Engine.cpu(2);
    }

    @AfterAll
    static void stop() {
        two.close();
    }

    private static MemoryDesc md(String tag, long... dims) {
        return MemoryDesc.of(dims, DataType.F32, tag);
    }

    private static MemoryDesc any(long... dims) {
        return MemoryDesc.any(dims, DataType.F32);
    }

    /**
     * Builds with normal dispatch and with the reference, fills every input with the same logical
     * values (weights reordered into the fast primitive's layout), compares every output; returns
     * the implementation that ran.
     */
    private static String check(Function<String, PrimitiveDesc> build, long seed) {
        PrimitiveDesc fast = build.apply(null);
        PrimitiveDesc ref = build.apply("ref");
        List<Memory> owned = new ArrayList<>();
        try (Stream s = two.newStream()) {
            Args fa = new Args();
            Args ra = new Args();
            SplittableRandom r = new SplittableRandom(seed);
            for (var e : ref.arguments().entrySet()) {
                Memory rm = Memory.allocate(e.getValue());
                owned.add(rm);
                float[] v = new float[(int) e.getValue().nelems()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = r.nextInt(7) - 3;
                }
                rm.copyFrom(v);
                MemoryDesc fd = fast.arguments().get(e.getKey());
                Memory fm = fd.equals(e.getValue()) ? Memory.allocate(fd) : Reorder.to(two, rm, fd);
                owned.add(fm);
                if (fd.equals(e.getValue())) {
                    fm.copyFrom(v);
                }
                ra.put(e.getKey(), rm);
                fa.put(e.getKey(), fm);
            }
            fast.create().execute(s, fa);
            ref.create().execute(s, ra);
            for (Arg out : ref.arguments().keySet()) {
                if (ref.isOutput(out)) {
                    assertThat(fa.get(out).toFloatArray()).as("%s %s of %s", fast.implName(), out, fast.problem())
                            .containsExactly(ra.get(out).toFloatArray());
                }
            }
            return fast.implName();
        } finally {
            owned.forEach(Memory::close);
        }
    }

    @Test
    void forwardWithPackedOrPlainWeightsInEveryFlatteningOrder() {
        long[][] shapes = {{2, 3, 1, 1, 4}, {5, 7, 3, 3, 9}, {17, 64, 2, 2, 33}, {1, 40, 1, 1, 1000}, {64, 2048, 1, 1, 40}};
        for (long[] sh : shapes) {
            long mb = sh[0], ic = sh[1], h = sh[2], w = sh[3], oc = sh[4];
            for (String stag : new String[] {"nchw", "nhwc"}) {
                String wtag = stag.equals("nchw") ? "oihw" : "ohwi";
                assertThat(check(impl -> InnerProduct.forwardInference(two, md(stag, mb, ic, h, w), any(oc, ic, h, w),
                        any(oc), any(mb, oc)).implementation(impl).build(), mb)).startsWith("gemm:");
                assertThat(check(impl -> InnerProduct.forwardTraining(two, md(stag, mb, ic, h, w), md(wtag, oc, ic, h, w),
                        null, md("ab", mb, oc)).implementation(impl).build(), mb + 1)).startsWith("gemm:");
            }
            assertThat(check(impl -> InnerProduct.forwardInference(two, md("ab", mb, ic * h * w), any(oc, ic * h * w),
                    md("a", oc), any(mb, oc)).implementation(impl).build(), mb + 2)).startsWith("gemm:");
        }
    }

    @Test
    void forwardReportsThePackedLayoutInTheSourcesOrder() {
        int nr = dev.jdnn.engines.gemm.PackedB.panelWidth();
        assertThat(InnerProduct.forwardInference(two, md("nchw", 2, 8, 3, 3), any(16, 8, 3, 3), null, any(2, 16)).build()
                .weightsDesc().format()).isEqualTo("Abcd" + nr + "a");
        assertThat(InnerProduct.forwardInference(two, md("nhwc", 2, 8, 3, 3), any(16, 8, 3, 3), null, any(2, 16)).build()
                .weightsDesc().format()).isEqualTo("Acdb" + nr + "a");
    }

    @Test
    void forwardWithPostOpsAndScales() {
        long mb = 9, ic = 30, oc = 50;
        float[] perOc = new float[(int) oc];
        for (int i = 0; i < oc; i++) {
            perOc[i] = 1 + i % 4;
        }
        Attr[] attrs = {
            Attr.of(PostOps.eltwise(EltwiseAlg.RELU, 0, 0)),
            Attr.of(PostOps.sum(2).thenEltwise(EltwiseAlg.LINEAR, 1, -1)),
            Attr.of(PostOps.binary(BinaryAlg.ADD, md("ab", 1, oc))),
            Attr.of(PostOps.binary(BinaryAlg.MUL, md("ab", mb, 1))).withOutputScales(OutputScales.common(3)),
            Attr.of(OutputScales.of(2, perOc)),
        };
        for (Attr attr : attrs) {
            assertThat(check(impl -> InnerProduct.forwardTraining(two, md("ab", mb, ic), any(oc, ic), any(oc), md("ab", mb, oc))
                    .attr(attr).implementation(impl).build(), attr.hashCode())).startsWith("gemm:");
        }
    }

    @Test
    void backwardDataReportsPackedWeightsWhereTheyFlattenIntoPanels() {
        int nr = dev.jdnn.engines.gemm.PackedB.panelWidth();
        assertThat(InnerProduct.backwardData(two, any(2, 8), any(16, 8), md("ab", 2, 16)).build().weightsDesc().format())
                .isEqualTo("Ba" + nr + "b");
        assertThat(InnerProduct.backwardData(two, md("nchw", 2, 8, 1, 1), any(16, 8, 1, 1), md("ab", 2, 16)).build()
                .weightsDesc().format()).isEqualTo("Bcda" + nr + "b");
        assertThat(InnerProduct.backwardData(two, md("nchw", 2, 8, 3, 3), any(16, 8, 3, 3), md("ab", 2, 16)).build()
                .weightsDesc().format()).isEqualTo("abcd");
        // spatial extent: channels innermost and a multiple of nr of them
        PrimitiveDesc anyData = InnerProduct.backwardData(two, any(2, 2 * nr, 3, 3), any(16, 2 * nr, 3, 3),
                md("ab", 2, 16)).build();
        assertThat(anyData.weightsDesc().format()).isEqualTo("cdBa" + nr + "b");
        assertThat(anyData.arguments().get(Arg.DIFF_SRC).format()).isEqualTo("acdb");
        assertThat(InnerProduct.backwardData(two, md("nhwc", 2, nr, 3, 3), any(16, nr, 3, 3), md("ab", 2, 16)).build()
                .weightsDesc().format()).isEqualTo("cdBa" + nr + "b");
        assertThat(InnerProduct.backwardData(two, md("nchw", 2, nr, 3, 3), any(16, nr, 3, 3), md("ab", 2, 16)).build()
                .weightsDesc().format()).isEqualTo("abcd");
        assertThat(InnerProduct.backwardData(two, any(2, nr + 1, 3, 3), any(16, nr + 1, 3, 3), md("ab", 2, 16)).build()
                .weightsDesc().format()).isEqualTo("abcd");
    }

    @Test
    void backwardDataWithPackedWeights() {
        // (mb, ic, oc): row and column tails, a K (= OC) of one long block and of several
        long[][] shapes = {{2, 3, 4}, {13, 40, 70}, {50, 100, 1024}, {3, 33, 5000}, {100, 70, 300}};
        for (long[] sh : shapes) {
            long mb = sh[0], ic = sh[1], oc = sh[2];
            assertThat(check(impl -> InnerProduct.backwardData(two, any(mb, ic), any(oc, ic), md("ab", mb, oc))
                    .implementation(impl).build(), mb)).startsWith("gemm:");
            assertThat(check(impl -> InnerProduct.backwardData(two, md("ab", mb, ic), any(oc, ic), md("ba", mb, oc))
                    .implementation(impl).build(), mb + 1)).startsWith("gemm:");
        }
        // spatial extent, channels last (chosen for ANY data, or given), 2 and 3 spatial dims
        int nr = dev.jdnn.engines.gemm.PackedB.panelWidth();
        for (long[] sh : new long[][] {{3, nr, 3, 2, 40}, {14, 2 * nr, 2, 5, 700}}) {
            long mb = sh[0], ic = sh[1], h = sh[2], w = sh[3], oc = sh[4];
            assertThat(check(impl -> InnerProduct.backwardData(two, any(mb, ic, h, w), any(oc, ic, h, w), md("ab", mb, oc))
                    .implementation(impl).build(), mb + 2)).startsWith("gemm:");
            assertThat(check(impl -> InnerProduct.backwardData(two, md("nhwc", mb, ic, h, w), any(oc, ic, h, w),
                    md("ba", mb, oc)).implementation(impl).build(), mb + 3)).startsWith("gemm:");
            assertThat(check(impl -> InnerProduct.backwardData(two, any(mb, ic, 2, h, w), any(oc, ic, 2, h, w),
                    md("ab", mb, oc)).implementation(impl).build(), mb + 4)).startsWith("gemm:");
        }
    }

    @Test
    void backwardDataAndWeightsInEveryFlatteningOrder() {
        long[][] shapes = {{2, 3, 1, 1, 4}, {6, 5, 3, 2, 7}, {33, 64, 2, 2, 48}, {128, 100, 1, 1, 1}};
        for (long[] sh : shapes) {
            long mb = sh[0], ic = sh[1], h = sh[2], w = sh[3], oc = sh[4];
            for (String tag : new String[] {"nchw", "nhwc"}) {
                String wtag = tag.equals("nchw") ? "oihw" : "ohwi";
                assertThat(check(impl -> InnerProduct.backwardData(two, md(tag, mb, ic, h, w), any(oc, ic, h, w),
                        md("ab", mb, oc)).implementation(impl).build(), mb)).startsWith("gemm:");
                assertThat(check(impl -> InnerProduct.backwardData(two, any(mb, ic, h, w), md(wtag, oc, ic, h, w),
                        md("ba", mb, oc)).implementation(impl).build(), mb + 1)).startsWith("gemm:");
                assertThat(check(impl -> InnerProduct.backwardWeights(two, md(tag, mb, ic, h, w), any(oc, ic, h, w), any(oc),
                        md("ab", mb, oc)).implementation(impl).build(), mb + 2)).startsWith("gemm:");
                assertThat(check(impl -> InnerProduct.backwardWeights(two, md(tag, mb, ic, h, w), md(wtag, oc, ic, h, w),
                        null, md("ba", mb, oc)).implementation(impl).build(), mb + 3)).startsWith("gemm:");
            }
        }
    }

    @Test
    void layoutsThatDoNotFlattenAlikeFallBackToTheReference() {
        assertThat(check(impl -> InnerProduct.forwardInference(two, md("nhwc", 2, 3, 2, 2), md("oihw", 4, 3, 2, 2), null,
                any(2, 4)).implementation(impl).build(), 1)).isEqualTo("ref");
        assertThat(check(impl -> InnerProduct.forwardInference(two, md("nChw8c", 2, 3, 2, 2), any(4, 3, 2, 2), null,
                any(2, 4)).implementation(impl).build(), 2)).isEqualTo("ref");
        assertThat(check(impl -> InnerProduct.forwardInference(two, md("ab", 2, 3), any(4, 3), null,
                md("ba", 2, 4)).implementation(impl).build(), 3)).isEqualTo("ref");
    }
}
