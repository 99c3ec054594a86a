package dev.jdnn.primitives;

import dev.jdnn.engines.Engine;
import dev.jdnn.memory.Dims;
import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.MemoryDesc;

/**
 * Creates convolution primitive descriptors.
 *
 * <pre>{@code
 * PrimitiveDesc pd = Convolution.forwardInference(engine, src, weights, bias, dst)
 *         .strides(2, 2).padding(3, 3).attr(Attr.of(PostOps.eltwise(EltwiseAlg.RELU, 0, 0)))
 *         .build();
 * }</pre>
 * Shapes: src {@code [N, IC, (D,) (H,) W]}, weights {@code [OC, IC, K..]} or grouped
 * {@code [G, OC/G, IC/G, K..]}, bias {@code [OC]} or null, dst {@code [N, OC, O..]}. Any of them
 * may use {@code FormatTag.ANY} to let the implementation choose the layout.
 */
public final class Convolution {
    private Convolution() {
    }

    public static Builder forwardTraining(Engine engine, MemoryDesc src, MemoryDesc weights, MemoryDesc bias, MemoryDesc dst) {
        return forward(engine, PropKind.FORWARD_TRAINING, src, weights, bias, dst);
    }

    public static Builder forwardInference(Engine engine, MemoryDesc src, MemoryDesc weights, MemoryDesc bias, MemoryDesc dst) {
        return forward(engine, PropKind.FORWARD_INFERENCE, src, weights, bias, dst);
    }

    public static Builder forward(Engine engine, PropKind prop, MemoryDesc src, MemoryDesc weights, MemoryDesc bias,
            MemoryDesc dst) {
        JdnnException.requireNonNull(prop, "convolution propagation kind");
        if (!prop.isForward()) {
            throw JdnnException.invalid("convolution forward: propagation kind " + prop + " is not a forward kind");
        }
        return new Builder(engine, prop, src, weights, bias, dst);
    }

    /** Sets the convolution's parameters, then {@link #build()} validates and dispatches. */
    public static final class Builder {
        private static final String NAME = "convolution";
        private final Engine engine;
        private final PropKind prop;
        private final MemoryDesc src;
        private final MemoryDesc weights;
        private final MemoryDesc bias;
        private final MemoryDesc dst;
        private long[] strides;
        private long[] dilations;
        private long[] padL;
        private long[] padR;
        private Attr attr = Attr.NONE;
        private String implementation;

        private Builder(Engine engine, PropKind prop, MemoryDesc src, MemoryDesc weights, MemoryDesc bias, MemoryDesc dst) {
            this.engine = engine;
            this.prop = prop;
            this.src = src;
            this.weights = weights;
            this.bias = bias;
            this.dst = dst;
        }

        /** Strides per spatial dim (default 1). */
        public Builder strides(long... values) {
            strides = values == null ? null : values.clone();
            return this;
        }

        /** Dilations per spatial dim in oneDNN's convention: 0 is dense (default 0). */
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

        /** Forces an implementation by name ({@code "ref"}); see {@link Dispatch}. */
        public Builder implementation(String name) {
            implementation = name;
            return this;
        }

        /** Validates the descriptor and returns the primitive descriptor of the first implementation that accepts it. */
        public PrimitiveDesc build() {
            return Dispatch.select(engine, desc(), attr, Implementations.of(PrimitiveKind.CONVOLUTION), implementation);
        }

        /** The validated operation descriptor. */
        public ConvolutionDesc desc() {
            Shapes.required(src, NAME, "src");
            Shapes.required(weights, NAME, "weights");
            Shapes.required(dst, NAME, "dst");
            Shapes.rank(src, 3, 5, NAME, "src");
            Shapes.rank(dst, src.ndims(), src.ndims(), NAME, "dst");
            boolean grouped = weights.ndims() == src.ndims() + 1;
            if (!grouped && weights.ndims() != src.ndims()) {
                throw JdnnException.invalid(NAME + ": weights " + weights + " have rank " + weights.ndims()
                        + ", expected " + src.ndims() + " (or " + (src.ndims() + 1) + " with groups) for src " + src);
            }
            int sp = src.ndims() - 2;
            long g = grouped ? weights.dim(0) : 1;
            int w0 = grouped ? 1 : 0;
            long oc = weights.dim(w0) * g;
            long ic = weights.dim(w0 + 1) * g;
            if (src.dim(0) != dst.dim(0)) {
                throw JdnnException.invalid(NAME + ": src minibatch " + src.dim(0) + " != dst minibatch " + dst.dim(0));
            }
            if (src.dim(1) != ic) {
                throw JdnnException.invalid(NAME + ": src has " + src.dim(1) + " channels but weights " + weights.shape()
                        + " expect " + ic + (grouped ? " (" + g + " groups)" : ""));
            }
            if (dst.dim(1) != oc) {
                throw JdnnException.invalid(NAME + ": dst has " + dst.dim(1) + " channels but weights " + weights.shape()
                        + " produce " + oc + (grouped ? " (" + g + " groups)" : ""));
            }
            if (bias != null && (bias.ndims() != 1 || bias.dim(0) != oc)) {
                throw JdnnException.invalid(NAME + ": bias " + bias + " must be 1-D with " + oc + " elements");
            }
            Dims s = Shapes.spatial(strides, sp, 1, 1, NAME, "strides");
            Dims d = Shapes.spatial(dilations, sp, 0, 0, NAME, "dilations");
            Dims l = Shapes.spatial(padL, sp, 0, 0, NAME, "padding_l");
            Dims r = Shapes.spatial(padR, sp, 0, Long.MIN_VALUE, NAME, "padding_r");
            for (int i = 0; i < sp; i++) {
                long k = weights.dim(weights.ndims() - sp + i);
                Shapes.checkOutput(NAME, i, src.dim(2 + i), dst.dim(2 + i), k, s.get(i), d.get(i), l.get(i), r.get(i));
            }
            Shapes.checkAttr(attr, dst.dims(), NAME);
            return new ConvolutionDesc(prop, src, weights, bias, dst, s, d, l, r);
        }
    }
}
