package dev.jdnn.primitives;

import dev.jdnn.memory.MemoryDesc;

/**
 * A matrix multiplication {@code dst[b..][m][n] = sum_k src[b..][m][k] * weights[b..][k][n] + bias},
 * with batch dims broadcast where one operand has size 1, and bias broadcast over its dims of size 1.
 * Any strides are allowed, so a transposed operand is just a layout ({@code ba}). {@code bias} may
 * be null.
 */
public record MatMulDesc(MemoryDesc src, MemoryDesc weights, MemoryDesc bias, MemoryDesc dst) implements OpDesc {

    @Override
    public PrimitiveKind kind() {
        return PrimitiveKind.MATMUL;
    }

    /** MatMul has no propagation kind in oneDNN; it is reported as forward inference. */
    @Override
    public PropKind propKind() {
        return PropKind.FORWARD_INFERENCE;
    }

    @Override
    public String algorithm() {
        return "";
    }

    public boolean hasBias() {
        return bias != null;
    }

    public int ndims() {
        return dst.ndims();
    }

    public long m() {
        return dst.dim(ndims() - 2);
    }

    public long n() {
        return dst.dim(ndims() - 1);
    }

    public long k() {
        return src.dim(ndims() - 1);
    }

    /** Product of dst's batch dims. */
    public long batch() {
        long b = 1;
        for (int i = 0; i < ndims() - 2; i++) {
            b *= dst.dim(i);
        }
        return b;
    }

    public MatMulDesc withMemory(MemoryDesc newSrc, MemoryDesc newWeights, MemoryDesc newBias, MemoryDesc newDst) {
        return new MatMulDesc(newSrc, newWeights, newBias, newDst);
    }

    /** benchdnn's matmul descriptor: {@code src_dims:wei_dims:dst_dims}. */
    @Override
    public String problem() {
        return src.shape() + ":" + weights.shape() + ":" + dst.shape();
    }
}
