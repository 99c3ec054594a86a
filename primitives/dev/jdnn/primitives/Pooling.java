package dev.jdnn.primitives;

import dev.jdnn.engines.Engine;
import dev.jdnn.memory.Dims;
import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.MemoryDesc;

/**
 * Creates pooling primitive descriptors: src {@code [N, C, (D,) (H,) W]}, dst {@code [N, C, O..]}.
 * Max pooling in {@link PropKind#FORWARD_TRAINING} also writes a workspace (query
 * {@code workspaceDesc()}) for the backward pass.
 *
 * <pre>{@code
 * PrimitiveDesc pd = Pooling.forwardInference(engine, PoolingAlg.MAX, src, dst)
 *         .kernel(3, 3).strides(2, 2).padding(1, 1).build();
 * }</pre>
 */
public final class Pooling {
    private Pooling() {
    }

    public static Builder forwardTraining(Engine engine, PoolingAlg alg, MemoryDesc src, MemoryDesc dst) {
        return forward(engine, PropKind.FORWARD_TRAINING, alg, src, dst);
    }

    public static Builder forwardInference(Engine engine, PoolingAlg alg, MemoryDesc src, MemoryDesc dst) {
        return forward(engine, PropKind.FORWARD_INFERENCE, alg, src, dst);
    }

    public static Builder forward(Engine engine, PropKind prop, PoolingAlg alg, MemoryDesc src, MemoryDesc dst) {
        JdnnException.requireNonNull(prop, "pooling propagation kind");
        if (!prop.isForward()) {
            throw JdnnException.invalid("pooling forward: propagation kind " + prop + " is not a forward kind");
        }
        return new Builder(engine, prop, alg, src, dst);
    }

    /** Sets the pooling's window, then {@link #build()} validates and dispatches. */
    public static final class Builder {
        private static final String NAME = "pooling";
        private final Engine engine;
        private final PropKind prop;
        private final PoolingAlg alg;
        private final MemoryDesc src;
        private final MemoryDesc dst;
        private long[] kernel;
        private long[] strides;
        private long[] dilations;
        private long[] padL;
        private long[] padR;
        private Attr attr = Attr.NONE;
        private String implementation;

        private Builder(Engine engine, PropKind prop, PoolingAlg alg, MemoryDesc src, MemoryDesc dst) {
            this.engine = engine;
            this.prop = prop;
            this.alg = alg;
            this.src = src;
            this.dst = dst;
        }

        /** Window size per spatial dim (required). */
        public Builder kernel(long... values) {
            kernel = values == null ? null : values.clone();
            return this;
        }

        /** Strides per spatial dim (default 1). */
        public Builder strides(long... values) {
            strides = values == null ? null : values.clone();
            return this;
        }

        /** Dilations per spatial dim, 0 = dense (default 0). */
        public Builder dilations(long... values) {
            dilations = values == null ? null : values.clone();
            return this;
        }

        /** The same padding at both ends of each spatial dim (default 0). */
        public Builder padding(long... values) {
            padL = values == null ? null : values.clone();
            padR = padL;
            return this;
        }

        /** Padding at the start and at the end of each spatial dim. */
        public Builder padding(long[] left, long[] right) {
            padL = left == null ? null : left.clone();
            padR = right == null ? null : right.clone();
            return this;
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
            return Dispatch.select(engine, desc(), attr, Implementations.of(PrimitiveKind.POOLING), implementation);
        }

        public PoolingDesc desc() {
            JdnnException.requireNonNull(alg, NAME + " algorithm");
            Shapes.required(src, NAME, "src");
            Shapes.required(dst, NAME, "dst");
            Shapes.rank(src, 3, 5, NAME, "src");
            Shapes.rank(dst, src.ndims(), src.ndims(), NAME, "dst");
            if (src.dim(0) != dst.dim(0) || src.dim(1) != dst.dim(1)) {
                throw JdnnException.invalid(NAME + ": src " + src.shape() + " and dst " + dst.shape()
                        + " must have the same minibatch and channels");
            }
            int sp = src.ndims() - 2;
            if (kernel == null) {
                throw JdnnException.invalid(NAME + ": kernel is not set");
            }
            Dims k = Shapes.spatial(kernel, sp, 1, 1, NAME, "kernel");
            Dims s = Shapes.spatial(strides, sp, 1, 1, NAME, "strides");
            Dims d = Shapes.spatial(dilations, sp, 0, 0, NAME, "dilations");
            Dims l = Shapes.spatial(padL, sp, 0, 0, NAME, "padding_l");
            Dims r = Shapes.spatial(padR, sp, 0, Long.MIN_VALUE, NAME, "padding_r");
            for (int i = 0; i < sp; i++) {
                Shapes.checkOutput(NAME, i, src.dim(2 + i), dst.dim(2 + i), k.get(i), s.get(i), d.get(i), l.get(i), r.get(i));
            }
            Shapes.checkAttr(attr, dst.dims(), NAME);
            return new PoolingDesc(prop, alg, src, dst, k, s, d, l, r);
        }
    }
}
