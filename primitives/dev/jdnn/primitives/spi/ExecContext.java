package dev.jdnn.primitives.spi;

import dev.jdnn.engines.Engine;
import dev.jdnn.memory.Memory;
import dev.jdnn.primitives.Arg;
import dev.jdnn.primitives.Args;
import java.lang.foreign.MemorySegment;

/** What a kernel sees while it runs: the engine, the validated arguments and the scratchpad. */
public final class ExecContext {
    private final Engine engine;
    private final Args args;
    private final MemorySegment scratchpad;

    public ExecContext(Engine engine, Args args, MemorySegment scratchpad) {
        this.engine = engine;
        this.args = args;
        this.scratchpad = scratchpad;
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

    /** Scratch storage of the size the plan asked for (empty when it asked for none). */
    public MemorySegment scratchpad() {
        return scratchpad;
    }

    public Args args() {
        return args;
    }
}
