package dev.jdnn.bench.ops;

import dev.jdnn.engines.Engine;
import dev.jdnn.primitives.PrimitiveDesc;
import dev.jdnn.primitives.PrimitiveKind;

/**
 * A layer-normalization problem on one tensor's dims, normalizing its last dim.
 * jdnn has no layer normalization primitive yet: {@link #build} is where it will be created.
 */
public final class LnormProblem extends DimsProblem {
    public LnormProblem(String descriptor, Options options) {
        super("lnorm", descriptor, options, 1, 1);
    }

    @Override
    public PrimitiveKind kind() {
        return PrimitiveKind.LAYER_NORMALIZATION;
    }

    @Override
    public PrimitiveDesc build(Engine engine, String impl) {
        throw Problems.noPrimitive(kind());
    }
}
