package dev.jdnn.engines.gemm;

/**
 * Per-thread pack buffers, kept between calls (so a GEMM allocates nothing once warm) and grown on
 * demand. Each engine worker and each calling thread has its own.
 */
final class Scratch {
    private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

    private float[] a = new float[0];
    private float[] b = new float[0];
    private float[] v = new float[0];
    private float[] y = new float[0];

    static Scratch get() {
        return LOCAL.get();
    }

    float[] a(int size) {
        if (a.length < size) {
            a = new float[size];
        }
        return a;
    }

    float[] b(int size) {
        if (b.length < size) {
            b = new float[size];
        }
        return b;
    }

    /** GEMV: the vector operand made contiguous. */
    float[] v(int size) {
        if (v.length < size) {
            v = new float[size];
        }
        return v;
    }

    /** GEMV: the result before alpha/beta. */
    float[] y(int size) {
        if (y.length < size) {
            y = new float[size];
        }
        return y;
    }
}
