package dev.jdnn.primitives.spi;

import dev.jdnn.engines.Engine;
import dev.jdnn.memory.Memory;
import dev.jdnn.primitives.Arg;
import dev.jdnn.primitives.Args;
import java.lang.foreign.MemorySegment;

/**
 * What a kernel sees while it runs: the engine, the validated arguments and the scratchpad. Valid
 * only during the {@code execute} call it is passed to: each thread reuses one instance, so an
 * execution allocates nothing (a kernel that executes another primitive gets a fresh one).
 */
public final class ExecContext {
    private static final ThreadLocal<ExecContext> PER_THREAD = ThreadLocal.withInitial(ExecContext::new);

    private Engine engine;
    private Args args;
    private MemorySegment scratchpad;
    private boolean inUse;

    private ExecContext() {
    }

    /** The calling thread's context set to these values (a new one if it is in use by an outer execution). */
    public static ExecContext acquire(Engine engine, Args args, MemorySegment scratchpad) {
        ExecContext ctx = PER_THREAD.get();
        if (ctx.inUse) {
            ctx = new ExecContext();
        }
        ctx.engine = engine;
        ctx.args = args;
        ctx.scratchpad = scratchpad;
        ctx.inUse = true;
        return ctx;
    }

    /** Ends the execution this context served; it forgets the caller's memories. */
    public void release() {
        engine = null;
        args = null;
        scratchpad = null;
        inUse = false;
    }

    public Engine engine() {
        return engine;
    }

    /** The memory of {@code arg}, or null if the primitive does not take it. */
    public Memory memory(Arg arg) {
        return args.get(arg);
    }

    /** The storage of {@code arg}, or null if absent. */
    public MemorySegment segment(Arg arg) {
        Memory m = args.get(arg);
        return m == null ? null : m.segment();
    }

    /** Scratch storage of at least the size the plan asked for (empty when it asked for none). */
    public MemorySegment scratchpad() {
        return scratchpad;
    }

    public Args args() {
        return args;
    }
}
