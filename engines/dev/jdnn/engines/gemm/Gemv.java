package dev.jdnn.engines.gemm;

import dev.jdnn.engines.Engine;
import dev.jdnn.engines.Partition;

/**
 * GEMM with M = 1 (a row times a matrix) or N = 1 (a matrix times a column): memory-bound, so the
 * matrix is streamed once in its stored order with no packing. The output range is split over the
 * engine's threads when it is large enough.
 */
final class Gemv {
    /** Below this many multiply-adds the calling thread does it alone. */
    static final long PARALLEL_MIN_MACS = 1L << 17;
    /** Output elements per unit of the thread split (whole vectors for the row sweep). */
    private static final int GRAIN = 64;

    private Gemv() {
    }

    static void run(Engine engine, int threads, int m, int n, int k, float alpha, Operand a, Operand b, float beta, Operand c) {
        boolean rowOut = m == 1;
        int len = rowOut ? n : m;
        // the vector operand, contiguous: op(A) row 0, or op(B) column 0
        Operand vs = rowOut ? a : b;
        boolean contiguous = rowOut != vs.trans; // op(A)(0, k) = stored(0, k) when A is not transposed
        float[] v;
        int vOff;
        if (contiguous && vs.isArray()) {
            v = vs.array;
            vOff = (int) vs.offset;
        } else {
            v = Scratch.get().v(k); // the calling thread's: only read while the parts run
            vOff = 0;
            for (int kk = 0; kk < k; kk++) {
                v[kk] = rowOut ? vs.op(0, kk) : vs.op(kk, 0);
            }
        }
        Operand x = rowOut ? b : a;
        // rows of the stored matrix run along K (axpy) when it is B untransposed or A transposed
        boolean axpy = rowOut != x.trans;
        int units = (len + GRAIN - 1) / GRAIN;
        int parts = (long) len * k < PARALLEL_MIN_MACS ? 1 : Math.min(threads, units);
        if (parts <= 1) {
            part(0, len, k, alpha, v, vOff, x, axpy, rowOut, beta, c);
            return;
        }
        engine.parallel(parts, p -> {
            int s = (int) Math.min(len, Partition.start(units, parts, p) * GRAIN);
            int e = (int) Math.min(len, Partition.end(units, parts, p) * GRAIN);
            if (s < e) {
                part(s, e, k, alpha, v, vOff, x, axpy, rowOut, beta, c);
            }
        });
    }

    private static void part(int s, int e, int k, float alpha, float[] v, int vOff, Operand x, boolean axpy,
            boolean rowOut, float beta, Operand c) {
        int len = e - s;
        float[] y = Scratch.get().y(len);
        if (axpy) {
            Kernels.GEMV.axpyRows(k, v, vOff, x.array, x.segment, x.offset, x.ld, 0, s, len, y);
        } else {
            Kernels.GEMV.dotRows(k, v, vOff, x.array, x.segment, x.offset, x.ld, s, 0, len, y);
        }
        if (c.isArray() && rowOut) {
            float[] ca = c.array;
            int at = (int) c.offset + s;
            for (int j = 0; j < len; j++) {
                ca[at + j] = beta == 0f ? alpha * y[j] : alpha * y[j] + beta * ca[at + j];
            }
            return;
        }
        for (int t = 0; t < len; t++) {
            long i = rowOut ? 0 : s + t;
            long j = rowOut ? s + t : 0;
            c.set(i, j, beta == 0f ? alpha * y[t] : alpha * y[t] + beta * c.get(i, j));
        }
    }
}
