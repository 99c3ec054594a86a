package dev.jdnn.primitives;

import dev.jdnn.engines.Engine;
import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.memory.Status;
import dev.jdnn.primitives.spi.Plan;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A primitive descriptor: an operation descriptor plus attributes, bound to an engine and to the
 * implementation that accepted it. It answers which memory descriptors that implementation
 * settled on (so a caller can reorder its data into them once) and creates the primitive.
 */
public final class PrimitiveDesc {
    private final Engine engine;
    private final OpDesc requested;
    private final Attr attr;
    private final String implName;
    private final Plan plan;
    private final Map<Arg, MemoryDesc> arguments;

    PrimitiveDesc(Engine engine, OpDesc requested, Attr attr, String implName, Plan plan) {
        this.engine = engine;
        this.requested = requested;
        this.attr = attr;
        this.implName = implName;
        this.plan = plan;
        Map<Arg, MemoryDesc> all = new LinkedHashMap<>(plan.inputs());
        all.putAll(plan.outputs());
        this.arguments = Collections.unmodifiableMap(all);
    }

    public Engine engine() {
        return engine;
    }

    public PrimitiveKind kind() {
        return requested.kind();
    }

    public PropKind propKind() {
        return requested.propKind();
    }

    /** The operation descriptor with every layout settled. */
    public OpDesc desc() {
        return plan.desc();
    }

    /** The operation descriptor as given (layouts may be {@code ANY}). */
    public OpDesc requestedDesc() {
        return requested;
    }

    public Attr attr() {
        return attr;
    }

    /** Name of the implementation that accepted the descriptor ({@code ref}, ...). */
    public String implName() {
        return implName;
    }

    /** Every argument the primitive takes, inputs first, with its memory descriptor. */
    public Map<Arg, MemoryDesc> arguments() {
        return arguments;
    }

    /** Whether the primitive writes {@code arg}. */
    public boolean isOutput(Arg arg) {
        return plan.outputs().containsKey(arg);
    }

    /** The memory descriptor of {@code arg}, if the primitive takes it. */
    public Optional<MemoryDesc> query(Arg arg) {
        return Optional.ofNullable(arguments.get(arg));
    }

    public MemoryDesc srcDesc() {
        return required(Arg.SRC);
    }

    public MemoryDesc weightsDesc() {
        return required(Arg.WEIGHTS);
    }

    public MemoryDesc biasDesc() {
        return required(Arg.BIAS);
    }

    public MemoryDesc dstDesc() {
        return required(Arg.DST);
    }

    public MemoryDesc workspaceDesc() {
        return required(Arg.WORKSPACE);
    }

    public MemoryDesc diffSrcDesc() {
        return required(Arg.DIFF_SRC);
    }

    public MemoryDesc diffDstDesc() {
        return required(Arg.DIFF_DST);
    }

    public MemoryDesc diffWeightsDesc() {
        return required(Arg.DIFF_WEIGHTS);
    }

    public MemoryDesc diffBiasDesc() {
        return required(Arg.DIFF_BIAS);
    }

    /** Bytes of scratch memory an execution uses (provided by jdnn unless passed as SCRATCHPAD). */
    public long scratchpadSize() {
        return plan.scratchpadBytes();
    }

    /** The problem in benchdnn syntax. */
    public String problem() {
        return requested.problem();
    }

    Plan plan() {
        return plan;
    }

    /** The primitive; an identical primitive created before is returned from the primitive cache. */
    public Primitive create() {
        return PrimitiveCache.getOrCreate(this);
    }

    private MemoryDesc required(Arg arg) {
        MemoryDesc md = arguments.get(arg);
        if (md == null) {
            throw new JdnnException(Status.NOT_REQUIRED, kind().oneDnnName() + " " + propKind().oneDnnName()
                    + " (" + implName + ") takes no " + arg + " argument; it takes " + arguments.keySet());
        }
        return md;
    }

    @Override
    public String toString() {
        return kind().oneDnnName() + "," + implName + "," + propKind().oneDnnName() + "," + problem();
    }
}
