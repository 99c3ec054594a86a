package dev.jdnn.primitives.kernels.vector;

import dev.jdnn.primitives.kernels.RowBroadcastKernel;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * {@link RowBroadcastKernel} on Vector API registers: column by column of vectors, the operand's
 * vector loaded once and applied to every row; the last, partial vector of a row under a mask.
 * Loaded by name when the Vector API is usable; its constructor runs both loops until C2 has
 * compiled them (see {@link EltwiseWarmUp} for why a vector loop left to C1 is unusable).
 */
public final class VectorRowBroadcast implements RowBroadcastKernel {
    /** The warm-up tile: a GEMM tile's rows, a width that ends in a partial vector. */
    private static final int ROWS = 12;
    private static final int COLS = 2 * Lanes.N + 5;
    private static final long FAST_NANOS_PER_ELEMENT = 20;
    private static final long MAX_NANOS = 3_000_000_000L;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    /**
     * For {@code VectorSupport.load}; returns once the loops (array and native-segment forms) are
     * compiled, or after at most 3 s.
     */
    public VectorRowBroadcast() {
        float[] x = new float[ROWS * COLS];
        float[] y = new float[COLS];
        MemorySegment s = Arena.ofAuto().allocate((long) ROWS * COLS * Float.BYTES, 64);
        long deadline = System.nanoTime() + MAX_NANOS;
        while (System.nanoTime() < deadline) {
            long t0 = System.nanoTime();
            addScaled(x, 0, COLS, ROWS, COLS, y, 0, 1f);
            mul(x, 0, COLS, ROWS, COLS, y, 0);
            addScaled(s, 0, COLS, ROWS, COLS, y, 0, 1f);
            mul(s, 0, COLS, ROWS, COLS, y, 0);
            if (System.nanoTime() - t0 < FAST_NANOS_PER_ELEMENT * 4 * x.length) {
                return;
            }
        }
    }

    @Override
    public void addScaled(float[] x, int xo, int ldx, int rows, int cols, float[] y, int yo, float f) {
        int end = xo + rows * ldx;
        for (int j = 0; j < cols; j += Lanes.N) {
            if (j + Lanes.N <= cols) {
                FloatVector v = FloatVector.fromArray(Lanes.F, y, yo + j).mul(f);
                for (int at = xo + j; at < end; at += ldx) {
                    FloatVector.fromArray(Lanes.F, x, at).add(v).intoArray(x, at);
                }
            } else {
                VectorMask<Float> m = Lanes.F.indexInRange(j, cols);
                FloatVector v = FloatVector.fromArray(Lanes.F, y, yo + j, m).mul(f);
                for (int at = xo + j; at < end; at += ldx) {
                    FloatVector.fromArray(Lanes.F, x, at, m).add(v).intoArray(x, at, m);
                }
            }
        }
    }

    @Override
    public void mul(float[] x, int xo, int ldx, int rows, int cols, float[] y, int yo) {
        int end = xo + rows * ldx;
        for (int j = 0; j < cols; j += Lanes.N) {
            if (j + Lanes.N <= cols) {
                FloatVector v = FloatVector.fromArray(Lanes.F, y, yo + j);
                for (int at = xo + j; at < end; at += ldx) {
                    FloatVector.fromArray(Lanes.F, x, at).mul(v).intoArray(x, at);
                }
            } else {
                VectorMask<Float> m = Lanes.F.indexInRange(j, cols);
                FloatVector v = FloatVector.fromArray(Lanes.F, y, yo + j, m);
                for (int at = xo + j; at < end; at += ldx) {
                    FloatVector.fromArray(Lanes.F, x, at, m).mul(v).intoArray(x, at, m);
                }
            }
        }
    }

    @Override
    public void addScaled(MemorySegment x, long xo, long ldx, int rows, int cols, float[] y, int yo, float f) {
        for (int j = 0; j < cols; j += Lanes.N) {
            if (j + Lanes.N <= cols) {
                FloatVector v = FloatVector.fromArray(Lanes.F, y, yo + j).mul(f);
                for (int r = 0; r < rows; r++) {
                    long at = (xo + r * ldx + j) * Float.BYTES;
                    FloatVector.fromMemorySegment(Lanes.F, x, at, NATIVE).add(v).intoMemorySegment(x, at, NATIVE);
                }
            } else {
                VectorMask<Float> m = Lanes.F.indexInRange(j, cols);
                FloatVector v = FloatVector.fromArray(Lanes.F, y, yo + j, m).mul(f);
                for (int r = 0; r < rows; r++) {
                    long at = (xo + r * ldx + j) * Float.BYTES;
                    FloatVector.fromMemorySegment(Lanes.F, x, at, NATIVE, m).add(v).intoMemorySegment(x, at, NATIVE, m);
                }
            }
        }
    }

    @Override
    public void mul(MemorySegment x, long xo, long ldx, int rows, int cols, float[] y, int yo) {
        for (int j = 0; j < cols; j += Lanes.N) {
            if (j + Lanes.N <= cols) {
                FloatVector v = FloatVector.fromArray(Lanes.F, y, yo + j);
                for (int r = 0; r < rows; r++) {
                    long at = (xo + r * ldx + j) * Float.BYTES;
                    FloatVector.fromMemorySegment(Lanes.F, x, at, NATIVE).mul(v).intoMemorySegment(x, at, NATIVE);
                }
            } else {
                VectorMask<Float> m = Lanes.F.indexInRange(j, cols);
                FloatVector v = FloatVector.fromArray(Lanes.F, y, yo + j, m);
                for (int r = 0; r < rows; r++) {
                    long at = (xo + r * ldx + j) * Float.BYTES;
                    FloatVector.fromMemorySegment(Lanes.F, x, at, NATIVE, m).mul(v).intoMemorySegment(x, at, NATIVE, m);
                }
            }
        }
    }
}
