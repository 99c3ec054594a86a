package dev.jdnn.engines.gemm;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API {@link GemvKernel}: four rows of X per pass (four FMAs per loaded y vector in
 * {@code axpyRows}; four independent accumulators in {@code dotRows}). Loaded by name through
 * {@code VectorSupport.load}.
 */
public final class VectorGemvKernel implements GemvKernel {
    private static final VectorSpecies<Float> S = VectorMicroKernel.S;
    private static final int VL = S.length();
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    /** For {@code VectorSupport.load}. */
    public VectorGemvKernel() {
    }

    @Override
    public void axpyRows(int kLen, float[] v, int vOff, float[] xa, MemorySegment xs, long xOff, long ld, long r0, long c0, int len, float[] y) {
        Arrays.fill(y, 0, len, 0f);
        int vecEnd = len / VL * VL;
        int k = 0;
        if (xa != null) {
            for (; k + 4 <= kLen; k += 4) {
                int p0 = (int) (xOff + (r0 + k) * ld + c0);
                int p1 = (int) (p0 + ld);
                int p2 = (int) (p1 + ld);
                int p3 = (int) (p2 + ld);
                float s0 = v[vOff + k];
                float s1 = v[vOff + k + 1];
                float s2 = v[vOff + k + 2];
                float s3 = v[vOff + k + 3];
                FloatVector w0 = FloatVector.broadcast(S, s0);
                FloatVector w1 = FloatVector.broadcast(S, s1);
                FloatVector w2 = FloatVector.broadcast(S, s2);
                FloatVector w3 = FloatVector.broadcast(S, s3);
                for (int j = 0; j < vecEnd; j += VL) {
                    FloatVector acc = FloatVector.fromArray(S, y, j);
                    acc = FloatVector.fromArray(S, xa, p0 + j).fma(w0, acc);
                    acc = FloatVector.fromArray(S, xa, p1 + j).fma(w1, acc);
                    acc = FloatVector.fromArray(S, xa, p2 + j).fma(w2, acc);
                    acc = FloatVector.fromArray(S, xa, p3 + j).fma(w3, acc);
                    acc.intoArray(y, j);
                }
                for (int j = vecEnd; j < len; j++) {
                    y[j] += s0 * xa[p0 + j] + s1 * xa[p1 + j] + s2 * xa[p2 + j] + s3 * xa[p3 + j];
                }
            }
            for (; k < kLen; k++) {
                int p0 = (int) (xOff + (r0 + k) * ld + c0);
                float s0 = v[vOff + k];
                FloatVector w0 = FloatVector.broadcast(S, s0);
                for (int j = 0; j < vecEnd; j += VL) {
                    FloatVector.fromArray(S, xa, p0 + j).fma(w0, FloatVector.fromArray(S, y, j)).intoArray(y, j);
                }
                for (int j = vecEnd; j < len; j++) {
                    y[j] += s0 * xa[p0 + j];
                }
            }
        } else {
            for (; k + 4 <= kLen; k += 4) {
                long p0 = (xOff + (r0 + k) * ld + c0) * 4L;
                long p1 = p0 + ld * 4L;
                long p2 = p1 + ld * 4L;
                long p3 = p2 + ld * 4L;
                float s0 = v[vOff + k];
                float s1 = v[vOff + k + 1];
                float s2 = v[vOff + k + 2];
                float s3 = v[vOff + k + 3];
                FloatVector w0 = FloatVector.broadcast(S, s0);
                FloatVector w1 = FloatVector.broadcast(S, s1);
                FloatVector w2 = FloatVector.broadcast(S, s2);
                FloatVector w3 = FloatVector.broadcast(S, s3);
                for (int j = 0; j < vecEnd; j += VL) {
                    long b = j * 4L;
                    FloatVector acc = FloatVector.fromArray(S, y, j);
                    acc = FloatVector.fromMemorySegment(S, xs, p0 + b, NATIVE).fma(w0, acc);
                    acc = FloatVector.fromMemorySegment(S, xs, p1 + b, NATIVE).fma(w1, acc);
                    acc = FloatVector.fromMemorySegment(S, xs, p2 + b, NATIVE).fma(w2, acc);
                    acc = FloatVector.fromMemorySegment(S, xs, p3 + b, NATIVE).fma(w3, acc);
                    acc.intoArray(y, j);
                }
                for (int j = vecEnd; j < len; j++) {
                    long b = j * 4L;
                    y[j] += s0 * xs.get(Packing.F, p0 + b) + s1 * xs.get(Packing.F, p1 + b)
                            + s2 * xs.get(Packing.F, p2 + b) + s3 * xs.get(Packing.F, p3 + b);
                }
            }
            for (; k < kLen; k++) {
                long p0 = (xOff + (r0 + k) * ld + c0) * 4L;
                float s0 = v[vOff + k];
                FloatVector w0 = FloatVector.broadcast(S, s0);
                for (int j = 0; j < vecEnd; j += VL) {
                    FloatVector.fromMemorySegment(S, xs, p0 + j * 4L, NATIVE).fma(w0, FloatVector.fromArray(S, y, j))
                            .intoArray(y, j);
                }
                for (int j = vecEnd; j < len; j++) {
                    y[j] += s0 * xs.get(Packing.F, p0 + j * 4L);
                }
            }
        }
    }

    /** Columns of X per block of {@link #axpyRowsMulti}: four rows of a block (16 KiB) stay in L1 while each row of A meets them. */
    private static final int MULTI_BLOCK = 1024;

    @Override
    public void axpyRowsMulti(int rows, int kLen, float[] v, int ldv, float[] xa, MemorySegment xs, long xOff, long ld,
            long r0, long c0, int len, float[] y, int ldy) {
        // k in steps of four rows of X (the last step's missing rows read row r0 + k again, with weight 0);
        // within a step, blocks of columns, so that each X row streams from memory once, in order
        for (int k = 0; k < kLen; k += 4) {
            int n = Math.min(4, kLen - k);
            long p0 = xOff + (r0 + k) * ld + c0;
            long p1 = n > 1 ? p0 + ld : p0;
            long p2 = n > 2 ? p0 + 2 * ld : p0;
            long p3 = n > 3 ? p0 + 3 * ld : p0;
            for (int j0 = 0; j0 < len; j0 += MULTI_BLOCK) {
                int j1 = Math.min(len, j0 + MULTI_BLOCK);
                for (int i = 0; i < rows; i++) {
                    int w = i * ldv + k;
                    float s0 = v[w];
                    float s1 = n > 1 ? v[w + 1] : 0f;
                    float s2 = n > 2 ? v[w + 2] : 0f;
                    float s3 = n > 3 ? v[w + 3] : 0f;
                    if (xa != null) {
                        axpy4(xa, (int) p0, (int) p1, (int) p2, (int) p3, s0, s1, s2, s3, j0, j1, y, i * ldy);
                    } else {
                        axpy4(xs, p0, p1, p2, p3, s0, s1, s2, s3, j0, j1, y, i * ldy);
                    }
                }
            }
        }
    }

    /** {@code y[yOff + j] += s0 x[p0 + j] + .. + s3 x[p3 + j]} for {@code j0 <= j < j1}. */
    private static void axpy4(float[] x, int p0, int p1, int p2, int p3, float s0, float s1, float s2, float s3, int j0,
            int j1, float[] y, int yOff) {
        FloatVector w0 = FloatVector.broadcast(S, s0);
        FloatVector w1 = FloatVector.broadcast(S, s1);
        FloatVector w2 = FloatVector.broadcast(S, s2);
        FloatVector w3 = FloatVector.broadcast(S, s3);
        int j = j0;
        for (; j <= j1 - VL; j += VL) {
            FloatVector acc = FloatVector.fromArray(S, y, yOff + j);
            acc = FloatVector.fromArray(S, x, p0 + j).fma(w0, acc);
            acc = FloatVector.fromArray(S, x, p1 + j).fma(w1, acc);
            acc = FloatVector.fromArray(S, x, p2 + j).fma(w2, acc);
            acc = FloatVector.fromArray(S, x, p3 + j).fma(w3, acc);
            acc.intoArray(y, yOff + j);
        }
        for (; j < j1; j++) {
            y[yOff + j] += s0 * x[p0 + j] + s1 * x[p1 + j] + s2 * x[p2 + j] + s3 * x[p3 + j];
        }
    }

    /** {@link #axpy4(float[], int, int, int, int, float, float, float, float, int, int, float[], int)} from a segment. */
    private static void axpy4(MemorySegment x, long p0, long p1, long p2, long p3, float s0, float s1, float s2, float s3,
            int j0, int j1, float[] y, int yOff) {
        FloatVector w0 = FloatVector.broadcast(S, s0);
        FloatVector w1 = FloatVector.broadcast(S, s1);
        FloatVector w2 = FloatVector.broadcast(S, s2);
        FloatVector w3 = FloatVector.broadcast(S, s3);
        int j = j0;
        for (; j <= j1 - VL; j += VL) {
            FloatVector acc = FloatVector.fromArray(S, y, yOff + j);
            acc = FloatVector.fromMemorySegment(S, x, (p0 + j) * 4L, NATIVE).fma(w0, acc);
            acc = FloatVector.fromMemorySegment(S, x, (p1 + j) * 4L, NATIVE).fma(w1, acc);
            acc = FloatVector.fromMemorySegment(S, x, (p2 + j) * 4L, NATIVE).fma(w2, acc);
            acc = FloatVector.fromMemorySegment(S, x, (p3 + j) * 4L, NATIVE).fma(w3, acc);
            acc.intoArray(y, yOff + j);
        }
        for (; j < j1; j++) {
            y[yOff + j] += s0 * x.getAtIndex(Packing.F, p0 + j) + s1 * x.getAtIndex(Packing.F, p1 + j)
                    + s2 * x.getAtIndex(Packing.F, p2 + j) + s3 * x.getAtIndex(Packing.F, p3 + j);
        }
    }

    @Override
    public void dotRows(int kLen, float[] v, int vOff, float[] xa, MemorySegment xs, long xOff, long ld, long r0, long c0, int len, float[] y) {
        int vecEnd = kLen / VL * VL;
        int i = 0;
        if (xa != null) {
            for (; i + 4 <= len; i += 4) {
                int p0 = (int) (xOff + (r0 + i) * ld + c0);
                int p1 = (int) (p0 + ld);
                int p2 = (int) (p1 + ld);
                int p3 = (int) (p2 + ld);
                FloatVector a0 = FloatVector.zero(S);
                FloatVector a1 = FloatVector.zero(S);
                FloatVector a2 = FloatVector.zero(S);
                FloatVector a3 = FloatVector.zero(S);
                for (int k = 0; k < vecEnd; k += VL) {
                    FloatVector w = FloatVector.fromArray(S, v, vOff + k);
                    a0 = FloatVector.fromArray(S, xa, p0 + k).fma(w, a0);
                    a1 = FloatVector.fromArray(S, xa, p1 + k).fma(w, a1);
                    a2 = FloatVector.fromArray(S, xa, p2 + k).fma(w, a2);
                    a3 = FloatVector.fromArray(S, xa, p3 + k).fma(w, a3);
                }
                float s0 = a0.reduceLanes(VectorOperators.ADD);
                float s1 = a1.reduceLanes(VectorOperators.ADD);
                float s2 = a2.reduceLanes(VectorOperators.ADD);
                float s3 = a3.reduceLanes(VectorOperators.ADD);
                for (int k = vecEnd; k < kLen; k++) {
                    float w = v[vOff + k];
                    s0 += xa[p0 + k] * w;
                    s1 += xa[p1 + k] * w;
                    s2 += xa[p2 + k] * w;
                    s3 += xa[p3 + k] * w;
                }
                y[i] = s0;
                y[i + 1] = s1;
                y[i + 2] = s2;
                y[i + 3] = s3;
            }
            for (; i < len; i++) {
                int p0 = (int) (xOff + (r0 + i) * ld + c0);
                FloatVector a0 = FloatVector.zero(S);
                for (int k = 0; k < vecEnd; k += VL) {
                    a0 = FloatVector.fromArray(S, xa, p0 + k).fma(FloatVector.fromArray(S, v, vOff + k), a0);
                }
                float s0 = a0.reduceLanes(VectorOperators.ADD);
                for (int k = vecEnd; k < kLen; k++) {
                    s0 += xa[p0 + k] * v[vOff + k];
                }
                y[i] = s0;
            }
        } else {
            for (; i + 4 <= len; i += 4) {
                long p0 = (xOff + (r0 + i) * ld + c0) * 4L;
                long p1 = p0 + ld * 4L;
                long p2 = p1 + ld * 4L;
                long p3 = p2 + ld * 4L;
                FloatVector a0 = FloatVector.zero(S);
                FloatVector a1 = FloatVector.zero(S);
                FloatVector a2 = FloatVector.zero(S);
                FloatVector a3 = FloatVector.zero(S);
                for (int k = 0; k < vecEnd; k += VL) {
                    long b = k * 4L;
                    FloatVector w = FloatVector.fromArray(S, v, vOff + k);
                    a0 = FloatVector.fromMemorySegment(S, xs, p0 + b, NATIVE).fma(w, a0);
                    a1 = FloatVector.fromMemorySegment(S, xs, p1 + b, NATIVE).fma(w, a1);
                    a2 = FloatVector.fromMemorySegment(S, xs, p2 + b, NATIVE).fma(w, a2);
                    a3 = FloatVector.fromMemorySegment(S, xs, p3 + b, NATIVE).fma(w, a3);
                }
                float s0 = a0.reduceLanes(VectorOperators.ADD);
                float s1 = a1.reduceLanes(VectorOperators.ADD);
                float s2 = a2.reduceLanes(VectorOperators.ADD);
                float s3 = a3.reduceLanes(VectorOperators.ADD);
                for (int k = vecEnd; k < kLen; k++) {
                    float w = v[vOff + k];
                    long b = k * 4L;
                    s0 += xs.get(Packing.F, p0 + b) * w;
                    s1 += xs.get(Packing.F, p1 + b) * w;
                    s2 += xs.get(Packing.F, p2 + b) * w;
                    s3 += xs.get(Packing.F, p3 + b) * w;
                }
                y[i] = s0;
                y[i + 1] = s1;
                y[i + 2] = s2;
                y[i + 3] = s3;
            }
            for (; i < len; i++) {
                long p0 = (xOff + (r0 + i) * ld + c0) * 4L;
                FloatVector a0 = FloatVector.zero(S);
                for (int k = 0; k < vecEnd; k += VL) {
                    a0 = FloatVector.fromMemorySegment(S, xs, p0 + k * 4L, NATIVE)
                            .fma(FloatVector.fromArray(S, v, vOff + k), a0);
                }
                float s0 = a0.reduceLanes(VectorOperators.ADD);
                for (int k = vecEnd; k < kLen; k++) {
                    s0 += xs.get(Packing.F, p0 + k * 4L) * v[vOff + k];
                }
                y[i] = s0;
            }
        }
    }
}
