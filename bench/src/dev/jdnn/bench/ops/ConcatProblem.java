package dev.jdnn.bench.ops;

import dev.jdnn.engines.Engine;
import dev.jdnn.primitives.PrimitiveDesc;
import dev.jdnn.primitives.PrimitiveKind;

/**
 * A concat problem {@code A:B[:C..]}: the sources' shapes, joined along {@code --axis} (default 1).
 * jdnn has no concat primitive yet: {@link #build} is where it will be created.
 */
public final class ConcatProblem extends DimsProblem {
    public ConcatProblem(String descriptor, Options options) {
        super("concat", descriptor, options, 1, 64);
    }

    @Override
    public PrimitiveKind kind() {
        return PrimitiveKind.CONCAT;
    }

    @Override
    public PrimitiveDesc build(Engine engine, String impl) {
        throw Problems.noPrimitive(kind());
    }
}
