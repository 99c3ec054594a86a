package dev.jdnn.engines.gemm;

import java.lang.foreign.MemorySegment;

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
    /** The A, B and C operands of the GEMM call this thread is making (set afresh by each call). */
    private final Operand[] operands = {new Operand(), new Operand(), new Operand()};

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

    private float[] viewed;
    private MemorySegment view;

    /**
     * A heap segment over {@code array}, the same object while the same array comes back (a GEMM
     * into a {@code float[]} allocates nothing once warm). The thread keeps the last array
     * reachable until its next GEMM into another one, as it keeps its pack buffers.
     */
    MemorySegment heapView(float[] array) {
        if (array != viewed) {
            viewed = array;
            view = MemorySegment.ofArray(array);
        }
        return view;
    }

    /** Operand holders for a call: {@code operand(0)} for A, 1 for B, 2 for C. */
    Operand operand(int i) {
        return operands[i];
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
