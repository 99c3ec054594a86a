package dev.jdnn.engines.gemm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdnn.engines.Engine;
import dev.jdnn.memory.DataType;
import dev.jdnn.memory.MemoryDesc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pre-packed B layout (oneDNN's blocked {@code Ba<nr>b}), views of packed data in arrays and
 * native segments, and the fused epilogue on every path of the driver. Exact small-integer data.
 */
class PackedBAndEpilogueTest {
    private static Engine one;
    private static Engine two;

    @BeforeAll
    static void engines() {
        one = Engine.cpu(1);
        two = Engine.cpu(2);
    }

    @AfterAll
    static void close() {
        one.close();
        two.close();
    }

    private static MemoryDesc packedDesc(int k, int n) {
        int nr = PackedB.panelWidth();
        return MemoryDesc.of(new long[] {k, n}, DataType.F32, "Ba" + nr + "b");
    }

    /**
     * B and C in heap segments over byte[] (neither native nor a float[] the driver reads as an
     * array), plain and pre-packed: the segment-B kernels take native segments only (they cast
     * their operands to the native class), so the driver must pack such a B, on every path that
     * would read a native one in place (a small GEMM, a block of few rows, pre-packed panels).
     */
    @Test
    void bInAHeapSegmentOfBytesIsPackedNotReadInPlace() {
        for (int[] mnk : new int[][] {{40, 64, 40}, {16, 100, 300}, {200, 130, 70}, {30, 33, 1100}}) {
            int m = mnk[0];
            int n = mnk[1];
            int k = mnk[2];
            float[] a = GemmRef.ints(m * k, 21);
            float[] b = GemmRef.ints(k * n, 22);
            float[] want = new float[m * n];
            GemmRef.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, want, 0, n);
            MemorySegment aSeg = bytes(a);
            MemorySegment bSeg = bytes(b);
            float[] packed = PackedB.pack(false, k, n, b, 0, n).data;
            PackedB packedInBytes = PackedB.wrap(k, n, bytes(packed), 0);
            for (Engine e : new Engine[] {one, two}) {
                MemorySegment c = MemorySegment.ofArray(new byte[4 * m * n]);
                Sgemm.sgemm(e, false, false, m, n, k, 1f, aSeg, 0, k, bSeg, 0, n, 0f, c, 0, n);
                assertThat(c.toArray(ValueLayout.JAVA_FLOAT_UNALIGNED)).as("plain B %dx%dx%d on %s", m, n, k, e)
                        .containsExactly(want);
                MemorySegment c2 = MemorySegment.ofArray(new byte[4 * m * n]);
                Sgemm.sgemm(e, false, m, 1f, aSeg, 0, k, packedInBytes, 0f, c2, 0, n);
                assertThat(c2.toArray(ValueLayout.JAVA_FLOAT_UNALIGNED)).as("pre-packed B %dx%dx%d on %s", m, n, k, e)
                        .containsExactly(want);
            }
        }
    }

    /** {@code v} copied into a heap segment over a byte[]. */
    private static MemorySegment bytes(float[] v) {
        MemorySegment seg = MemorySegment.ofArray(new byte[4 * v.length]);
        MemorySegment.copy(v, 0, seg, ValueLayout.JAVA_FLOAT_UNALIGNED, 0, v.length);
        return seg;
    }

    @Test
    void packedLayoutIsTheBlockedFormatBaNrB() {
        for (int[] kn : new int[][] {{1, 1}, {5, 33}, {70, 64}, {3, 100}}) {
            int k = kn[0];
            int n = kn[1];
            for (boolean tb : new boolean[] {false, true}) {
                float[] b = GemmRef.ints(k * n, 7);
                PackedB p = PackedB.pack(tb, k, n, b, 0, tb ? k : n);
                MemoryDesc d = packedDesc(k, n);
                assertThat(p.data.length).isEqualTo((int) d.spanElements()).isEqualTo((int) PackedB.size(k, n));
                for (int kk = 0; kk < k; kk++) {
                    for (int j = 0; j < n; j++) {
                        float want = tb ? b[j * k + kk] : b[kk * n + j];
                        assertThat(p.data[(int) d.offset(kk, j)]).isEqualTo(want);
                    }
                }
                long nonzeroPadding = 0;
                for (int j = n; j < d.paddedDims()[1]; j++) {
                    for (int kk = 0; kk < k; kk++) {
                        nonzeroPadding += p.data[(int) d.offsetUnchecked(new long[] {kk, j})] != 0 ? 1 : 0;
                    }
                }
                assertThat(nonzeroPadding).isZero();
            }
        }
    }

    /** B written in the packed layout by hand (through the descriptor's offsets), then wrapped. */
    @Test
    void wrappedPackedDataInArraysAndNativeSegmentsComputeTheProduct() {
        // (30x100x1024 and 50x40x2048: one long K block of a multiple of 1024, A staged with padded rows)
        for (int[] mnk : new int[][] {{1, 7, 9}, {13, 33, 70}, {100, 64, 600}, {300, 200, 1100}, {37, 520, 3},
            {30, 100, 1024}, {50, 40, 2048}}) {
            int m = mnk[0];
            int n = mnk[1];
            int k = mnk[2];
            float[] a = GemmRef.ints(m * k, 11);
            float[] b = GemmRef.ints(k * n, 12);
            float[] want = new float[m * n];
            GemmRef.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, want, 0, n);
            MemoryDesc d = packedDesc(k, n);
            float[] packed = new float[(int) d.spanElements() + 5];
            for (int kk = 0; kk < k; kk++) {
                for (int j = 0; j < n; j++) {
                    packed[5 + (int) d.offset(kk, j)] = b[kk * n + j];
                }
            }
            try (Arena arena = Arena.ofShared()) {
                MemorySegment nat = arena.allocate(4L * packed.length, 64);
                MemorySegment.copy(packed, 0, nat, ValueLayout.JAVA_FLOAT, 0, packed.length);
                MemorySegment aSeg = arena.allocate(4L * a.length, 64);
                MemorySegment.copy(a, 0, aSeg, ValueLayout.JAVA_FLOAT, 0, a.length);
                for (Engine e : new Engine[] {one, two}) {
                    for (PackedB p : new PackedB[] {PackedB.wrap(k, n, packed, 5), PackedB.wrap(k, n, nat, 5),
                        PackedB.wrap(k, n, MemorySegment.ofArray(packed), 5)}) {
                        float[] c = new float[m * n];
                        Sgemm.sgemm(e, false, m, 1f, a, 0, k, p, 0f, c, 0, n);
                        assertThat(c).as("%s %dx%dx%d on %s", p, m, n, k, e).containsExactly(want);
                        MemorySegment cSeg = arena.allocate(4L * m * n, 64);
                        Sgemm.sgemm(e, false, m, 1f, aSeg, 0, k, p, 0f, cSeg, 0, n);
                        assertThat(cSeg.toArray(ValueLayout.JAVA_FLOAT)).as("segment C, %s", p).containsExactly(want);
                    }
                }
            }
        }
        assertThatThrownBy(() -> PackedB.wrap(4, 40, new float[10], 0)).hasMessageContaining("cannot hold");
    }

    /**
     * An epilogue c -> 2c + 1 must reach every element exactly once, after all of K: checked on the
     * single-block path, the threaded grid, the K split, matrix-vector and alpha = 0.
     */
    @Test
    void theEpilogueFinishesEveryElementOnceOnEveryPath() {
        int[][] shapes = {
            {7, 9, 5}, // small, one thread
            {400, 300, 260}, // threaded grid
            {256, 1024, 128}, // short and wide (2 threads)
            {12, 30, 9000}, // one tile, long K: K split (2 threads)
            {1, 70, 33}, // row times matrix
            {70, 1, 33}, // matrix times column
            {300, 200, 2}, // K <= 4: rows of outer products, threaded
            {5, 40, 3}, // K <= 4, one thread
        };
        for (int[] s : shapes) {
            for (Engine e : new Engine[] {one, two}) {
                for (boolean packed : new boolean[] {false, true}) {
                    if (packed && (s[0] == 1 || s[1] == 1)) {
                        continue;
                    }
                    runWithEpilogue(e, s[0], s[1], s[2], 1f, packed, 0);
                }
            }
        }
        runWithEpilogue(two, 50, 60, 70, 0f, false, 0);
        // a column tail of at most one vector after full panels, B with room past its last row: the
        // wide tiles (MicroKernel.tileWide) finish their own strips; K of several blocks
        int vl = Kernels.MICRO.lanes();
        for (int[] s : new int[][] {{40, 40, 64}, {45, 4 * vl + 1, 700}, {13, 3 * vl, 5}}) {
            for (Engine e : new Engine[] {one, two}) {
                runWithEpilogue(e, s[0], s[1], s[2], 1f, false, 3 * vl);
            }
        }
    }

    /** {@code bPad}: floats of B's segment past its last row. */
    private static void runWithEpilogue(Engine e, int m, int n, int k, float alpha, boolean packed, int bPad) {
        float[] a = GemmRef.ints(m * k, 21);
        float[] b = GemmRef.ints(k * n, 22);
        float[] want = new float[m * n];
        GemmRef.gemm(false, false, m, n, k, alpha, a, 0, k, b, 0, n, 0f, want, 0, n);
        try (Arena arena = Arena.ofShared()) {
            MemorySegment aSeg = arena.allocate(4L * a.length, 64);
            MemorySegment.copy(a, 0, aSeg, ValueLayout.JAVA_FLOAT, 0, a.length);
            MemorySegment bSeg = arena.allocate(4L * (b.length + bPad), 64);
            MemorySegment.copy(b, 0, bSeg, ValueLayout.JAVA_FLOAT, 0, b.length);
            for (boolean heapC : new boolean[] {true, false}) {
                MemorySegment c = heapC ? MemorySegment.ofArray(new float[m * n]) : arena.allocate(4L * m * n, 64);
                Recording epi = new Recording(m, n, want);
                if (packed) {
                    Sgemm.sgemm(e, false, m, alpha, aSeg, 0, k, PackedB.pack(false, k, n, b, 0, n), 0f, c, 0, n, epi);
                } else {
                    Sgemm.sgemm(e, false, false, m, n, k, alpha, aSeg, 0, k, bSeg, 0, n, 0f, c, 0, n, epi);
                }
                float[] got = c.toArray(ValueLayout.JAVA_FLOAT);
                for (int i = 0; i < m * n; i++) {
                    assertThat(epi.calls.get(i)).as("element %d of %dx%dx%d (packed %b)", i, m, n, k, packed).isEqualTo(1);
                    assertThat(got[i]).isEqualTo(2 * want[i] + 1);
                }
                assertThat(epi.wrongValues.get(0)).as("values seen before K was complete").isZero();
            }
        }
    }

    /** c -> 2c + 1, counting calls per element and checking the value it finds is the finished product. */
    private static final class Recording implements GemmEpilogue {
        final int n;
        final float[] want;
        final AtomicIntegerArray calls;
        final AtomicIntegerArray wrongValues = new AtomicIntegerArray(1);

        Recording(int m, int n, float[] want) {
            this.n = n;
            this.want = want;
            this.calls = new AtomicIntegerArray(m * n);
        }

        private float visit(int i, int j, float v) {
            calls.incrementAndGet(i * n + j);
            if (v != want[i * n + j]) {
                wrongValues.incrementAndGet(0);
            }
            return 2 * v + 1;
        }

        @Override
        public void finish(int row, int rows, int col, int cols, float[] c, int offset, int ldc) {
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < cols; j++) {
                    int at = offset + r * ldc + j;
                    c[at] = visit(row + r, col + j, c[at]);
                }
            }
        }

        @Override
        public void finish(int row, int rows, int col, int cols, MemorySegment c, long offset, long ldc) {
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < cols; j++) {
                    long at = offset + r * ldc + j;
                    c.setAtIndex(ValueLayout.JAVA_FLOAT, at, visit(row + r, col + j, c.getAtIndex(ValueLayout.JAVA_FLOAT, at)));
                }
            }
        }
    }
}
