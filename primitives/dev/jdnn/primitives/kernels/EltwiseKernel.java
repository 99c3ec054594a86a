package dev.jdnn.primitives.kernels;

import dev.jdnn.engines.VectorSupport;
import dev.jdnn.primitives.EltwiseAlg;
import dev.jdnn.primitives.ref.EltwiseMath;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One eltwise function, {@code x -> scale * alg(x; alpha, beta)}, applied in place to a run of a
 * {@code float[]}: the inner loop of the eltwise post-op fused into matmul and convolution. The
 * vector implementation keeps one loop per algorithm so that each one's Vector API operators are
 * constants C2 can intrinsify. Immutable and thread-safe.
 */
public interface EltwiseKernel {
    /** Applies the function to {@code data[from, to)}. */
    void apply(float[] data, int from, int to);

    /**
     * Whether {@link #apply(MemorySegment, long, long, int, int)} works on the segment where it lies
     * (relu and gelu_erf in the vector kernel): cheaper than staging a GEMM block through an array
     * and back. The other kernels' segment form stages the block row by row, which a caller with a
     * whole block to stage anyway does better itself.
     */
    default boolean worksInPlace() {
        return false;
    }

    /**
     * Applies the function in place to a block of a segment (native byte order): {@code rows} rows
     * of {@code cols} floats, row r from float index {@code offset + r * ld}. By default each row is
     * copied to a per-thread array, transformed by {@link #apply(float[], int, int)} and copied back.
     */
    default void apply(MemorySegment data, long offset, long ld, int rows, int cols) {
        float[] row = RowStaging.row(cols);
        for (int r = 0; r < rows; r++) {
            long at = (offset + r * ld) * Float.BYTES;
            MemorySegment.copy(data, ValueLayout.JAVA_FLOAT_UNALIGNED, at, row, 0, cols);
            apply(row, 0, cols);
            MemorySegment.copy(row, 0, data, ValueLayout.JAVA_FLOAT_UNALIGNED, at, cols);
        }
    }

    /** The per-thread row of the default segment form, grown on demand. */
    final class RowStaging {
        private static final ThreadLocal<float[][]> ROW = ThreadLocal.withInitial(() -> new float[][] {new float[64]});

        private RowStaging() {
        }

        static float[] row(int n) {
            float[][] holder = ROW.get();
            if (holder[0].length < n) {
                holder[0] = new float[n];
            }
            return holder[0];
        }
    }

    /** The kernel of the ISA in use (vector when the Vector API is available, else scalar). */
    static EltwiseKernel of(EltwiseAlg alg, float alpha, float beta, float scale) {
        alg.validate(alpha, beta);
        Factory f = Holder.FACTORY;
        return f.create(alg, alpha, beta, scale);
    }

    /** Makes kernels; one implementation per ISA. */
    interface Factory {
        EltwiseKernel create(EltwiseAlg alg, float alpha, float beta, float scale);
    }

    /** The factory for this JVM, chosen once. */
    final class Holder {
        static final Factory FACTORY = VectorSupport.load(Factory.class,
                "dev.jdnn.primitives.kernels.vector.VectorEltwiseFactory", () -> Scalar::new);

        private Holder() {
        }
    }

    /** The scalar kernel: the reference math, element by element. */
    record Scalar(EltwiseAlg alg, float alpha, float beta, float scale) implements EltwiseKernel {
        @Override
        public void apply(float[] data, int from, int to) {
            for (int i = from; i < to; i++) {
                data[i] = scale * EltwiseMath.forward(alg, alpha, beta, data[i]);
            }
        }
    }
}
