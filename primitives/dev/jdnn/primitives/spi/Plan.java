package dev.jdnn.primitives.spi;

import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.primitives.Arg;
import dev.jdnn.primitives.OpDesc;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What an implementation decided for a descriptor: the resolved descriptor, the memory
 * descriptor of every argument (inputs and outputs), which input may share storage with which
 * output, the scratchpad it needs, and how to make its kernel.
 */
public final class Plan {
    private final OpDesc desc;
    private final Map<Arg, MemoryDesc> inputs;
    private final Map<Arg, MemoryDesc> outputs;
    private final Map<Arg, Arg> inPlace;
    private final long scratchpadBytes;
    private final Supplier<Kernel> kernel;

    private Plan(Builder b) {
        this.desc = b.desc;
        this.inputs = Collections.unmodifiableMap(new LinkedHashMap<>(b.inputs));
        this.outputs = Collections.unmodifiableMap(new LinkedHashMap<>(b.outputs));
        this.inPlace = Collections.unmodifiableMap(new LinkedHashMap<>(b.inPlace));
        this.scratchpadBytes = b.scratchpadBytes;
        this.kernel = b.kernel;
    }

    public static Builder builder(OpDesc resolved) {
        return new Builder(resolved);
    }

    /** The descriptor with every layout settled. */
    public OpDesc desc() {
        return desc;
    }

    public Map<Arg, MemoryDesc> inputs() {
        return inputs;
    }

    public Map<Arg, MemoryDesc> outputs() {
        return outputs;
    }

    /** Output -> the input it may alias exactly (same storage, same descriptor). */
    public Map<Arg, Arg> inPlace() {
        return inPlace;
    }

    public long scratchpadBytes() {
        return scratchpadBytes;
    }

    public Kernel newKernel() {
        return kernel.get();
    }

    /** Builds a {@link Plan}. */
    public static final class Builder {
        private final OpDesc desc;
        private final Map<Arg, MemoryDesc> inputs = new LinkedHashMap<>();
        private final Map<Arg, MemoryDesc> outputs = new LinkedHashMap<>();
        private final Map<Arg, Arg> inPlace = new LinkedHashMap<>();
        private long scratchpadBytes;
        private Supplier<Kernel> kernel;

        private Builder(OpDesc desc) {
            this.desc = JdnnException.requireNonNull(desc, "resolved descriptor");
        }

        public Builder input(Arg arg, MemoryDesc md) {
            inputs.put(arg, concrete(arg, md));
            return this;
        }

        public Builder output(Arg arg, MemoryDesc md) {
            outputs.put(arg, concrete(arg, md));
            return this;
        }

        /** {@code output} may be exactly the same memory as {@code input} (in-place execution). */
        public Builder inPlace(Arg input, Arg output) {
            inPlace.put(output, input);
            return this;
        }

        public Builder scratchpad(long bytes) {
            scratchpadBytes = bytes;
            return this;
        }

        public Builder kernel(Supplier<Kernel> factory) {
            kernel = factory;
            return this;
        }

        public Plan build() {
            if (kernel == null) {
                throw new IllegalStateException("plan for " + desc.kind() + " has no kernel");
            }
            return new Plan(this);
        }

        private static MemoryDesc concrete(Arg arg, MemoryDesc md) {
            JdnnException.requireNonNull(md, "memory descriptor of " + arg);
            if (md.isAny()) {
                throw new IllegalStateException("plan left argument " + arg + " with format any");
            }
            return md;
        }
    }
}
