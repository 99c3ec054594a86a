package dev.jdnn.bench.ops;

import dev.jdnn.engines.Engine;

/**
 * One benchmark or test problem: a driver's descriptor with the options in force. It knows how
 * to describe itself in benchdnn's words and how to prepare an {@link Operation} that computes it.
 */
public interface Problem {
    /** benchdnn driver name: {@code conv}, {@code pool}, {@code matmul}, ..., or jdnn's {@code gemm}. */
    String driver();

    /** The descriptor in benchdnn syntax, every value explicit (with the name, if any). */
    String descriptor();

    /** The name given in the descriptor ({@code n"..."}), or empty. */
    String name();

    Options options();

    /** Floating-point operations of one execution as benchdnn counts them (0 for data-movement drivers). */
    double flops();

    /**
     * The descriptor's values for the csv perf template ({@code %DESC%}): numbers separated by
     * commas for the problem-descriptor drivers, the shape for the dims-based ones.
     */
    default String csvValues() {
        return descriptor();
    }

    /**
     * Length of the longest sum of products one output element accumulates (K of a matmul,
     * IC/G * KH * KW of a convolution); the correctness fill keeps such sums exact in f32.
     */
    default long accumulationLength() {
        return 1;
    }

    /**
     * Allocates and creates everything needed to compute the problem. {@code impl} names the
     * implementation ({@code "ref"} for the oracle); null means the options' {@code --impl}, else
     * normal dispatch. Throws {@link dev.jdnn.memory.JdnnException} (UNIMPLEMENTED when jdnn cannot
     * do it, INVALID_ARGUMENTS when the problem is inconsistent) or
     * {@link dev.jdnn.bench.desc.BadInputException}.
     */
    Operation prepare(Engine engine, String impl);
}
