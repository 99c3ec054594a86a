package dev.jdnn.engines.gemm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdnn.engines.Engine;
import dev.jdnn.engines.VectorSupport;
import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.Status;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * SGEMM against the naive loop with small-integer data (exact in any order of summation), so
 * results must match bit for bit. Run three times by the build: default ISA, -Djdnn.isa=256 and
 * -Djdnn.isa=scalar.
 */
class SgemmTest {
    private static Engine one;
    private static Engine two;
    private static Engine three;

    @BeforeAll
    static void engines() {
        one = Engine.cpu(1);
        two = Engine.cpu(2);
        three = Engine.cpu(3);
    }

    @AfterAll
    static void close() {
        one.close();
        two.close();
        three.close();
    }

    /** One case: random layout (transposes, padding of the leading dimensions, offsets) from a seed. */
    private static void check(Engine e, boolean ta, boolean tb, int m, int n, int k, float alpha, float beta, long seed,
            int pad, int off) {
        int aRows = ta ? k : m;
        int aCols = ta ? m : k;
        int bRows = tb ? n : k;
        int bCols = tb ? k : n;
        int lda = Math.max(1, aCols) + pad;
        int ldb = Math.max(1, bCols) + pad;
        int ldc = Math.max(1, n) + pad;
        float[] a = GemmRef.ints(off + aRows * lda + 3, seed);
        float[] b = GemmRef.ints(off + bRows * ldb + 3, seed + 1);
        float[] c = GemmRef.ints(off + m * ldc + 3, seed + 2);
        if (beta == 0f) {
            Arrays.fill(c, Float.NaN);
        }
        float[] expect = c.clone();
        GemmRef.gemm(ta, tb, m, n, k, alpha, a, off, lda, b, off, ldb, beta, expect, off, ldc);
        if (beta == 0f) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    assertThat(expect[off + i * ldc + j]).isNotNaN();
                }
            }
        }
        Sgemm.sgemm(e, ta, tb, m, n, k, alpha, a, off, lda, b, off, ldb, beta, c, off, ldc);
        assertSame(c, expect, ta, tb, m, n, k, alpha, beta);
    }

    private static void assertSame(float[] got, float[] expect, boolean ta, boolean tb, int m, int n, int k, float alpha,
            float beta) {
        for (int i = 0; i < got.length; i++) {
            // exact, NaN equal to NaN; the sign of a zero sum depends on the order of summation
            if (!(got[i] == expect[i] || Float.isNaN(got[i]) && Float.isNaN(expect[i]))) {
                throw new AssertionError("ta=" + ta + " tb=" + tb + " m=" + m + " n=" + n + " k=" + k + " alpha="
                        + alpha + " beta=" + beta + " kernel=" + Sgemm.kernelName() + ": element " + i + " is "
                        + got[i] + ", expected " + expect[i]);
            }
        }
    }

    @Test
    void kernelFollowsTheIsaProperty() {
        String want = switch (VectorSupport.isa()) {
            case VECTOR_512 -> "vector512";
            case VECTOR_256 -> "vector256";
            case SCALAR -> "scalar";
        };
        assertThat(Sgemm.kernelName()).startsWith(want);
        String forced = System.getProperty("jdnn.isa");
        if ("256".equals(forced)) {
            assertThat(Sgemm.kernelName()).startsWith("vector256");
        } else if ("scalar".equals(forced)) {
            assertThat(Sgemm.kernelName()).startsWith("scalar");
        }
    }

    @Test
    void everyTransposeCombinationAndAlphaBeta() {
        float[][] ab = {{1, 0}, {1, 1}, {2, -1}, {-0.5f, 0.5f}, {0, 2}, {0, 0}, {3, 0}};
        int[][] shapes = {{1, 1, 1}, {5, 7, 3}, {13, 33, 17}, {40, 70, 50}, {100, 90, 80}, {1, 37, 19}, {23, 1, 31}};
        long seed = 1;
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                for (int[] s : shapes) {
                    for (float[] x : ab) {
                        check(one, ta, tb, s[0], s[1], s[2], x[0], x[1], seed++, 0, 0);
                        check(two, ta, tb, s[0], s[1], s[2], x[0], x[1], seed++, 3, 5);
                    }
                }
            }
        }
    }

    @Test
    void alphaZeroDoesNotReadAOrB() {
        float[] a = new float[6];
        float[] b = new float[6];
        Arrays.fill(a, Float.NaN);
        Arrays.fill(b, Float.POSITIVE_INFINITY);
        float[] c = {1, 2, 3, 4};
        Sgemm.sgemm(one, false, false, 2, 2, 3, 0f, a, 0, 3, b, 0, 2, 2f, c, 0, 2);
        assertThat(c).containsExactly(2, 4, 6, 8);
        Sgemm.sgemm(one, false, false, 2, 2, 3, 0f, a, 0, 3, b, 0, 2, 0f, c, 0, 2);
        assertThat(c).containsExactly(0, 0, 0, 0);
        float[] d = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        Sgemm.sgemm(one, false, false, 2, 2, 0, 1f, a, 0, 1, b, 0, 2, 0f, d, 0, 2);
        assertThat(d).containsExactly(0, 0, 0, 0);
    }

    @Test
    void sweepEachDimensionOverEveryTail() {
        sweep();
    }

    @Test
    void sweepEachDimensionOverEveryTailPacked() {
        GemmDriver.packAlways = true;
        try {
            sweep();
            everyTransposeCombinationAndAlphaBeta();
            sweepAcrossCacheBlocks();
        } finally {
            GemmDriver.packAlways = false;
        }
    }

    private static void sweep() {
        int[] others = {1, 7, 33, 64};
        long seed = 100;
        for (int v = 1; v <= 67; v++) {
            for (int o : others) {
                boolean ta = (v & 1) == 1;
                boolean tb = (v & 2) == 2;
                float beta = (v % 3) == 0 ? 0f : 1f;
                check(one, ta, tb, v, o, 29, 1f, beta, seed++, 0, 0);
                check(one, !ta, tb, o, v, 19, 2f, beta, seed++, 1, 0);
                check(one, ta, !tb, o + 4, 37, v, 1f, 1 - beta, seed++, 0, 2);
            }
        }
    }

    @Test
    void sweepAcrossCacheBlocks() {
        GemmBlocking blk = Sgemm.blocking();
        long seed = 500;
        // K across one and two kc blocks, M across mc blocks, N across nc: small in the other dimensions
        for (int k : new int[] {blk.kc() - 1, blk.kc(), blk.kc() + 1, 2 * blk.kc() + 3}) {
            check(one, false, false, 14, 35, k, 1f, 1f, seed++, 0, 0);
            check(two, true, true, 30, 70, k, 1f, 0f, seed++, 2, 1);
        }
        for (int m : new int[] {blk.mc() - 1, blk.mc() + 1}) {
            check(one, false, false, m, 33, 20, 1f, 1f, seed++, 0, 0);
            check(two, true, false, m, 65, 9, 1f, 0f, seed++, 0, 0);
        }
        for (int n : new int[] {blk.nc() + 1}) {
            check(one, false, false, 13, n, 10, 1f, 1f, seed++, 0, 0);
            check(two, false, true, 3, n, 12, 1f, 0f, seed++, 0, 0);
        }
    }

    @Test
    void randomTriplesUpTo600() {
        randomTriples(25, 600, 7);
    }

    @Tag("slow")
    @Test
    void manyRandomTriplesUpTo600() {
        randomTriples(300, 600, 8);
    }

    private static void randomTriples(int count, int max, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Engine[] engines = {one, two, three};
        for (int t = 0; t < count; t++) {
            int m = 1 + r.nextInt(max);
            int n = 1 + r.nextInt(max);
            int k = 1 + r.nextInt(max);
            // keep the naive reference quick: at most ~40M multiply-adds per case
            while ((long) m * n * k > 40_000_000L) {
                if (m >= n && m >= k) {
                    m /= 2;
                } else if (n >= k) {
                    n /= 2;
                } else {
                    k /= 2;
                }
            }
            check(engines[t % 3], r.nextBoolean(), r.nextBoolean(), m, n, k, r.nextBoolean() ? 1f : -2f,
                    r.nextInt(3) - 1, r.nextLong(), r.nextInt(3), r.nextInt(4));
        }
    }

    @Test
    void oddLeadingDimensionsAndSubMatrixViews() {
        // C(5..5+m, 3..3+n) of a 200 x 301 matrix = A view * B view
        int m = 77;
        int n = 101;
        int k = 45;
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                int lda = 211;
                int ldb = 157;
                int ldc = 301;
                float[] a = GemmRef.ints(lda * 200, 3);
                float[] b = GemmRef.ints(ldb * 200, 4);
                float[] c = GemmRef.ints(ldc * 200, 5);
                int aOff = 7 * lda + 9;
                int bOff = 2 * ldb + 11;
                int cOff = 5 * ldc + 3;
                float[] expect = c.clone();
                GemmRef.gemm(ta, tb, m, n, k, 1f, a, aOff, lda, b, bOff, ldb, 1f, expect, cOff, ldc);
                Sgemm.sgemm(two, ta, tb, m, n, k, 1f, a, aOff, lda, b, bOff, ldb, 1f, c, cOff, ldc);
                assertSame(c, expect, ta, tb, m, n, k, 1, 1);
            }
        }
    }

    @Test
    void leadingDimensionsOfFourKibibytesArePacked() {
        // lda, ldb = 1024 floats: the in-place paths are refused (rows would share L1 sets); still exact
        check(one, false, false, 30, 50, 1024, 1f, 0f, 31, 0, 0);
        check(one, false, false, 30, 1024, 40, 1f, 1f, 32, 0, 0);
        check(two, false, false, 64, 1024, 1024, 1f, 1f, 33, 0, 0);
    }

    @Test
    void shortWideProblemsOnTwoThreads() {
        // rows split evenly over 2 threads, wide B, big enough, two K blocks (the threaded grid; once
        // the shared-B driver)
        long seed = 40;
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                check(two, ta, tb, 96, 520, 700, 1f, 0f, seed++, 1, 3);
                check(two, ta, tb, 96, 520, 700, -1f, 1f, seed++, 0, 0);
            }
        }
        try (Arena arena = Arena.ofShared()) {
            int m = 96;
            int n = 520;
            int k = 700;
            float[] a = GemmRef.ints(m * k, 50);
            float[] b = GemmRef.ints(k * n, 51);
            float[] c = GemmRef.ints(m * n, 52);
            float[] expect = c.clone();
            GemmRef.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 1f, expect, 0, n);
            MemorySegment sc = arena.allocateFrom(ValueLayout.JAVA_FLOAT, c);
            Sgemm.sgemm(two, false, false, m, n, k, 1f, arena.allocateFrom(ValueLayout.JAVA_FLOAT, a), 0, k,
                    arena.allocateFrom(ValueLayout.JAVA_FLOAT, b), 0, n, 1f, sc, 0, n);
            assertSame(sc.toArray(ValueLayout.JAVA_FLOAT), expect, false, false, m, n, k, 1, 1);
        }
    }

    @Test
    void longK() {
        int k = 100_000;
        for (int[] s : new int[][] {{3, 5}, {13, 40}, {1, 9}, {6, 1}}) {
            check(one, false, false, s[0], s[1], k, 1f, 1f, 11, 0, 0);
            check(two, false, true, s[0], s[1], k, 1f, 0f, 12, 1, 1);
            check(three, true, false, s[0], s[1], k, -1f, 1f, 13, 0, 0);
        }
    }

    @Test
    void segmentsNativeAndHeapWithViews() {
        try (Arena arena = Arena.ofConfined()) {
            long seed = 900;
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    for (int[] s : new int[][] {{37, 45, 29}, {1, 70, 33}, {50, 1, 17}, {130, 90, 300}}) {
                        int m = s[0];
                        int n = s[1];
                        int k = s[2];
                        int lda = (ta ? m : k) + 3;
                        int ldb = (tb ? k : n) + 1;
                        int ldc = n + 2;
                        int off = 5;
                        float[] a = GemmRef.ints(off + (ta ? k : m) * lda, seed++);
                        float[] b = GemmRef.ints(off + (tb ? n : k) * ldb, seed++);
                        float[] c = GemmRef.ints(off + m * ldc, seed++);
                        for (float beta : new float[] {0f, 1f}) {
                            float[] expect = c.clone();
                            GemmRef.gemm(ta, tb, m, n, k, 1f, a, off, lda, b, off, ldb, beta, expect, off, ldc);
                            // native segments, C poisoned with NaN when beta == 0
                            MemorySegment sa = arena.allocateFrom(ValueLayout.JAVA_FLOAT, a);
                            MemorySegment sb = arena.allocateFrom(ValueLayout.JAVA_FLOAT, b);
                            float[] c0 = c.clone();
                            if (beta == 0f) {
                                Arrays.fill(c0, off, c0.length, Float.NaN);
                                for (int i = 0; i < m; i++) {
                                    System.arraycopy(c, off + i * ldc + n, c0, off + i * ldc + n, Math.min(2, c.length - (off + i * ldc + n)));
                                }
                                System.arraycopy(c, 0, c0, 0, off);
                            }
                            MemorySegment sc = arena.allocateFrom(ValueLayout.JAVA_FLOAT, c0);
                            Sgemm.sgemm(two, ta, tb, m, n, k, 1f, sa, off, lda, sb, off, ldb, beta, sc, off, ldc);
                            float[] got = sc.toArray(ValueLayout.JAVA_FLOAT);
                            if (beta == 0f) {
                                // C's padding columns were NaN in c0 and are untouched: compare only the matrix
                                for (int i = 0; i < m; i++) {
                                    for (int j = 0; j < n; j++) {
                                        assertThat(got[off + i * ldc + j]).isEqualTo(expect[off + i * ldc + j]);
                                    }
                                }
                            } else {
                                assertSame(got, expect, ta, tb, m, n, k, 1, beta);
                            }
                            // heap segments (a sliced view of a bigger array)
                            float[] cc = c.clone();
                            Sgemm.sgemm(one, ta, tb, m, n, k, 1f, MemorySegment.ofArray(a), off, lda,
                                    MemorySegment.ofArray(b), off, ldb, beta, MemorySegment.ofArray(cc), off, ldc);
                            assertSame(cc, expect, ta, tb, m, n, k, 1, beta);
                            float[] big = new float[cc.length + 8];
                            System.arraycopy(c, 0, big, 8, c.length);
                            MemorySegment view = MemorySegment.ofArray(big).asSlice(8 * 4L);
                            Sgemm.sgemm(two, ta, tb, m, n, k, 1f, sa, off, lda, sb, off, ldb, beta, view, off, ldc);
                            assertSame(Arrays.copyOfRange(big, 8, big.length), expect, ta, tb, m, n, k, 1, beta);
                        }
                    }
                }
            }
        }
    }

    /**
     * Problems of few rows: kernels of exactly 1-4 rows, the 8-row tail kernel, and a B in a native
     * segment (plain or pre-packed) read in place up to 48 rows (and a plain one at any height in a
     * small GEMM: 61 and 130 rows): every height and row tail, column
     * tails, a B that ends exactly where its last row does (an in-place read would pass its end:
     * packed instead), both engines.
     */
    @Test
    void fewRowsEveryHeightAndWayOfReadingB() {
        long seed = 5000;
        try (Arena arena = Arena.ofShared()) {
            for (int m : new int[] {1, 2, 3, 4, 5, 7, 8, 12, 13, 20, 48, 49, 61, 130}) {
                for (int n : new int[] {1, 31, 32, 33, 70, 97}) {
                    for (int k : new int[] {1, 7, 300}) {
                        for (boolean ta : new boolean[] {false, true}) {
                            float beta = (m + n) % 2 == 0 ? 0f : 1f;
                            int lda = ta ? m : k;
                            float[] a = GemmRef.ints(k * m, seed++);
                            float[] b = GemmRef.ints(k * n, seed++); // untransposed, ldb = n: ends with its last row
                            float[] c = GemmRef.ints(m * n, seed++);
                            float[] expect = c.clone();
                            GemmRef.gemm(ta, false, m, n, k, 1f, a, 0, lda, b, 0, n, beta, expect, 0, n);
                            MemorySegment sa = arena.allocateFrom(ValueLayout.JAVA_FLOAT, a);
                            MemorySegment sb = arena.allocateFrom(ValueLayout.JAVA_FLOAT, b);
                            MemorySegment roomy = arena.allocate(4L * (b.length + 64), 64);
                            MemorySegment.copy(b, 0, roomy, ValueLayout.JAVA_FLOAT, 0, b.length);
                            PackedB packed = PackedB.pack(false, k, n, b, 0, n);
                            PackedB inSegment = wrapInSegment(packed, arena.allocate(packed.byteSize(), 64), k, n);
                            for (Engine e : new Engine[] {one, two}) {
                                for (MemorySegment bs : new MemorySegment[] {sb, roomy}) {
                                    MemorySegment sc = arena.allocateFrom(ValueLayout.JAVA_FLOAT, c);
                                    Sgemm.sgemm(e, ta, false, m, n, k, 1f, sa, 0, lda, bs, 0, n, beta, sc, 0, n);
                                    assertSame(sc.toArray(ValueLayout.JAVA_FLOAT), expect, ta, false, m, n, k, 1, beta);
                                    float[] got = c.clone();
                                    Sgemm.sgemm(e, ta, false, m, n, k, 1f, MemorySegment.ofArray(a), 0, lda, bs, 0, n, beta,
                                            MemorySegment.ofArray(got), 0, n);
                                    assertSame(got, expect, ta, false, m, n, k, 1, beta);
                                }
                                float[] got = c.clone();
                                Sgemm.sgemm(e, ta, m, 1f, a, 0, lda, inSegment, beta, got, 0, n);
                                assertSame(got, expect, ta, false, m, n, k, 1, beta);
                                MemorySegment sc = arena.allocateFrom(ValueLayout.JAVA_FLOAT, c);
                                Sgemm.sgemm(e, ta, m, 1f, sa, 0, lda, inSegment, beta, sc, 0, n);
                                assertSame(sc.toArray(ValueLayout.JAVA_FLOAT), expect, ta, false, m, n, k, 1, beta);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The wide tile ({@link MicroKernel#tileWide}) called directly: every height up to its rows, every
     * width from just past two vectors to three, beta 0 (C poisoned with NaN) and 2, alpha 3; C's
     * rows padded, so that a store past the tile's rows or columns shows.
     */
    @Test
    void wideTileEveryHeightAndWidth() {
        MicroKernel kern = Kernels.MICRO;
        int wr = kern.wideRows();
        // the kernels of 12-row tiles have it (AVX-512, and the 256-bit species forced); the scalar and
        // 6-row kernels do not: reported as skipped there
        Assumptions.assumeTrue(wr > 0, "no wide tile in " + kern.name());
        int vl = kern.lanes();
        int kc = 37;
        int lda = kc + 3;
        int ldb = 3 * vl + 5;
        int ldc = 3 * vl + 7;
        long seed = 7000;
        try (Arena arena = Arena.ofShared()) {
            for (int rows = 1; rows <= wr; rows++) {
                for (int cols = 2 * vl + 1; cols <= 3 * vl; cols++) {
                    for (float beta : new float[] {0f, 2f}) {
                        float[] a = GemmRef.ints(wr * lda, seed++);
                        float[] b = GemmRef.ints(kc * ldb, seed++);
                        float[] c = GemmRef.ints(wr * ldc, seed++);
                        if (beta == 0f) {
                            for (int i = 0; i < rows; i++) {
                                Arrays.fill(c, i * ldc, i * ldc + cols, Float.NaN);
                            }
                        }
                        float[] expect = c.clone();
                        GemmRef.gemm(false, false, rows, cols, kc, 3f, a, 0, lda, b, 0, ldb, beta, expect, 0, ldc);
                        MemorySegment sb = arena.allocateFrom(ValueLayout.JAVA_FLOAT, b);
                        MemorySegment sc = arena.allocateFrom(ValueLayout.JAVA_FLOAT, c);
                        kern.tileWide(rows, cols, kc, a, 0, lda, sb, 0, ldb, sc, 0, ldc, 3f, beta);
                        assertSame(sc.toArray(ValueLayout.JAVA_FLOAT), expect, false, false, rows, cols, kc, 3f, beta);
                    }
                }
            }
        }
    }

    /**
     * Through the driver, shapes whose width ends in a tail of at most one vector after full panels
     * (the wide tiles, where the kernels have them): A and B in native segments (A staged in rows, B
     * read in place with an offset, stored exactly, so that the last K block's last row is read in
     * panels, or with room past its end), C native with padded rows; several K blocks, row counts
     * around the wide height and the A block, beta 0 (NaN in C) and 1.5, one and two threads. Widths
     * without such a tail run beside them.
     */
    @Test
    void wideTilesThroughTheDriver() {
        int vl = Kernels.MICRO.lanes();
        int nr = Kernels.MICRO.nr();
        long seed = 8000;
        try (Arena arena = Arena.ofShared()) {
            for (int m : new int[] {3, 5, 6, 7, 8, 9, 13, 40, 45, 130}) {
                for (int n : new int[] {nr + 1, nr + vl / 2, nr + vl, nr + vl + 1, 2 * nr, 2 * nr + 3, 3 * nr + vl}) {
                    for (int k : new int[] {1, 64, 700}) {
                        float beta = (m + n + k) % 2 == 0 ? 0f : 1.5f;
                        int ldc = n + 3;
                        int bOff = 5;
                        float[] a = GemmRef.ints(m * k, seed++);
                        float[] b = GemmRef.ints(bOff + k * n, seed++);
                        float[] c = GemmRef.ints(m * ldc, seed++);
                        if (beta == 0f) {
                            for (int i = 0; i < m; i++) {
                                Arrays.fill(c, i * ldc, i * ldc + n, Float.NaN);
                            }
                        }
                        float[] expect = c.clone();
                        GemmRef.gemm(false, false, m, n, k, 2f, a, 0, k, b, bOff, n, beta, expect, 0, ldc);
                        MemorySegment sa = arena.allocateFrom(ValueLayout.JAVA_FLOAT, a);
                        MemorySegment exact = arena.allocateFrom(ValueLayout.JAVA_FLOAT, b);
                        MemorySegment roomy = arena.allocate(4L * (b.length + 3 * vl), 64);
                        MemorySegment.copy(b, 0, roomy, ValueLayout.JAVA_FLOAT, 0, b.length);
                        for (Engine e : new Engine[] {one, two}) {
                            for (MemorySegment sb : new MemorySegment[] {exact, roomy}) {
                                MemorySegment sc = arena.allocateFrom(ValueLayout.JAVA_FLOAT, c);
                                Sgemm.sgemm(e, false, false, m, n, k, 2f, sa, 0, k, sb, bOff, n, beta, sc, 0, ldc);
                                assertSame(sc.toArray(ValueLayout.JAVA_FLOAT), expect, false, false, m, n, k, 2f, beta);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * At most four rows and a B larger than the caches stream B row by row ({@link FewRowsGemm},
     * forced here for small shapes): 2-4 rows (one row is GEMV), every column tail around the
     * vector, block and thread-split widths, K not a multiple of the four rows read per step, A in
     * both layouts, B in an array and in native memory with padded rows and an offset, beta 0 (C
     * poisoned) and 2, one to three threads.
     */
    @Test
    void fewRowsStreamingB() {
        FewRowsGemm.minBFloats = 0;
        long seed = 9000;
        try (Arena arena = Arena.ofShared()) {
            for (int m = 2; m <= FewRowsGemm.MAX_M; m++) {
                for (int n : new int[] {1, 15, 16, 17, 255, 257, 1030, 2100}) {
                    for (int k : new int[] {1, 3, 4, 5, 9, 64}) {
                        for (boolean ta : new boolean[] {false, true}) {
                            float beta = (n + k) % 2 == 0 ? 0f : 2f;
                            Engine e = new Engine[] {one, two, three}[(n + k + m) % 3];
                            check(e, ta, false, m, n, k, 2f, beta, seed++, 3, 5);
                            int ldb = n + 7;
                            int lda = ta ? m : k;
                            float[] a = GemmRef.ints(k * m, seed++);
                            float[] b = GemmRef.ints(5 + k * ldb, seed++);
                            float[] c = GemmRef.ints(m * n, seed++);
                            if (beta == 0f) {
                                Arrays.fill(c, Float.NaN);
                            }
                            float[] expect = c.clone();
                            GemmRef.gemm(ta, false, m, n, k, 2f, a, 0, lda, b, 5, ldb, beta, expect, 0, n);
                            MemorySegment sc = arena.allocateFrom(ValueLayout.JAVA_FLOAT, c);
                            Sgemm.sgemm(e, ta, false, m, n, k, 2f, arena.allocateFrom(ValueLayout.JAVA_FLOAT, a), 0, lda,
                                    arena.allocateFrom(ValueLayout.JAVA_FLOAT, b), 5, ldb, beta, sc, 0, n);
                            assertSame(sc.toArray(ValueLayout.JAVA_FLOAT), expect, ta, false, m, n, k, 2f, beta);
                        }
                    }
                }
            }
        } finally {
            FewRowsGemm.minBFloats = FewRowsGemm.MIN_B_FLOATS;
        }
    }

    /**
     * K of at most four runs as rows of outer products: every K up to 5 (the first past the path),
     * both transposes of both operands, arrays, native segments and a C in a byte[] segment, beta 0 (C
     * poisoned) and 1, row counts around the 64-row blocks, column tails, one and two threads.
     */
    @Test
    void smallKEveryLayout() {
        long seed = 7000;
        for (int k = 1; k <= 5; k++) {
            for (int[] mn : new int[][] {{1, 3}, {5, 17}, {64, 16}, {65, 33}, {300, 250}}) {
                for (boolean ta : new boolean[] {false, true}) {
                    for (boolean tb : new boolean[] {false, true}) {
                        for (float beta : new float[] {0f, 1f}) {
                            for (Engine e : new Engine[] {one, two}) {
                                check(e, ta, tb, mn[0], mn[1], k, 2f, beta, seed++, 1, 3);
                            }
                        }
                    }
                }
                try (Arena arena = Arena.ofConfined()) {
                    int m = mn[0];
                    int n = mn[1];
                    float[] a = GemmRef.ints(m * k, seed++);
                    float[] b = GemmRef.ints(k * n, seed++);
                    float[] c = GemmRef.ints(m * n, seed++);
                    float[] expect = c.clone();
                    GemmRef.gemm(true, false, m, n, k, 1f, a, 0, m, b, 0, n, 1f, expect, 0, n);
                    MemorySegment sc = arena.allocateFrom(ValueLayout.JAVA_FLOAT, c);
                    Sgemm.sgemm(one, true, false, m, n, k, 1f, arena.allocateFrom(ValueLayout.JAVA_FLOAT, a), 0, m,
                            arena.allocateFrom(ValueLayout.JAVA_FLOAT, b), 0, n, 1f, sc, 0, n);
                    assertSame(sc.toArray(ValueLayout.JAVA_FLOAT), expect, true, false, m, n, k, 1f, 1f);
                    // a heap segment not over a float[] (the rank kernels take native segments and arrays)
                    MemorySegment bytes = MemorySegment.ofArray(new byte[4 * m * n]);
                    MemorySegment.copy(c, 0, bytes, ValueLayout.JAVA_FLOAT_UNALIGNED, 0, m * n);
                    Sgemm.sgemm(two, true, false, m, n, k, 1f, MemorySegment.ofArray(a), 0, m, MemorySegment.ofArray(b),
                            0, n, 1f, bytes, 0, n);
                    assertSame(bytes.toArray(ValueLayout.JAVA_FLOAT_UNALIGNED), expect, true, false, m, n, k, 1f, 1f);
                }
            }
        }
    }

    /** The packed panels of {@code packed} (in an array) copied into {@code seg} and wrapped there. */
    private static PackedB wrapInSegment(PackedB packed, MemorySegment seg, int k, int n) {
        MemorySegment.copy(packed.data, packed.offset, seg, ValueLayout.JAVA_FLOAT, 0, (int) (packed.byteSize() / 4));
        return PackedB.wrap(k, n, seg, 0);
    }

    @Test
    void prePackedB() {
        long seed = 1300;
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                for (int[] s : new int[][] {{1, 37, 29}, {45, 1, 300}, {37, 45, 29}, {130, 90, 700}, {8, 20, 5000}}) {
                    int m = s[0];
                    int n = s[1];
                    int k = s[2];
                    int lda = (ta ? m : k) + 1;
                    int ldb = (tb ? k : n) + 2;
                    float[] a = GemmRef.ints((ta ? k : m) * lda, seed++);
                    float[] b = GemmRef.ints((tb ? n : k) * ldb, seed++);
                    float[] c = GemmRef.ints(m * n, seed++);
                    PackedB pb = PackedB.pack(tb, k, n, b, 0, ldb);
                    PackedB ps;
                    try (Arena arena = Arena.ofConfined()) {
                        ps = PackedB.pack(tb, k, n, arena.allocateFrom(ValueLayout.JAVA_FLOAT, b), 0, ldb);
                    }
                    assertThat(pb.k()).isEqualTo(k);
                    assertThat(pb.n()).isEqualTo(n);
                    for (float beta : new float[] {0f, 1f}) {
                        float[] expect = c.clone();
                        GemmRef.gemm(ta, tb, m, n, k, 1f, a, 0, lda, b, 0, ldb, beta, expect, 0, n);
                        for (Engine e : new Engine[] {one, two, three}) {
                            float[] got = c.clone();
                            Sgemm.sgemm(e, ta, m, 1f, a, 0, lda, pb, beta, got, 0, n);
                            assertSame(got, expect, ta, tb, m, n, k, 1, beta);
                            got = c.clone();
                            Sgemm.sgemm(e, ta, m, 1f, a, 0, lda, ps, beta, got, 0, n);
                            assertSame(got, expect, ta, tb, m, n, k, 1, beta);
                        }
                        try (Arena arena = Arena.ofConfined()) {
                            MemorySegment sc = arena.allocateFrom(ValueLayout.JAVA_FLOAT, c);
                            Sgemm.sgemm(two, ta, m, 1f, arena.allocateFrom(ValueLayout.JAVA_FLOAT, a), 0, lda, pb, beta, sc, 0, n);
                            assertSame(sc.toArray(ValueLayout.JAVA_FLOAT), expect, ta, tb, m, n, k, 1, beta);
                        }
                    }
                }
            }
        }
    }

    @Test
    void concurrentCallersShareAnEngine() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long seed = 2000 + 100L * t;
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 6; i++) {
                        check(two, (i & 1) == 1, (i & 2) == 2, 60 + i, 90 - i, 70 + 3 * i, 1f, i % 2, seed + i, 1, 2);
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void argumentErrorsNameTheArgumentAndWriteNothing() {
        float[] a = new float[12];
        float[] b = new float[12];
        float[] c = {5, 5, 5, 5, 5, 5, 5, 5, 5};
        float[] keep = c.clone();
        assertInvalid(() -> Sgemm.sgemm(one, false, false, -1, 3, 4, 1, a, 0, 4, b, 0, 3, 0, c, 0, 3), "m = -1");
        assertInvalid(() -> Sgemm.sgemm(one, false, false, 3, 3, 4, 1, a, 0, 3, b, 0, 3, 0, c, 0, 3), "lda = 3");
        assertInvalid(() -> Sgemm.sgemm(one, true, false, 3, 3, 4, 1, a, 0, 2, b, 0, 3, 0, c, 0, 3), "lda = 2");
        assertInvalid(() -> Sgemm.sgemm(one, false, false, 3, 3, 4, 1, a, 1, 4, b, 0, 3, 0, c, 0, 3), "a (3 x 4");
        assertInvalid(() -> Sgemm.sgemm(one, false, true, 3, 3, 4, 1, a, 0, 4, b, 0, 3, 0, c, 0, 3), "ldb = 3");
        assertInvalid(() -> Sgemm.sgemm(one, false, false, 3, 3, 4, 1, a, 0, 4, b, 0, 3, 0, c, 0, 2), "ldc = 2");
        assertInvalid(() -> Sgemm.sgemm(one, false, false, 3, 3, 4, 1, a, 0, 4, b, 0, 3, 0, c, 1, 3), "c (3 x 3");
        assertInvalid(() -> Sgemm.sgemm(one, false, false, 3, 3, 4, 1, a, -1, 4, b, 0, 3, 0, c, 0, 3), "a offset = -1");
        assertInvalid(() -> Sgemm.sgemm(one, false, false, 3, 3, 4, 1, null, 0, 4, b, 0, 3, 0, c, 0, 3), "a is null");
        assertInvalid(() -> Sgemm.sgemm(null, false, false, 3, 3, 4, 1, a, 0, 4, b, 0, 3, 0, c, 0, 3), "engine is null");
        assertInvalid(() -> Sgemm.sgemm(one, false, false, 3, 3, 4, 1, MemorySegment.ofArray(a), 0, 4,
                MemorySegment.ofArray(b), 0, 3, 0, MemorySegment.ofArray(c).asReadOnly(), 0, 3), "read-only");
        assertInvalid(() -> Sgemm.sgemm(one, false, false, 3, 3, 4, 1, MemorySegment.ofArray(a), 0, 4,
                MemorySegment.ofArray(new float[11]), 0, 3, 0, MemorySegment.ofArray(c), 0, 3), "b (4 x 3");
        assertInvalid(() -> PackedB.pack(false, 0, 3, b, 0, 3), "k = 0");
        assertThat(c).containsExactly(keep);
        Engine closed = Engine.cpu(1);
        closed.close();
        assertThatThrownBy(() -> Sgemm.sgemm(closed, false, false, 3, 3, 4, 1, a, 0, 4, b, 0, 3, 0, c, 0, 3))
                .isInstanceOf(JdnnException.class).hasMessageContaining("closed");
        // empty problems are legal and touch nothing
        Sgemm.sgemm(one, false, false, 0, 3, 4, 1, a, 0, 4, b, 0, 3, 0, c, 0, 3);
        Sgemm.sgemm(one, false, false, 3, 0, 4, 1, a, 0, 4, b, 0, 1, 0, c, 0, 1);
        assertThat(c).containsExactly(keep);
    }

    @Test
    void warmUpRejectsABadDurationAndIsSafeToRepeat() {
        assertInvalid(() -> Sgemm.warmUp(java.time.Duration.ofMillis(-1)), "max = PT-0.001S is negative");
        assertThatThrownBy(() -> Sgemm.warmUp(null)).isInstanceOf(JdnnException.class).hasMessageContaining("max");
        // a zero budget returns at once (false unless an earlier call saw every kernel compiled),
        // and GEMMs after it are as exact as before
        Sgemm.warmUp(java.time.Duration.ZERO);
        float[] a = {1, 2, 3, 4};
        float[] b = {5, 6, 7, 8};
        float[] c = new float[4];
        Sgemm.sgemm(one, false, false, 2, 2, 2, 1, a, 0, 2, b, 0, 2, 0, c, 0, 2);
        assertThat(c).containsExactly(19, 22, 43, 50);
    }

    private static void assertInvalid(Runnable r, String fragment) {
        assertThatThrownBy(r::run).isInstanceOf(JdnnException.class)
                .satisfies(e -> assertThat(((JdnnException) e).status()).isEqualTo(Status.INVALID_ARGUMENTS))
                .hasMessageContaining(fragment);
    }
}
