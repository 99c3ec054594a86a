package dev.jdnn.engines.gemm;

import dev.jdnn.engines.VectorSupport;

/** The micro-kernel, GEMV kernel and blocking this JVM uses, chosen once from {@link VectorSupport#isa()}. */
final class Kernels {
    static final MicroKernel MICRO = VectorSupport.load(MicroKernel.class,
            "dev.jdnn.engines.gemm.VectorMicroKernel", ScalarMicroKernel::new);
    static final GemvKernel GEMV = VectorSupport.load(GemvKernel.class,
            "dev.jdnn.engines.gemm.VectorGemvKernel", ScalarGemvKernel::new);
    static final GemmBlocking BLOCKING = GemmBlocking.of(MICRO);

    private Kernels() {
    }
}
