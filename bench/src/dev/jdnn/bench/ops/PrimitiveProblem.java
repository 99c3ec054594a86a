package dev.jdnn.bench.ops;

import dev.jdnn.engines.Engine;
import dev.jdnn.primitives.PrimitiveDesc;
import dev.jdnn.primitives.PrimitiveKind;

/**
 * A problem computed by one jdnn primitive. A driver whose primitive does not exist yet has a
 * problem class whose {@link #build} throws UNIMPLEMENTED; implementing the primitive means
 * filling in that one method.
 */
public interface PrimitiveProblem extends Problem {
    /** The primitive kind that computes the problem. */
    PrimitiveKind kind();

    /**
     * The primitive descriptor; {@code impl} forces an implementation by name (null: the options'
     * {@code impl}, else normal dispatch).
     */
    PrimitiveDesc build(Engine engine, String impl);

    /**
     * The extra options ({@link Options#extras}) this problem honors; any other one makes it
     * UNIMPLEMENTED.
     */
    default java.util.Set<String> supportedExtras() {
        return java.util.Set.of();
    }

    @Override
    default Operation prepare(Engine engine, String impl) {
        Problems.requireSupported(this, supportedExtras());
        return new PrimitiveOperation(build(engine, impl));
    }
}
