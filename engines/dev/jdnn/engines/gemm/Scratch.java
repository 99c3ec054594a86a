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
    private final int[] gather = new int[64];

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

    /** Gather indices for packing A (64 lanes: any species). */
    int[] gather() {
        return gather;
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
