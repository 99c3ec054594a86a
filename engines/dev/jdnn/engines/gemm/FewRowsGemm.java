package dev.jdnn.engines.gemm;

import dev.jdnn.engines.Engine;
import dev.jdnn.engines.Partition;
import dev.jdnn.engines.Settings;

/**
 * GEMM with at most {@link #MAX_M} rows and a large untransposed B (the backward-data pass of an
 * inner product at minibatch 2: 2 x 25088 x 4096, B = 400 MB): memory-bound on reading B once.
 * The tile kernels would walk B down its columns, a few cache lines per row at a stride of a whole
 * row (100 KB), which no hardware prefetcher follows; here B is read row after row, in its stored
 * order, every row of C accumulating four rows of B at a time in a scratch block (as {@link Gemv}
 * does for one row). The columns are split over the engine's threads.
 */
final class FewRowsGemm {
    /** Most rows of C served here. */
    static final int MAX_M = 4;
    /**
     * Least floats of B for this path: B larger than the last-level cache (so it comes from memory
     * on every call). A B that stays in L3 between calls is read faster by the tile kernels (4 x 1024
     * x 4096 on one thread: 93-99 GFLOP/s there, 58-63 here), one from memory 1.5-1.7x faster here.
     */
    static final long MIN_B_FLOATS = Settings.getInt("jdnn.gemm.fewRowsMinB", null,
            (int) Math.min(Integer.MAX_VALUE, GemmBlocking.cacheBytes(3, 8 << 20) / 4));
    /** Tests: the least B served here (small shapes exercise the path). */
    static volatile long minBFloats = MIN_B_FLOATS;
    /** Columns per unit of the thread split. */
    private static final int GRAIN = 256;

    private FewRowsGemm() {
    }

    /** Whether this path serves the problem (B untransposed, in an array or native memory, and large). */
    static boolean serves(int m, int n, int k, Operand b) {
        return m <= MAX_M && !b.trans && (long) n * k >= minBFloats
                && (b.array != null || b.segment.isNative());
    }

    static void run(Engine engine, int threads, int m, int n, int k, float alpha, Operand a, Operand b, float beta,
            Operand c) {
        // op(A) rows made contiguous (m x k), read by every thread
        float[] v = Scratch.get().v(m * k);
        for (int i = 0; i < m; i++) {
            for (int kk = 0; kk < k; kk++) {
                v[i * k + kk] = a.op(i, kk);
            }
        }
        int units = (n + GRAIN - 1) / GRAIN;
        int parts = Math.min(threads, units);
        if (parts <= 1) {
            part(0, n, m, k, alpha, v, b, beta, c);
            return;
        }
        engine.parallel(parts, p -> {
            int s = (int) Math.min(n, Partition.start(units, parts, p) * GRAIN);
            int e = (int) Math.min(n, Partition.end(units, parts, p) * GRAIN);
            if (s < e) {
                part(s, e, m, k, alpha, v, b, beta, c);
            }
        });
    }

    /** Columns [s, e) of C. */
    private static void part(int s, int e, int m, int k, float alpha, float[] v, Operand b, float beta, Operand c) {
        int len = e - s;
        float[] y = Scratch.get().y(m * len);
        java.util.Arrays.fill(y, 0, m * len, 0f);
        Kernels.GEMV.axpyRowsMulti(m, k, v, k, b.array, b.segment, b.offset, b.ld, 0, s, len, y, len);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < len; j++) {
                float r = alpha * y[i * len + j];
                c.set(i, s + j, beta == 0f ? r : r + beta * c.get(i, s + j));
            }
        }
    }
}
