package dev.jdnn.bench.ops;

import dev.jdnn.engines.Engine;
import dev.jdnn.primitives.PrimitiveDesc;
import dev.jdnn.primitives.PrimitiveKind;

/**
 * A binary problem {@code src0:src1} ({@code --alg} add, mul, ...; src1 broadcasts over its dims of 1).
 * jdnn has no binary primitive yet: {@link #build} is where it will be created.
 */
public final class BinaryProblem extends DimsProblem {
    public BinaryProblem(String descriptor, Options options) {
        super("binary", descriptor, options, 2, 3);
    }

    @Override
    public PrimitiveKind kind() {
        return PrimitiveKind.BINARY;
    }

    @Override
    public PrimitiveDesc build(Engine engine, String impl) {
        throw Problems.noPrimitive(kind());
    }
}
