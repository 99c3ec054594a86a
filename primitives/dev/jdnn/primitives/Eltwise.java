package dev.jdnn.primitives;

import dev.jdnn.engines.Engine;
import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.MemoryDesc;

/**
 * Creates eltwise primitive descriptors: {@code dst = alg(src; alpha, beta)} on tensors of the same
 * dims. dst may be {@code ANY} (it then takes src's layout) and may be the same memory as src
 * (in place).
 */
public final class Eltwise {
    private Eltwise() {
    }

    public static Builder forwardTraining(Engine engine, EltwiseAlg alg, float alpha, float beta, MemoryDesc src,
            MemoryDesc dst) {
        return forward(engine, PropKind.FORWARD_TRAINING, alg, alpha, beta, src, dst);
    }

    public static Builder forwardInference(Engine engine, EltwiseAlg alg, float alpha, float beta, MemoryDesc src,
            MemoryDesc dst) {
        return forward(engine, PropKind.FORWARD_INFERENCE, alg, alpha, beta, src, dst);
    }

    public static Builder forward(Engine engine, PropKind prop, EltwiseAlg alg, float alpha, float beta,
            MemoryDesc src, MemoryDesc dst) {
        JdnnException.requireNonNull(prop, "eltwise propagation kind");
        if (!prop.isForward()) {
            throw JdnnException.invalid("eltwise forward: propagation kind " + prop + " is not a forward kind");
        }
        return new Builder(engine, prop, alg, alpha, beta, src, dst);
    }

    /** Validates and dispatches. */
    public static final class Builder {
        private static final String NAME = "eltwise";
        private final Engine engine;
        private final PropKind prop;
        private final EltwiseAlg alg;
        private final float alpha;
        private final float beta;
        private final MemoryDesc src;
        private final MemoryDesc dst;
        private Attr attr = Attr.NONE;
        private String implementation;

        private Builder(Engine engine, PropKind prop, EltwiseAlg alg, float alpha, float beta, MemoryDesc src,
                MemoryDesc dst) {
            this.engine = engine;
            this.prop = prop;
            this.alg = alg;
            this.alpha = alpha;
            this.beta = beta;
            this.src = src;
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
            return Dispatch.select(engine, desc(), attr, Implementations.of(PrimitiveKind.ELTWISE), implementation);
        }

        public EltwiseDesc desc() {
            JdnnException.requireNonNull(alg, NAME + " algorithm");
            alg.validate(alpha, beta);
            Shapes.required(src, NAME, "src");
            if (src.isAny()) {
                throw JdnnException.invalid(NAME + ": src " + src + " must have a concrete layout");
            }
            MemoryDesc d = dst == null ? src : dst;
            if (!d.shape().equals(src.shape())) {
                throw JdnnException.invalid(NAME + ": dst dims " + d.shape() + " differ from src dims " + src.shape());
            }
            Shapes.checkAttr(attr, d.dims(), NAME);
            return new EltwiseDesc(prop, alg, alpha, beta, src, d);
        }
    }
}
