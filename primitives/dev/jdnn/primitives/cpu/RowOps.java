package dev.jdnn.primitives.cpu;

import dev.jdnn.primitives.BinaryAlg;

/**
 * Element-wise operations on runs of {@code float[]}: the epilogue's bias, scales and binary
 * post-ops. Plain counted loops with one operation each, which C2's auto-vectorizer turns into
 * vector code (a switch inside a loop would defeat it, so each binary algorithm has its loop).
 */
final class RowOps {
    private RowOps() {
    }

    /** {@code x[xo..xo+n) += f * y[yo..yo+n)}. */
    static void addScaled(float[] x, int xo, float[] y, int yo, int n, float f) {
        for (int i = 0; i < n; i++) {
            x[xo + i] += f * y[yo + i];
        }
    }

    /** {@code x[xo..xo+n) += s}. */
    static void addScalar(float[] x, int xo, int n, float s) {
        for (int i = 0; i < n; i++) {
            x[xo + i] += s;
        }
    }

    /** {@code x[i] = alg(x[i], y[i])} over a run. */
    static void binary(BinaryAlg alg, float[] x, int xo, float[] y, int yo, int n) {
        switch (alg) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    x[xo + i] += y[yo + i];
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    x[xo + i] *= y[yo + i];
                }
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    x[xo + i] -= y[yo + i];
                }
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    x[xo + i] /= y[yo + i];
                }
            }
            case MAX -> {
                for (int i = 0; i < n; i++) {
                    x[xo + i] = Math.max(x[xo + i], y[yo + i]);
                }
            }
            case MIN -> {
                for (int i = 0; i < n; i++) {
                    x[xo + i] = Math.min(x[xo + i], y[yo + i]);
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    x[xo + i] = alg.apply(x[xo + i], y[yo + i]);
                }
            }
        }
    }

    /** {@code x[i] = alg(x[i], s)} over a run. */
    static void binaryScalar(BinaryAlg alg, float[] x, int xo, int n, float s) {
        switch (alg) {
            case ADD -> addScalar(x, xo, n, s);
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    x[xo + i] *= s;
                }
            }
            case SUB -> addScalar(x, xo, n, -s);
            default -> {
                for (int i = 0; i < n; i++) {
                    x[xo + i] = alg.apply(x[xo + i], s);
                }
            }
        }
    }
}
