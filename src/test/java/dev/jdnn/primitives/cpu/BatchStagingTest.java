package dev.jdnn.primitives.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdnn.engines.Engine;
import dev.jdnn.engines.Stream;
import dev.jdnn.memory.DataType;
import dev.jdnn.memory.Memory;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.primitives.Arg;
import dev.jdnn.primitives.Args;
import dev.jdnn.primitives.Attr;
import dev.jdnn.primitives.BinaryAlg;
import dev.jdnn.primitives.EltwiseAlg;
import dev.jdnn.primitives.MatMul;
import dev.jdnn.primitives.MatMulDesc;
import dev.jdnn.primitives.PostOps;
import dev.jdnn.primitives.Primitive;
import dev.jdnn.primitives.PrimitiveDesc;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Batched matmuls big enough for {@link BatchStaging} (many small GEMMs, operands beyond the caches),
 * on small-integer data (exact in any order): the staged result equals a plain loop's and the
 * unstaged primitive's, with C staged, A and B staged, or all three, with broadcast operands, a
 * transposed source, a per-batch bias, post-ops and runs that do not divide the batches, on 1 and 2
 * threads, native and heap memory.
 */
class BatchStagingTest {
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

    @AfterEach
    void stagingBackToDefaults() {
        BatchStaging.off = false;
        BatchStaging.stageDst = true;
        BatchStaging.stageOperands = false;
    }

    private static MemoryDesc md(long[] dims, String tag) {
        return MemoryDesc.of(dims, DataType.F32, tag);
    }

    @Test
    void bothOperandsStaged() {
        // 601 batches of 40x40x64: 16 MB of operands, runs of 9 to 25 (the last one short)
        check(md(new long[] {601, 40, 40}, "abc"), md(new long[] {601, 40, 64}, "abc"), null,
                md(new long[] {601, 40, 64}, "abc"), true, true);
    }

    @Test
    void broadcastWeightsStayInPlace() {
        // one B for all batches: only A is staged
        check(md(new long[] {1501, 40, 64}, "abc"), md(new long[] {1, 64, 40}, "abc"), null,
                md(new long[] {1501, 40, 40}, "abc"), true, false);
    }

    @Test
    void broadcastSourceTransposedWeightsAndABias() {
        // A shared by the batches of a dim, B stored transposed (k innermost), a bias per batch
        check(md(new long[] {1, 30, 40, 32}, "abcd"), md(new long[] {25, 30, 32, 48}, "abdc"),
                md(new long[] {25, 30, 1, 48}, "abcd"), md(new long[] {25, 30, 40, 48}, "abcd"), true, true);
    }

    @Test
    void transposedSource() {
        check(md(new long[] {700, 36, 50}, "acb"), md(new long[] {700, 50, 44}, "abc"), null,
                md(new long[] {700, 36, 44}, "abc"), true, true);
    }

    @Test
    void postOpsOnStagedC() {
        // 331 batches of 40x40x64 (8.8 MB): bias, a per-batch-and-row binary operand, an eltwise; and a
        // sum, which reads dst, so C is written in place
        MemoryDesc a = md(new long[] {331, 40, 40}, "abc");
        MemoryDesc b = md(new long[] {331, 40, 64}, "abc");
        MemoryDesc bias = md(new long[] {1, 1, 64}, "abc");
        MemoryDesc c = md(new long[] {331, 40, 64}, "abc");
        MatMulDesc d = new MatMulDesc(a, b, bias, c);
        assertThat(BatchStaging.of(d, 40, 64, 40, MatrixView.of(a, 1, 2), MatrixView.of(b, 1, 2), false,
                MatrixView.of(c, 1, 2), false).stagesC()).isTrue();
        assertThat(BatchStaging.of(d, 40, 64, 40, MatrixView.of(a, 1, 2), MatrixView.of(b, 1, 2), false,
                MatrixView.of(c, 1, 2), true)).as("a read C, nothing else to stage").isNull();
        Attr postOps = Attr.of(PostOps.binary(BinaryAlg.MUL, md(new long[] {331, 40, 1}, "abc"))
                .thenEltwise(EltwiseAlg.RELU, 0.5f, 0));
        Attr sum = Attr.of(PostOps.sum(2).thenEltwise(EltwiseAlg.RELU, 0, 0));
        for (boolean operands : new boolean[] {false, true}) {
            BatchStaging.stageOperands = operands;
            for (Engine e : new Engine[] {one, two}) {
                for (long seed : new long[] {4, 5}) { // native, heap
                    assertThat(GemmMatMulTest.check(e, a, b, bias, c, postOps, 0, seed)).startsWith("gemm:");
                    assertThat(GemmMatMulTest.check(e, a, b, bias, c, sum, 0, seed)).startsWith("gemm:");
                }
            }
        }
    }

    @Test
    void stridedOrReadDstIsNotStaged() {
        MemoryDesc a = md(new long[] {2048, 40, 40}, "abc");
        MemoryDesc b = md(new long[] {2048, 40, 64}, "abc");
        MatMulDesc d = new MatMulDesc(a, b, null, md(new long[] {2048, 40, 64}, "abc"));
        BatchStaging.stageOperands = true;
        BatchStaging padded = BatchStaging.of(d, 40, 64, 40, MatrixView.of(a, 1, 2), MatrixView.of(b, 1, 2), false,
                new MatrixView(false, 72), false);
        assertThat(padded.stagesC()).as("rows 72 apart: a copy of the span would write between them").isFalse();
        assertThat(padded.stagesA()).isTrue();
        BatchStaging read = BatchStaging.of(d, 40, 64, 40, MatrixView.of(a, 1, 2), MatrixView.of(b, 1, 2), false,
                MatrixView.of(d.dst(), 1, 2), true);
        assertThat(read.stagesC()).isFalse();
        assertThat(read.stagesB()).isTrue();
    }

    @Test
    void notPlannedWhereItCannotPay() {
        // operands that fit the caches; GEMMs big enough to hide their streams; nothing that varies
        assertThat(plan(new long[] {16, 40, 64}, new long[] {16, 64, 40})).isNull();
        assertThat(plan(new long[] {64, 256, 256}, new long[] {64, 256, 256})).isNull();
        assertThat(plan(new long[] {1, 4000, 64}, new long[] {1, 64, 40})).isNull();
        assertThat(plan(new long[] {2048, 40, 64}, new long[] {2048, 64, 40})).isNotNull();
    }

    private static BatchStaging plan(long[] a, long[] b) {
        long[] c = {a[0], a[1], b[2]};
        MatMulDesc d = new MatMulDesc(md(a, "abc"), md(b, "abc"), null, md(c, "abc"));
        return BatchStaging.of(d, (int) a[1], (int) b[2], (int) a[2], MatrixView.of(d.src(), 1, 2),
                MatrixView.of(d.weights(), 1, 2), false, MatrixView.of(d.dst(), 1, 2), false);
    }

    /**
     * Runs the problem with each staging (C; A and B; all three) and unstaged, on both engines and
     * both memory kinds, against a plain loop.
     */
    private static void check(MemoryDesc src, MemoryDesc wei, MemoryDesc bias, MemoryDesc dst, boolean stagesA,
            boolean stagesB) {
        MatMulDesc d = new MatMulDesc(src, wei, bias, dst);
        int r = src.ndims();
        float[] a = ints(src.nelems(), 1);
        float[] b = ints(wei.nelems(), 2);
        float[] bs = bias == null ? null : ints(bias.nelems(), 3);
        float[] want = naive(d, a, b, bs);
        for (boolean[] which : new boolean[][] {{true, false}, {false, true}, {true, true}}) {
            BatchStaging.stageDst = which[0];
            BatchStaging.stageOperands = which[1];
            BatchStaging plan = BatchStaging.of(d, (int) d.m(), (int) d.n(), (int) d.k(), MatrixView.of(src, r - 2, r - 1),
                    MatrixView.of(wei, r - 2, r - 1), false, MatrixView.of(dst, r - 2, r - 1), false);
            assertThat(plan).as("staging planned for %s x %s", src, wei).isNotNull();
            assertThat(plan.stagesC()).isEqualTo(which[0]);
            assertThat(plan.stagesA()).isEqualTo(which[1] && stagesA);
            assertThat(plan.stagesB()).isEqualTo(which[1] && stagesB);
            assertThat(d.batch() % plan.run()).as("runs that do not divide the batches").isNotZero();
            for (Engine e : new Engine[] {one, two}) {
                for (boolean heap : new boolean[] {false, true}) {
                    for (boolean off : new boolean[] {false, true}) {
                        BatchStaging.off = off;
                        float[] got = run(e, d, a, b, bs, heap);
                        assertThat(got).as("%s x %s, %d threads, %s memory, staging %s (C %s, A and B %s)", src, wei,
                                e.threads(), heap ? "heap" : "native", off ? "off" : "on", which[0], which[1])
                                .isEqualTo(want);
                    }
                }
            }
        }
    }

    private static float[] run(Engine e, MatMulDesc d, float[] a, float[] b, float[] bias, boolean heap) {
        PrimitiveDesc pd = MatMul.of(e, d.src(), d.weights(), d.bias(), d.dst()).attr(Attr.NONE).build();
        assertThat(pd.implName()).startsWith("gemm:");
        Primitive p = pd.create();
        try (Memory ms = memory(d.src(), a, heap); Memory mw = memory(d.weights(), b, heap);
                Memory mb = bias == null ? null : memory(d.bias(), bias, heap);
                Memory mdst = memory(d.dst(), null, heap); Stream s = e.newStream()) {
            Args args = new Args();
            args.put(Arg.SRC, ms);
            args.put(Arg.WEIGHTS, mw);
            if (mb != null) {
                args.put(Arg.BIAS, mb);
            }
            args.put(Arg.DST, mdst);
            p.execute(s, args);
            return mdst.toFloatArray();
        }
    }

    private static Memory memory(MemoryDesc md, float[] values, boolean heap) {
        Memory m = heap ? Memory.wrap(md, new float[Math.toIntExact(md.spanElements())]) : Memory.allocate(md);
        m.copyFrom(values != null ? values : ints(md.nelems(), 9)); // dst: garbage that beta = 0 must not read
        return m;
    }

    private static float[] ints(long n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(7) - 3;
        }
        return v;
    }

    /** dst = src x wei (+ bias), all in logical row-major order, batch dims broadcast where 1. */
    private static float[] naive(MatMulDesc d, float[] a, float[] b, float[] bias) {
        int r = d.src().ndims();
        int m = (int) d.m();
        int n = (int) d.n();
        int k = (int) d.k();
        long batches = d.batch();
        float[] c = new float[Math.toIntExact(batches * m * n)];
        long[] index = new long[r - 2];
        for (long bt = 0; bt < batches; bt++) {
            long rest = bt;
            for (int i = r - 3; i >= 0; i--) {
                index[i] = rest % d.dst().dim(i);
                rest /= d.dst().dim(i);
            }
            long aBase = batchBase(d.src(), index) * m * k;
            long bBase = batchBase(d.weights(), index) * k * n;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    float s = 0;
                    for (int q = 0; q < k; q++) {
                        s += a[(int) (aBase + (long) i * k + q)] * b[(int) (bBase + (long) q * n + j)];
                    }
                    if (bias != null) {
                        s += bias[(int) biasAt(d.bias(), index, i, j)];
                    }
                    c[(int) (bt * m * n + (long) i * n + j)] = s;
                }
            }
        }
        return c;
    }

    /** The logical batch number of {@code index} in a tensor, its dims of size 1 broadcast. */
    private static long batchBase(MemoryDesc md, long[] index) {
        long at = 0;
        for (int i = 0; i < index.length; i++) {
            at = at * md.dim(i) + (md.dim(i) == 1 ? 0 : index[i]);
        }
        return at;
    }

    private static long biasAt(MemoryDesc md, long[] index, int i, int j) {
        int r = md.ndims();
        long at = batchBase(md, index);
        at = at * md.dim(r - 2) + (md.dim(r - 2) == 1 ? 0 : i);
        return at * md.dim(r - 1) + (md.dim(r - 1) == 1 ? 0 : j);
    }
}
