package dev.jdnn.primitives.kernels;

import dev.jdnn.engines.VectorSupport;
import dev.jdnn.primitives.EltwiseAlg;
import dev.jdnn.primitives.ref.EltwiseMath;
import java.lang.foreign.MemorySegment;

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
     * Whether {@link #apply(MemorySegment, long, long, int, int)} is available: a function cheap
     * enough that staging a GEMM tile through an array would cost more than it (relu).
     */
    default boolean hasSegmentForm() {
        return false;
    }

    /**
     * Applies the function in place to a block of a native-order segment: {@code rows} rows of
     * {@code cols} floats, row r from float index {@code offset + r * ld}. Only where
     * {@link #hasSegmentForm()}.
     */
    default void apply(MemorySegment data, long offset, long ld, int rows, int cols) {
        throw new UnsupportedOperationException("no segment form for this eltwise kernel");
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
