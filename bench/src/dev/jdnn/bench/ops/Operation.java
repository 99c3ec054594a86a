package dev.jdnn.bench.ops;

import dev.jdnn.memory.Memory;
import dev.jdnn.primitives.Arg;
import java.util.Map;

/**
 * A problem ready to run: its tensors allocated in the layouts the implementation chose, and a
 * way to compute. The correctness check fills the inputs, runs, and reads the outputs; the
 * performance measurement calls {@link #execute} in a loop.
 */
public interface Operation extends AutoCloseable {
    /** Name of the implementation that computes ({@code ref}, {@code gemm:avx512}, ...). */
    String implName();

    /** Every argument with its memory, inputs first. */
    Map<Arg, Memory> arguments();

    /** Whether the operation writes {@code arg}. */
    boolean isOutput(Arg arg);

    /** Computes once, synchronously. */
    void execute();

    /** Frees the memories. */
    @Override
    void close();
}
