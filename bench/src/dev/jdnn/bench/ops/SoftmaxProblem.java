package dev.jdnn.bench.ops;

import dev.jdnn.engines.Engine;
import dev.jdnn.primitives.PrimitiveDesc;
import dev.jdnn.primitives.PrimitiveKind;

/**
 * A softmax problem on one tensor's dims ({@code --axis}, default 1; {@code --alg} {@code softmax} or {@code logsoftmax}).
 * jdnn has no softmax primitive yet: {@link #build} is where it will be created.
 */
public final class SoftmaxProblem extends DimsProblem {
    public SoftmaxProblem(String descriptor, Options options) {
        super("softmax", descriptor, options, 1, 1);
    }

    @Override
    public PrimitiveKind kind() {
        return PrimitiveKind.SOFTMAX;
    }

    @Override
    public PrimitiveDesc build(Engine engine, String impl) {
        throw Problems.noPrimitive(kind());
    }
}
