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
import dev.jdnn.primitives.MatMul;
import dev.jdnn.primitives.OutputScales;
import dev.jdnn.primitives.PostOp;
import dev.jdnn.primitives.PostOps;
import dev.jdnn.primitives.PrimitiveDesc;
import dev.jdnn.primitives.Reorder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The GEMM matmul against the reference on small-integer data (exact in any summation order):
 * shapes with every tail, batch broadcast, transposed operands, packed and plain weights, every bias
 * mask, post-op chains and output scales, on 1 and 2 threads.
 */
class GemmMatMulTest {
    private static Engine one;
    private static Engine two;

    @BeforeAll
    static void start() {
        one = Engine.cpu(1);
        two = Engine.cpu(2);
    }

    @AfterAll
    static void stop() {
        one.close();
        two.close();
    }

    private static MemoryDesc md(long[] dims, String tag) {
        return MemoryDesc.of(dims, DataType.F32, tag);
    }

    private static float[] ints(long n, long seed, int lo, int hi) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + r.nextInt(hi - lo + 1);
        }
        return v;
    }

    /** Runs the problem with normal dispatch and with the reference; returns the implementation that ran. */
    static String check(Engine e, MemoryDesc src, MemoryDesc wei, MemoryDesc bias, MemoryDesc dst, Attr attr,
            double tolerance, long seed) {
        PrimitiveDesc fast = MatMul.of(e, src, wei, bias, dst).attr(attr).build();
        PrimitiveDesc ref = MatMul.of(e, src, wei.isAny() ? wei.withFormat(FormatTag.plain(wei.ndims())) : wei, bias,
                dst.isAny() ? dst.withFormat(FormatTag.plain(dst.ndims())) : dst).attr(attr).implementation("ref").build();
        List<Memory> owned = new ArrayList<>();
        try (Stream s = e.newStream()) {
            Args fa = new Args();
            Args ra = new Args();
            long arg = 0;
            for (var entry : fast.arguments().entrySet()) {
                Arg a = entry.getKey();
                MemoryDesc rd = ref.arguments().get(a);
                float[] values = ints(rd.nelems(), seed + 31 * arg++, -3, 3);
                Memory rm = Memory.allocate(rd);
                owned.add(rm);
                rm.copyFrom(values);
                Memory fm;
                if (a.equals(Arg.WEIGHTS) && !entry.getValue().equals(rd)) {
                    fm = Reorder.to(e, rm, entry.getValue());
                } else {
                    fm = seed % 2 == 0 ? Memory.allocate(entry.getValue()) : Memory.wrap(entry.getValue(),
                            new float[Math.toIntExact(entry.getValue().spanElements())]);
                    fm.copyFrom(values);
                }
                owned.add(fm);
                fa.put(a, fm);
                ra.put(a, rm);
            }
            fast.create().execute(s, fa);
            ref.create().execute(s, ra);
            float[] got = fa.get(Arg.DST).toFloatArray();
            float[] want = ra.get(Arg.DST).toFloatArray();
            for (int i = 0; i < got.length; i++) {
                double tol = tolerance * Math.max(1, Math.abs(want[i]));
                assertThat((double) Math.abs(got[i] - want[i])).as("%s: element %d of %s x %s -> %s, %s",
                        fast.implName(), i, src, wei, dst, attr).isLessThanOrEqualTo(tol);
            }
            return fast.implName();
        } finally {
            owned.forEach(Memory::close);
        }
    }

    @Test
    void twoDimensionalShapesWithEveryTail() {
        SplittableRandom r = new SplittableRandom(5);
        for (int rep = 0; rep < 40; rep++) {
            int m = 1 + r.nextInt(67);
            int n = 1 + r.nextInt(67);
            int k = 1 + r.nextInt(67);
            Engine e = rep % 2 == 0 ? one : two;
            String impl = check(e, md(new long[] {m, k}, "ab"), MemoryDesc.any(new long[] {k, n}, DataType.F32), null,
                    md(new long[] {m, n}, "ab"), Attr.NONE, 0, rep);
            assertThat(impl).startsWith("gemm:");
        }
        for (int[] mnk : new int[][] {{384, 768, 768}, {128, 3072, 96}, {1, 300, 500}, {500, 1, 40}, {260, 130, 1100}}) {
            assertThat(check(two, md(new long[] {mnk[0], mnk[2]}, "ab"), md(new long[] {mnk[2], mnk[1]}, "ab"), null,
                    md(new long[] {mnk[0], mnk[1]}, "ab"), Attr.NONE, 0, mnk[0])).startsWith("gemm:");
        }
    }

    @Test
    void transposedOperandsAndPaddedRowsNeedNoCopy() {
        long m = 37;
        long n = 45;
        long k = 29;
        MemoryDesc aT = md(new long[] {m, k}, "ba");
        MemoryDesc bT = md(new long[] {k, n}, "ba");
        MemoryDesc aPad = MemoryDesc.ofStrides(new long[] {m, k}, DataType.F32, new long[] {k + 3, 1});
        MemoryDesc cPad = MemoryDesc.ofStrides(new long[] {m, n}, DataType.F32, new long[] {n + 5, 1});
        MemoryDesc c = md(new long[] {m, n}, "ab");
        for (MemoryDesc a : new MemoryDesc[] {aT, aPad}) {
            for (MemoryDesc b : new MemoryDesc[] {bT, md(new long[] {k, n}, "ab")}) {
                for (MemoryDesc dst : new MemoryDesc[] {c, cPad}) {
                    assertThat(check(two, a, b, null, dst, Attr.NONE, 0, 11)).startsWith("gemm:");
                }
            }
        }
        // a transposed dst is not a GEMM output: the reference takes it
        assertThat(check(two, aT, bT, null, md(new long[] {m, n}, "ba"), Attr.NONE, 0, 12)).isEqualTo("ref");
    }

    @Test
    void batchesWithBroadcastAndPackedOrBatchedWeights() {
        long[][][] shapes = {
            {{3, 20, 30}, {3, 30, 25}}, {{3, 20, 30}, {1, 30, 25}}, {{1, 20, 30}, {4, 30, 25}},
            {{2, 1, 7, 9}, {1, 3, 9, 5}}, {{12, 64, 32}, {12, 32, 64}}, {{24, 8, 16}, {1, 16, 8}},
        };
        for (long[][] s : shapes) {
            long[] dst = new long[s[0].length];
            for (int i = 0; i < dst.length - 2; i++) {
                dst[i] = Math.max(s[0][i], s[1][i]);
            }
            dst[dst.length - 2] = s[0][dst.length - 2];
            dst[dst.length - 1] = s[1][dst.length - 1];
            String plain = FormatTag.plain(dst.length).canonical();
            for (Engine e : new Engine[] {one, two}) {
                assertThat(check(e, md(s[0], plain), MemoryDesc.any(s[1], DataType.F32), null, md(dst, plain), Attr.NONE, 0, 3))
                        .startsWith("gemm:");
                assertThat(check(e, md(s[0], plain), md(s[1], plain), null, md(dst, plain), Attr.NONE, 0, 4)).startsWith("gemm:");
            }
        }
    }

    @Test
    void packedWeightsLayoutIsReportedForAny() {
        PrimitiveDesc pd = MatMul.of(two, md(new long[] {8, 40}, "ab"), MemoryDesc.any(new long[] {40, 50}, DataType.F32), null,
                md(new long[] {8, 50}, "ab")).build();
        int nr = dev.jdnn.engines.gemm.PackedB.panelWidth();
        assertThat(pd.weightsDesc().format()).isEqualTo("Ba" + nr + "b");
        PrimitiveDesc batched = MatMul.of(two, md(new long[] {2, 8, 40}, "abc"), MemoryDesc.any(new long[] {1, 40, 50},
                DataType.F32), null, md(new long[] {2, 8, 50}, "abc")).build();
        assertThat(batched.weightsDesc().format()).isEqualTo("aCb" + nr + "c");
    }

    @Test
    void everyBiasMask() {
        long[] dst = {2, 13, 21};
        for (int mask = 0; mask < 8; mask++) {
            long[] b = new long[3];
            for (int i = 0; i < 3; i++) {
                b[i] = (mask & 1 << i) != 0 ? dst[i] : 1;
            }
            assertThat(check(two, md(new long[] {2, 13, 17}, "abc"), md(new long[] {2, 17, 21}, "abc"), md(b, "abc"),
                    md(dst, "abc"), Attr.NONE, 0, mask)).startsWith("gemm:");
        }
    }

    @Test
    void postOpChainsAndOutputScales() {
        long m = 33;
        long n = 70;
        long k = 19;
        MemoryDesc a = md(new long[] {m, k}, "ab");
        MemoryDesc b = MemoryDesc.any(new long[] {k, n}, DataType.F32);
        MemoryDesc bias = md(new long[] {1, n}, "ab");
        MemoryDesc c = md(new long[] {m, n}, "ab");
        float[] perN = new float[(int) n];
        for (int i = 0; i < n; i++) {
            perN[i] = 1 + i % 3;
        }
        List<Attr> exact = List.of(
                Attr.of(PostOps.eltwise(EltwiseAlg.RELU, 0, 0)),
                Attr.of(PostOps.sum(2)),
                Attr.of(PostOps.sum(1).thenEltwise(EltwiseAlg.RELU, 0.5f, 0)),
                Attr.of(PostOps.binary(BinaryAlg.ADD, md(new long[] {1, n}, "ab"))),
                Attr.of(PostOps.binary(BinaryAlg.MUL, md(new long[] {m, 1}, "ab")).thenBinary(BinaryAlg.MAX, md(new long[] {1, 1}, "ab"))),
                Attr.of(PostOps.binary(BinaryAlg.SUB, md(new long[] {m, n}, "ba"))),
                Attr.of(PostOps.of(new PostOp.Eltwise(EltwiseAlg.LINEAR, 2, -1, 3))).withOutputScales(OutputScales.common(2)),
                Attr.of(OutputScales.of(2, perN)),
                Attr.of(PostOps.sum(0.5f).thenEltwise(EltwiseAlg.CLIP, -4, 40)).withOutputScales(OutputScales.common(0.25f)),
                Attr.of(PostOps.binary(BinaryAlg.GE, md(new long[] {1, n}, "ab")).thenEltwise(EltwiseAlg.SQUARE, 0, 0)));
        for (Attr attr : exact) {
            for (Engine e : new Engine[] {one, two}) {
                // an even seed and an odd one: memory allocated (native) and wrapped around an array
                for (long seed : new long[] {2L * attr.hashCode(), 2L * attr.hashCode() + 1}) {
                    assertThat(check(e, a, b, bias, c, attr, 0, seed)).as("%s", attr).startsWith("gemm:");
                }
            }
        }
        for (EltwiseAlg alg : new EltwiseAlg[] {EltwiseAlg.GELU_ERF, EltwiseAlg.GELU_TANH, EltwiseAlg.TANH, EltwiseAlg.SWISH,
            EltwiseAlg.LOGISTIC, EltwiseAlg.ELU}) {
            Attr attr = Attr.of(PostOps.eltwise(alg, 1, 0));
            assertThat(check(two, a, b, bias, c, attr, 1e-5, 9)).startsWith("gemm:");
        }
    }

    /**
     * Matrix-vector products, whose epilogue runs once on the whole of C after the product: a block
     * larger than the epilogue stages at once (4096 floats), taken in pieces; every kind of step with
     * its operand at the pieces' offsets.
     */
    @Test
    void epilogueOnBlocksLargerThanItsStaging() {
        for (long[] mn : new long[][] {{1, 5000}, {5000, 1}, {2, 4500}}) {
            long m = mn[0];
            long n = mn[1];
            long k = 7;
            MemoryDesc a = md(new long[] {m, k}, "ab");
            MemoryDesc b = md(new long[] {k, n}, "ab");
            MemoryDesc bias = md(new long[] {1, n}, "ab");
            MemoryDesc c = md(new long[] {m, n}, "ab");
            float[] perN = new float[(int) n];
            for (int i = 0; i < n; i++) {
                perN[i] = 1 + i % 5;
            }
            List<Attr> attrs = List.of(Attr.NONE, Attr.of(PostOps.eltwise(EltwiseAlg.RELU, 0.5f, 0)),
                    Attr.of(PostOps.sum(2).thenBinary(BinaryAlg.ADD, md(new long[] {1, n}, "ab"))),
                    Attr.of(PostOps.binary(BinaryAlg.MUL, md(new long[] {m, 1}, "ab"))
                            .thenBinary(BinaryAlg.SUB, md(new long[] {m, n}, "ba"))),
                    Attr.of(OutputScales.of(2, perN)));
            for (Attr attr : attrs) {
                for (Engine e : new Engine[] {one, two}) {
                    for (long seed : new long[] {2L * attr.hashCode(), 2L * attr.hashCode() + 1}) { // native, array
                        assertThat(check(e, a, b, bias, c, attr, 0, seed + 2 * m)).as("%s %dx%d", attr, m, n)
                                .startsWith("gemm:");
                    }
                }
            }
        }
    }

    @Test
    void whatTheEpilogueCannotFuseFallsBackToTheReference() {
        MemoryDesc a = md(new long[] {9, 8}, "ab");
        MemoryDesc b = md(new long[] {8, 10}, "ab");
        MemoryDesc c = md(new long[] {9, 10}, "ab");
        float[] perN = new float[10];
        java.util.Arrays.fill(perN, 2);
        assertThat(check(one, a, b, null, c, Attr.of(PostOps.eltwise(EltwiseAlg.RELU, 0, 0).thenSum(2)), 0, 1)).isEqualTo("ref");
        assertThat(check(one, a, b, null, c, Attr.of(PostOps.sum(1)).withOutputScales(OutputScales.of(2, perN)), 0, 2))
                .isEqualTo("ref");
        assertThat(check(one, a, b, null, c, Attr.of(PostOps.binary(BinaryAlg.ADD, md(new long[] {9, 10}, "aB8b"))), 0, 3))
                .isEqualTo("ref");
        assertThat(check(one, md(new long[] {9, 8}, "AB8a8b"), b, null, c, Attr.NONE, 0, 4)).isEqualTo("ref");
    }
}
