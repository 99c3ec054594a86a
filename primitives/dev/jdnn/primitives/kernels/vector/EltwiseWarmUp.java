package dev.jdnn.primitives.kernels.vector;

import dev.jdnn.primitives.EltwiseAlg;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.EnumSet;
import java.util.Set;

/**
 * Runs each algorithm's vector loop until the JIT has compiled it, the first time a kernel of that
 * algorithm is made (once per algorithm per process; a primitive descriptor makes its kernels when
 * it is created, so this is part of creating the first one, as oneDNN generates its JIT code then).
 *
 * <p>Until C2 has compiled a Vector API loop, it runs in C1's code or the interpreter, where each
 * vector operation is a call into the API's Java fallback: about a thousand times slower. How long
 * that lasts depends on how busy C2 is: right after the GEMM kernels' own warm-up, gelu_erf's loops
 * stayed in C1's code for over a second, and the benchmark driver's first gelu_erf matmul (one
 * thread, 128x768x768, 500 ms budget) averaged 4.6-6.2 ms a call, 2.25 with this warm-up. Here the
 * loop runs on a private array until a call runs at compiled speed (under {@link #FAST_NANOS_PER_ELEMENT}; a
 * compiled loop takes 0.05-1 ns an element) or {@link #MAX_NANOS} has passed; the array's length
 * leaves a tail, so the tail path is compiled too.
 */
final class EltwiseWarmUp {
    private static final int LENGTH = 4096 + 5;
    private static final long FAST_NANOS_PER_ELEMENT = 20;
    private static final long MAX_NANOS = 3_000_000_000L;
    private static final Set<EltwiseAlg> WARM = EnumSet.noneOf(EltwiseAlg.class);
    private static final Set<EltwiseAlg> WARM_SEGMENT = EnumSet.noneOf(EltwiseAlg.class);
    /** The segment form's warm-up block. */
    private static final int BLOCK_ROWS = 12;
    private static final int BLOCK_COLS = 37;
    private static final int BLOCK_LD = 40;

    private EltwiseWarmUp() {
    }

    /**
     * Returns once {@code kernel}'s loop runs compiled (and its segment form, where it has one), or
     * the time is up; at once for a warm algorithm.
     */
    static synchronized void ensureCompiled(EltwiseAlg alg, VectorEltwise kernel) {
        long deadline = System.nanoTime() + MAX_NANOS;
        if (WARM.add(alg)) {
            float[] data = new float[LENGTH];
            runUntilFast(deadline, LENGTH, () -> {
                for (int i = 0; i < LENGTH; i++) {
                    data[i] = value(i);
                }
            }, () -> kernel.apply(data, 0, LENGTH));
        }
        if (kernel.worksInPlace() && WARM_SEGMENT.add(alg)) {
            // a GEMM tile's rows, a width that ends in a partial vector, in native memory as C is
            MemorySegment block = Arena.ofAuto().allocate((long) BLOCK_ROWS * BLOCK_LD * Float.BYTES, 64);
            runUntilFast(deadline, BLOCK_ROWS * BLOCK_COLS, () -> {
                for (int i = 0; i < BLOCK_ROWS * BLOCK_LD; i++) {
                    block.setAtIndex(ValueLayout.JAVA_FLOAT, i, value(i));
                }
            }, () -> kernel.apply(block, 0, BLOCK_LD, BLOCK_ROWS, BLOCK_COLS));
        }
    }

    /** Runs {@code fill} then {@code work} until one run of the work is fast for {@code elements}, or the deadline. */
    private static void runUntilFast(long deadline, int elements, Runnable fill, Runnable work) {
        while (System.nanoTime() < deadline) {
            fill.run();
            long t0 = System.nanoTime();
            work.run();
            if (System.nanoTime() - t0 < FAST_NANOS_PER_ELEMENT * elements) {
                return;
            }
        }
    }

    /** [-8, 8]: both signs, both tails. */
    private static float value(int i) {
        return (i % 321 - 160) * 0.05f;
    }
}
