package dev.jdnn.engines.gemm;

import dev.jdnn.engines.Engine;
import java.util.Arrays;

/**
 * GEMM with a K of at most {@link #MAX_K}: a sum of at most four outer products, such as the weight
 * gradient of a layer at minibatch 2 (2304 x 768 x 2). The tile kernels would spend their time
 * starting and storing tiles (two multiply-adds per C element between a zeroing and a store), so
 * each row of C is instead written once, by vectors, from the K rows of B (staged, shared by the
 * threads) and K scalars of A ({@link MicroKernel#rank4}). Memory-bound on writing C.
 */
final class SmallK {
    /** Largest K served here. */
    static final int MAX_K = 4;
    /** Rows of C per staged A block (and per epilogue call). */
    private static final int ROWS = 64;
    /** Below this many elements of C the calling thread does it alone. */
    private static final long PARALLEL_MIN_ELEMENTS = 1L << 15;

    private SmallK() {
    }

    static void run(Engine engine, int threads, int m, int n, int k, float alpha, Operand a, Operand b, float beta,
            Operand c, GemmEpilogue epi) {
        MicroKernel kern = Kernels.MICRO;
        // op(B) as 4 rows of n floats, rows past K zero; the calling thread's buffer, only read meanwhile
        float[] bRows = Scratch.get().b(MAX_K * n);
        for (int kk = 0; kk < MAX_K; kk++) {
            if (kk >= k) {
                Arrays.fill(bRows, kk * n, (kk + 1) * n, 0f);
            } else if (b.trans) {
                for (int j = 0; j < n; j++) {
                    bRows[kk * n + j] = b.get(j, kk);
                }
            } else {
                Packing.copyRows(b, kk, 0, 1, n, bRows, kk * n, n);
            }
        }
        if (threads == 1 || (long) m * n < PARALLEL_MIN_ELEMENTS) {
            rows(kern, 0, m, n, k, alpha, a, bRows, beta, c, epi);
            return;
        }
        engine.parallelFor(m, ROWS, (s, e) -> rows(kern, (int) s, (int) e, n, k, alpha, a, bRows, beta, c, epi));
    }

    /** Rows [s, e) of C, in blocks of {@link #ROWS}: A staged k-major (4 rows of the block's length). */
    private static void rows(MicroKernel kern, int s, int e, int n, int k, float alpha, Operand a, float[] bRows,
            float beta, Operand c, GemmEpilogue epi) {
        float[] aBlock = Scratch.get().a(MAX_K * ROWS);
        for (int i0 = s; i0 < e; i0 += ROWS) {
            int rows = Math.min(ROWS, e - i0);
            // only the block's own floats: the thread's scratch may have grown far larger for an
            // earlier GEMM (filling all of it doubled a minibatch-2 weight gradient run after one)
            Arrays.fill(aBlock, 0, MAX_K * ROWS, 0f);
            for (int kk = 0; kk < k; kk++) {
                for (int i = 0; i < rows; i++) {
                    aBlock[kk * ROWS + i] = a.op(i0 + i, kk);
                }
            }
            // C's block (and the epilogue on it) in the kernels' array or native form
            long cAt = c.offset + i0 * c.ld;
            if (c.array != null) {
                kern.rank4(rows, n, k, aBlock, ROWS, bRows, c.array, (int) cAt, (int) c.ld, alpha, beta);
                if (epi != null) {
                    epi.finish(i0, rows, 0, n, c.array, (int) cAt, (int) c.ld);
                }
            } else {
                kern.rank4(rows, n, k, aBlock, ROWS, bRows, c.segment, cAt, c.ld, alpha, beta);
                if (epi != null) {
                    epi.finish(i0, rows, 0, n, c.segment, cAt, c.ld);
                }
            }
        }
    }
}
