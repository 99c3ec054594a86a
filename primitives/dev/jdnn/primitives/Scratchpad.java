package dev.jdnn.primitives;

import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.Memory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Scratch memory for executions. A caller may pass its own as {@link Arg#SCRATCHPAD} (oneDNN's
 * "user" mode); otherwise each thread reuses a grow-only buffer, so steady-state executions do
 * not allocate. Either way the kernel gets at least the bytes it asked for.
 */
final class Scratchpad {
    private static final ThreadLocal<MemorySegment> PER_THREAD = ThreadLocal.withInitial(() -> MemorySegment.NULL);

    private Scratchpad() {
    }

    static MemorySegment forExecution(PrimitiveDesc pd, Args args) {
        long bytes = pd.scratchpadSize();
        if (bytes == 0) {
            return MemorySegment.NULL;
        }
        Memory user = args.get(Arg.SCRATCHPAD);
        if (user != null) {
            if (user.segment().byteSize() < bytes) {
                throw JdnnException.invalid(pd.kind().oneDnnName() + ": SCRATCHPAD has " + user.segment().byteSize()
                        + " bytes, the primitive needs " + bytes);
            }
            return user.segment();
        }
        MemorySegment buffer = PER_THREAD.get();
        if (buffer.byteSize() < bytes) {
            buffer = Arena.ofAuto().allocate(bytes, Memory.ALIGNMENT);
            PER_THREAD.set(buffer);
        }
        return buffer;
    }
}
