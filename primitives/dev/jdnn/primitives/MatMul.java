package dev.jdnn.primitives;

import dev.jdnn.engines.Engine;
import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.MemoryDesc;

/**
 * Creates matmul primitive descriptors: src {@code [B.., M, K]}, weights {@code [B.., K, N]},
 * dst {@code [B.., M, N]}, optional bias of dst's rank with dims of 1 or dst's. All of the same
 * rank (2..6); a batch dim of an operand is 1 (broadcast) or dst's.
 *
 * <pre>{@code
 * PrimitiveDesc pd = MatMul.of(engine, src, weights, null, dst).build();
 * }</pre>
 */
public final class MatMul {
    private MatMul() {
    }

    public static Builder of(Engine engine, MemoryDesc src, MemoryDesc weights, MemoryDesc bias, MemoryDesc dst) {
        return new Builder(engine, src, weights, bias, dst);
    }

    /** Validates and dispatches. */
    public static final class Builder {
        private static final String NAME = "matmul";
        private final Engine engine;
        private final MemoryDesc src;
        private final MemoryDesc weights;
        private final MemoryDesc bias;
        private final MemoryDesc dst;
        private Attr attr = Attr.NONE;
        private String implementation;

        private Builder(Engine engine, MemoryDesc src, MemoryDesc weights, MemoryDesc bias, MemoryDesc dst) {
            this.engine = engine;
            this.src = src;
            this.weights = weights;
            this.bias = bias;
            this.dst = dst;
        }

        public Builder attr(Attr value) {
            attr = JdnnException.requireNonNull(value, "attributes");
            return this;
        }

        public Builder implementation(String name) {
            implementation = name;
            return this;
        }

        public PrimitiveDesc build() {
            return Dispatch.select(engine, desc(), attr, Implementations.of(PrimitiveKind.MATMUL), implementation);
        }

        public MatMulDesc desc() {
            Shapes.required(src, NAME, "src");
            Shapes.required(weights, NAME, "weights");
            Shapes.required(dst, NAME, "dst");
            Shapes.rank(src, 2, 6, NAME, "src");
            int n = src.ndims();
            Shapes.rank(weights, n, n, NAME, "weights");
            Shapes.rank(dst, n, n, NAME, "dst");
            if (src.dim(n - 1) != weights.dim(n - 2)) {
                throw JdnnException.invalid(NAME + ": src " + src.shape() + " has K = " + src.dim(n - 1)
                        + " but weights " + weights.shape() + " have K = " + weights.dim(n - 2));
            }
            if (dst.dim(n - 2) != src.dim(n - 2) || dst.dim(n - 1) != weights.dim(n - 1)) {
                throw JdnnException.invalid(NAME + ": dst " + dst.shape() + " must be " + src.dim(n - 2) + "x"
                        + weights.dim(n - 1) + " in its last two dims (M from src " + src.shape() + ", N from weights "
                        + weights.shape() + ")");
            }
            for (int b = 0; b < n - 2; b++) {
                long d = dst.dim(b);
                long expected = Math.max(src.dim(b), weights.dim(b));
                if ((src.dim(b) != 1 && src.dim(b) != d) || (weights.dim(b) != 1 && weights.dim(b) != d) || d != expected) {
                    throw JdnnException.invalid(NAME + ": batch dim " + b + ": src " + src.dim(b) + ", weights "
                            + weights.dim(b) + ", dst " + d + " (each operand must be 1 or dst's, dst the larger)");
                }
            }
            if (bias != null) {
                boolean ok = bias.ndims() == n;
                for (int i = 0; ok && i < n; i++) {
                    ok = bias.dim(i) == 1 || bias.dim(i) == dst.dim(i);
                }
                if (!ok) {
                    throw JdnnException.invalid(NAME + ": bias " + bias.shape() + " does not broadcast to dst "
                            + dst.shape() + " (same rank, each dim 1 or dst's)");
                }
            }
            Shapes.checkAttr(attr, dst.dims(), NAME);
            return new MatMulDesc(src, weights, bias, dst);
        }
    }
}
