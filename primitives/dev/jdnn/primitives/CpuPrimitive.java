package dev.jdnn.primitives;

import dev.jdnn.engines.Stream;
import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.Memory;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.memory.Status;
import dev.jdnn.primitives.spi.ExecContext;
import dev.jdnn.primitives.spi.Kernel;
import java.lang.foreign.MemorySegment;
import java.util.Map;

/**
 * The primitive every implementation is wrapped in: it validates the arguments completely before
 * the kernel writes anything, supplies the scratchpad, and reports to verbose mode.
 */
final class CpuPrimitive implements Primitive {
    private final PrimitiveDesc pd;
    private final Kernel kernel;
    private final Arg[] args;
    private final MemoryDesc[] descs;
    private final boolean[] outputs;

    CpuPrimitive(PrimitiveDesc pd) {
        this.pd = pd;
        this.kernel = pd.plan().newKernel();
        int n = pd.arguments().size();
        this.args = new Arg[n];
        this.descs = new MemoryDesc[n];
        this.outputs = new boolean[n];
        int i = 0;
        for (Map.Entry<Arg, MemoryDesc> e : pd.arguments().entrySet()) {
            args[i] = e.getKey();
            descs[i] = e.getValue();
            outputs[i] = pd.isOutput(e.getKey());
            i++;
        }
    }

    @Override
    public PrimitiveDesc desc() {
        return pd;
    }

    @Override
    public void execute(Stream stream, Args actual) {
        JdnnException.requireNonNull(stream, "stream");
        JdnnException.requireNonNull(actual, "args");
        if (stream.engine() != pd.engine()) {
            throw JdnnException.invalid(name() + ": stream is on engine " + stream.engine()
                    + " but the primitive was created on " + pd.engine());
        }
        stream.requireOpen();
        validate(actual);
        MemorySegment scratch = Scratchpad.forExecution(pd, actual);
        long start = Verbose.level() > 0 ? System.nanoTime() : 0;
        ExecContext ctx = ExecContext.acquire(pd.engine(), actual, scratch);
        try {
            kernel.execute(ctx);
        } catch (JdnnException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new JdnnException(Status.RUNTIME_ERROR, name() + " failed: " + e, e);
        } finally {
            ctx.release();
        }
        if (Verbose.level() > 0) {
            Verbose.exec(pd, (System.nanoTime() - start) / 1e6);
        }
    }

    private void validate(Args actual) {
        for (int i = 0; i < args.length; i++) {
            Memory m = actual.get(args[i]);
            if (m == null) {
                throw JdnnException.invalid(name() + ": missing argument " + args[i] + " (expected " + descs[i] + ")");
            }
            if (!m.desc().equals(descs[i])) {
                throw JdnnException.invalid(name() + ": argument " + args[i] + " has descriptor " + m.desc()
                        + ", expected " + descs[i]);
            }
            MemorySegment s = m.segment();
            if (!s.scope().isAlive()) {
                throw JdnnException.invalid(name() + ": memory of argument " + args[i] + " is closed");
            }
            if (s.byteSize() < descs[i].sizeInBytes()) {
                throw JdnnException.invalid(name() + ": memory of argument " + args[i] + " has " + s.byteSize()
                        + " bytes, " + descs[i] + " needs " + descs[i].sizeInBytes());
            }
        }
        for (int i = 0; i < args.length; i++) {
            if (outputs[i]) {
                checkNoAliasing(actual, i);
            }
        }
    }

    /** An output may not share bytes with any other argument, except an allowed exact in-place input. */
    private void checkNoAliasing(Args actual, int out) {
        Memory o = actual.get(args[out]);
        Arg inPlaceInput = pd.plan().inPlace().get(args[out]);
        for (int j = 0; j < args.length; j++) {
            if (j == out) {
                continue;
            }
            Memory other = actual.get(args[j]);
            if (!o.overlaps(other)) {
                continue;
            }
            boolean exactInPlace = args[j].equals(inPlaceInput) && o.sameStart(other) && o.desc().equals(other.desc());
            if (!exactInPlace) {
                throw JdnnException.invalid(name() + ": output " + args[out] + " overlaps argument " + args[j]
                        + (inPlaceInput != null ? " (only an exact in-place " + inPlaceInput + " is allowed)" : ""));
            }
        }
    }

    private String name() {
        return pd.kind().oneDnnName() + " (" + pd.implName() + ")";
    }

    @Override
    public String toString() {
        return "Primitive[" + pd + "]";
    }
}
