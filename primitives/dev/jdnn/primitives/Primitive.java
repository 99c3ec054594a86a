package dev.jdnn.primitives;

import dev.jdnn.engines.Stream;

/**
 * A primitive ready to run: created once from a {@link PrimitiveDesc}, executed many times.
 * Immutable; it may be executed from many threads at once on different memory.
 */
public interface Primitive {
    /** The primitive descriptor this primitive was created from. */
    PrimitiveDesc desc();

    /**
     * Runs the primitive on {@code stream} with the memories in {@code args}. Every argument the
     * primitive descriptor lists must be present with exactly the descriptor it settled on;
     * outputs must not overlap other arguments (except where in-place is allowed). Bad arguments
     * throw {@link dev.jdnn.memory.JdnnException} before anything is written.
     */
    void execute(Stream stream, Args args);
}
