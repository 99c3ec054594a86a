package dev.jdnn.primitives;

import dev.jdnn.engines.Engine;
import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.MemoryDesc;

/**
 * Creates inner product (fully connected) primitive descriptors, forward and backward. Shapes:
 * src {@code [MB, IC, spatial..]} (rank 2 to 5), weights {@code [OC, IC, spatial..]} of the same
 * rank, bias {@code [OC]} (optional), dst {@code [MB, OC]}. Any descriptor may be {@code ANY}.
 * Arguments: forward SRC, WEIGHTS, BIAS -> DST; backward data DIFF_DST, WEIGHTS -> DIFF_SRC;
 * backward weights SRC, DIFF_DST -> DIFF_WEIGHTS, DIFF_BIAS.
 */
public final class InnerProduct {
    private InnerProduct() {
    }

    public static Builder forwardTraining(Engine engine, MemoryDesc src, MemoryDesc weights, MemoryDesc bias, MemoryDesc dst) {
        return new Builder(engine, PropKind.FORWARD_TRAINING, src, weights, bias, dst);
    }

    public static Builder forwardInference(Engine engine, MemoryDesc src, MemoryDesc weights, MemoryDesc bias, MemoryDesc dst) {
        return new Builder(engine, PropKind.FORWARD_INFERENCE, src, weights, bias, dst);
    }

    /** Gradient with respect to the source: {@code diff_src = diff_dst * weights}. */
    public static Builder backwardData(Engine engine, MemoryDesc diffSrc, MemoryDesc weights, MemoryDesc diffDst) {
        return new Builder(engine, PropKind.BACKWARD_DATA, diffSrc, weights, null, diffDst);
    }

    /**
     * Gradients with respect to the weights ({@code diff_weights = diff_dst^T * src}) and, when
     * {@code diffBias} is not null, the bias ({@code diff_bias = sum over the minibatch of diff_dst}).
     */
    public static Builder backwardWeights(Engine engine, MemoryDesc src, MemoryDesc diffWeights, MemoryDesc diffBias,
            MemoryDesc diffDst) {
        return new Builder(engine, PropKind.BACKWARD_WEIGHTS, src, diffWeights, diffBias, diffDst);
    }

    /** Validates and dispatches. */
    public static final class Builder {
        private static final String NAME = "inner_product";
        private final Engine engine;
        private final PropKind prop;
        private final MemoryDesc src;
        private final MemoryDesc weights;
        private final MemoryDesc bias;
        private final MemoryDesc dst;
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

        /** Attributes (post-ops, output scales): forward only. */
        public Builder attr(Attr value) {
            attr = JdnnException.requireNonNull(value, "attributes");
            return this;
        }

        public Builder implementation(String name) {
            implementation = name;
            return this;
        }

        public PrimitiveDesc build() {
            return Dispatch.select(engine, desc(), attr, Implementations.of(PrimitiveKind.INNER_PRODUCT), implementation);
        }

        public InnerProductDesc desc() {
            boolean fwd = prop.isForward();
            String s = fwd || prop == PropKind.BACKWARD_WEIGHTS ? "src" : "diff_src";
            String w = prop == PropKind.BACKWARD_WEIGHTS ? "diff_weights" : "weights";
            String d = fwd ? "dst" : "diff_dst";
            Shapes.required(src, NAME, s);
            Shapes.required(weights, NAME, w);
            Shapes.required(dst, NAME, d);
            Shapes.rank(src, 2, 5, NAME, s);
            Shapes.rank(weights, src.ndims(), src.ndims(), NAME, w);
            Shapes.rank(dst, 2, 2, NAME, d);
            if (src.dim(0) != dst.dim(0)) {
                throw JdnnException.invalid(NAME + ": " + s + " minibatch " + src.dim(0) + " != " + d + " minibatch " + dst.dim(0));
            }
            if (weights.dim(0) != dst.dim(1)) {
                throw JdnnException.invalid(NAME + ": " + w + " " + weights.shape() + " have " + weights.dim(0) + " outputs but "
                        + d + " " + dst.shape() + " has " + dst.dim(1));
            }
            for (int i = 1; i < src.ndims(); i++) {
                if (weights.dim(i) != src.dim(i)) {
                    throw JdnnException.invalid(NAME + ": " + w + " " + weights.shape() + " do not match " + s + " " + src.shape()
                            + " in dim " + i);
                }
            }
            if (bias != null && (bias.ndims() != 1 || bias.dim(0) != dst.dim(1))) {
                throw JdnnException.invalid(NAME + ": " + (fwd ? "bias " : "diff_bias ") + bias + " must be 1-D with " + dst.dim(1)
                        + " elements");
            }
            if (!fwd && !attr.isEmpty()) {
                throw JdnnException.invalid(NAME + ": attributes (post-ops, output scales) apply to forward propagation only");
            }
            Shapes.checkAttr(attr, dst.dims(), NAME);
            return new InnerProductDesc(prop, src, weights, bias, dst);
        }
    }
}
