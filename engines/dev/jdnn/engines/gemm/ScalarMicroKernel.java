package dev.jdnn.engines.gemm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Plain-Java micro-kernel for JVMs without the Vector API: 4 x 8 tiles, one C element at a time
 * over K with 4 partial sums in locals. Correct on every shape; several times slower than the
 * vector kernel.
 */
public final class ScalarMicroKernel implements MicroKernel {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    /** For {@code VectorSupport.load}'s fallback. */
    public ScalarMicroKernel() {
    }

    @Override
    public int mr() {
        return 4;
    }

    @Override
    public int nr() {
        return 8;
    }

    @Override
    public int lanes() {
        return 1;
    }

    @Override
    public String name() {
        return "scalar_4x8";
    }

    @Override
    public void tile(int rows, int cols, int kc, float[] a, int aOff, float[] b, int bOff, int ldb,
            MemorySegment c, long cOff, long ldc, float alpha, float beta) {
        tileDirect(rows, cols, kc, a, aOff, -rows, b, bOff, ldb, c, cOff, ldc, alpha, beta);
    }

    @Override
    public void tileDirect(int rows, int cols, int kc, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            MemorySegment c, long cOff, long ldc, float alpha, float beta) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                float s = alpha * dot(kc, a, aOff, i, lda, b, bOff + j, ldb);
                long at = (cOff + i * ldc + j) * 4L;
                c.set(F, at, beta == 0f ? s : s + beta * c.get(F, at));
            }
        }
    }

    @Override
    public void tile(int rows, int cols, int kc, float[] a, int aOff, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, float alpha, float beta) {
        tileDirect(rows, cols, kc, a, aOff, -rows, b, bOff, ldb, c, cOff, ldc, alpha, beta);
    }

    @Override
    public void tileDirect(int rows, int cols, int kc, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, float alpha, float beta) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                float s = alpha * dot(kc, a, aOff, i, lda, b, bOff + j, ldb);
                int at = cOff + i * ldc + j;
                c[at] = beta == 0f ? s : s + beta * c[at];
            }
        }
    }

    /**
     * Row {@code i} of A times column {@code bOff} of B over kc steps; A row-major with leading
     * dimension {@code lda}, or, when {@code lda < 0}, a k-major packed panel of {@code -lda} rows.
     */
    private static float dot(int kc, float[] a, int aOff, int i, int lda, float[] b, int bOff, int ldb) {
        int at = lda >= 0 ? aOff + i * lda : aOff + i;
        int as = lda >= 0 ? 1 : -lda;
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int k = 0;
        for (; k + 4 <= kc; k += 4) {
            s0 += a[at + k * as] * b[bOff + k * ldb];
            s1 += a[at + (k + 1) * as] * b[bOff + (k + 1) * ldb];
            s2 += a[at + (k + 2) * as] * b[bOff + (k + 2) * ldb];
            s3 += a[at + (k + 3) * as] * b[bOff + (k + 3) * ldb];
        }
        for (; k < kc; k++) {
            s0 += a[at + k * as] * b[bOff + k * ldb];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
