package dev.jdnn.primitives.kernels.vector;

import dev.jdnn.primitives.EltwiseAlg;
import dev.jdnn.primitives.kernels.EltwiseKernel;

/**
 * Makes {@link VectorEltwise} kernels, the first of each algorithm compiled before it is returned
 * ({@link EltwiseWarmUp}); loaded by name only when the Vector API is usable.
 */
public final class VectorEltwiseFactory implements EltwiseKernel.Factory {
    public VectorEltwiseFactory() {
    }

    @Override
    public EltwiseKernel create(EltwiseAlg alg, float alpha, float beta, float scale) {
        VectorEltwise kernel = new VectorEltwise(alg, alpha, beta, scale);
        EltwiseWarmUp.ensureCompiled(alg, kernel);
        return kernel;
    }
}
