package dev.jdnn.bench.ops;

import dev.jdnn.engines.Engine;
import dev.jdnn.primitives.PrimitiveDesc;
import dev.jdnn.primitives.PrimitiveKind;

/**
 * A sum problem: one tensor's dims, as many sources as {@code --sdt} names ({@code --scales} per source).
 * jdnn has no sum primitive yet: {@link #build} is where it will be created.
 */
public final class SumProblem extends DimsProblem {
    public SumProblem(String descriptor, Options options) {
        super("sum", descriptor, options, 1, 1);
    }

    @Override
    public PrimitiveKind kind() {
        return PrimitiveKind.SUM;
    }

    @Override
    public PrimitiveDesc build(Engine engine, String impl) {
        throw Problems.noPrimitive(kind());
    }
}
