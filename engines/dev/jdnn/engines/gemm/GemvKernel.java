package dev.jdnn.engines.gemm;

import java.lang.foreign.MemorySegment;

/**
 * Matrix-vector kernels for GEMMs with M = 1 or N = 1 (memory-bound: each element of the matrix is
 * used once, so it is streamed in its stored order and never packed). The matrix is an
 * row-major matrix X: element (r, c) at {@code xOff + r * ld + c} of the array {@code xa}, or of the
 * segment {@code xs} when {@code xa} is null (in floats); {@code v} is contiguous.
 */
interface GemvKernel {
    /** {@code y[j] = sum_{k < kLen} v[vOff + k] * X(r0 + k, c0 + j)} for {@code j < len}: rows of X scaled and summed. */
    void axpyRows(int kLen, float[] v, int vOff, float[] xa, MemorySegment xs, long xOff, long ld, long r0, long c0, int len, float[] y);

    /**
     * {@code y[i * ldy + j] += sum_{k < kLen} v[i * ldv + k] * X(r0 + k, c0 + j)} for {@code i < rows},
     * {@code j < len}: a few rows of A times X, X read once, row after row (see {@link FewRowsGemm}).
     */
    void axpyRowsMulti(int rows, int kLen, float[] v, int ldv, float[] xa, MemorySegment xs, long xOff, long ld, long r0,
            long c0, int len, float[] y, int ldy);

    /** {@code y[i] = sum_{k < kLen} X(r0 + i, c0 + k) * v[vOff + k]} for {@code i < len}: dot products with rows of X. */
    void dotRows(int kLen, float[] v, int vOff, float[] xa, MemorySegment xs, long xOff, long ld, long r0, long c0, int len, float[] y);
}
