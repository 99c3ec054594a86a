package dev.jdnn.primitives.spi;

/**
 * The computation of a primitive, created once per primitive. It runs after all arguments have
 * been validated, so it trusts them. It must be safe to call from many threads at once on
 * different memory: keep per-call state in locals or in {@link ExecContext#scratchpad()}.
 */
@FunctionalInterface
public interface Kernel {
    void execute(ExecContext ctx);
}
