package dev.jdnn.bench.ops;

import dev.jdnn.engines.Engine;
import dev.jdnn.primitives.PrimitiveDesc;

/**
 * One benchmark or test problem: a driver's descriptor with the options in force, able to build
 * the jdnn primitive descriptor for it.
 */
public interface Problem {
    /** benchdnn driver name: {@code conv}, {@code pool}, {@code matmul}, {@code eltwise}, {@code reorder}. */
    String driver();

    /** The descriptor in benchdnn syntax, every value explicit (with the name, if any). */
    String descriptor();

    /** The name given in the descriptor ({@code n"..."}), or empty. */
    String name();

    Options options();

    /**
     * The primitive descriptor; {@code impl} forces an implementation by name (null: the options'
     * {@code impl}, else normal dispatch).
     */
    PrimitiveDesc build(Engine engine, String impl);

    /** Floating-point operations of one execution as benchdnn counts them (0 for data-movement drivers). */
    double flops();
}
