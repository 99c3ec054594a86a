package dev.jdnn.engines.gemm;

import java.lang.foreign.MemorySegment;

/**
 * Work fused into the SGEMM on each finished block of C (all of K accumulated), while the block
 * is still in cache: a primitive's bias, output scales and post-ops. The driver calls it once per
 * strip of micro-tiles (the rows of one tile across a group of B panels, up to a few hundred
 * columns), right after the strip's last store, so the values are re-read from L1 or L2; the rare
 * paths that finish C at the end (a K split, matrix-vector products) call it on larger blocks.
 *
 * <p>Why strips and not tiles: each call has fixed costs (staging, per-row loop set-up) and a step
 * such as gelu_erf runs its vector loops best over long rows. A matmul's fused gelu_erf cost went
 * from 1.077-1.082x the bare matmul (per 12 x 32 tile, staged) to 1.049-1.052x (per 12 x 320
 * strip, in place), one thread, 128x768x768; relu and bias were unchanged or cheaper.
 *
 * <p>Coordinates are those of this GEMM's C ({@code row} in [0, M), {@code col} in [0, N)); the
 * block's element (r, j) is at {@code c[offset + r * ldc + j]}. Calls for disjoint blocks may come
 * from several threads at once, so an implementation keeps per-call state in locals or per thread.
 */
public interface GemmEpilogue {
    /** Finishes rows {@code [row, row + rows)}, columns {@code [col, col + cols)} of C held in an array. */
    void finish(int row, int rows, int col, int cols, float[] c, int offset, int ldc);

    /** Finishes a block of C held in a memory segment (offset and leading dimension in floats). */
    void finish(int row, int rows, int col, int cols, MemorySegment c, long offset, long ldc);
}
