package dev.jdnn.engines.gemm;

import java.util.SplittableRandom;

/** Naive reference GEMM and exact test data (small integers, so every order of summation is exact). */
final class GemmRef {
    private GemmRef() {
    }

    /** Stored row-major data of {@code rows x ld} (at least), small integers in [-3, 3], from {@code seed}. */
    static float[] ints(int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = r.nextInt(7) - 3;
        }
        return x;
    }

    /** The naive triple loop, in double, on stored row-major operands (beta == 0 does not read C). */
    static void gemm(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
            float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double x = ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double y = tb ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += x * y;
                }
                int at = cOff + i * ldc + j;
                c[at] = (float) (beta == 0f ? alpha * s : alpha * s + (double) beta * c[at]);
            }
        }
    }
}
