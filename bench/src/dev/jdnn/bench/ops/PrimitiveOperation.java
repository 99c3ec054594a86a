package dev.jdnn.bench.ops;

import dev.jdnn.engines.Stream;
import dev.jdnn.memory.Memory;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.primitives.Arg;
import dev.jdnn.primitives.Args;
import dev.jdnn.primitives.Primitive;
import dev.jdnn.primitives.PrimitiveDesc;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An {@link Operation} that executes a jdnn primitive on memories in the layouts its descriptor settled on. */
public final class PrimitiveOperation implements Operation {
    private final PrimitiveDesc pd;
    private final Primitive primitive;
    private final Stream stream;
    private final Map<Arg, Memory> memories = new LinkedHashMap<>();
    private final Args args = new Args();

    public PrimitiveOperation(PrimitiveDesc pd) {
        this.pd = pd;
        this.primitive = pd.create();
        try {
            for (Map.Entry<Arg, MemoryDesc> e : pd.arguments().entrySet()) {
                Memory m = Memory.allocate(e.getValue());
                memories.put(e.getKey(), m);
                args.put(e.getKey(), m);
            }
        } catch (RuntimeException e) {
            memories.values().forEach(Memory::close);
            throw e;
        }
        this.stream = pd.engine().newStream();
    }

    public PrimitiveDesc primitiveDesc() {
        return pd;
    }

    @Override
    public String implName() {
        return pd.implName();
    }

    @Override
    public Map<Arg, Memory> arguments() {
        return Collections.unmodifiableMap(memories);
    }

    @Override
    public boolean isOutput(Arg arg) {
        return pd.isOutput(arg);
    }

    @Override
    public void execute() {
        primitive.execute(stream, args);
    }

    @Override
    public void close() {
        stream.close();
        memories.values().forEach(Memory::close);
    }
}
