package dev.jdnn.bench.ops;

import dev.jdnn.bench.desc.BadInputException;
import dev.jdnn.bench.desc.DimsDescriptor;
import dev.jdnn.engines.Engine;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.primitives.Attr;
import dev.jdnn.primitives.PrimitiveDesc;
import dev.jdnn.primitives.PrimitiveKind;
import dev.jdnn.primitives.Reorder;

/** A reorder problem: one tensor's dims, from {@code --stag} to {@code --dtag} (both default plain). */
public final class ReorderProblem implements PrimitiveProblem {
    private final DimsDescriptor desc;
    private final Options options;

    public ReorderProblem(String descriptor, Options options) {
        this.desc = DimsDescriptor.parse(descriptor);
        if (desc.count() != 1) {
            throw new BadInputException("reorder descriptor '" + descriptor + "': expected one tensor's dims");
        }
        this.options = options;
    }

    @Override
    public String driver() {
        return "reorder";
    }

    @Override
    public String descriptor() {
        return desc.toString();
    }

    @Override
    public String name() {
        return desc.name();
    }

    @Override
    public Options options() {
        return options;
    }

    @Override
    public double flops() {
        return 0;
    }

    @Override
    public PrimitiveKind kind() {
        return PrimitiveKind.REORDER;
    }

    @Override
    public PrimitiveDesc build(Engine engine, String impl) {
        long[] dims = desc.tensor(0);
        String stag = options.stag().equals("any") ? "abx" : options.stag();
        String dtag = options.dtag().equals("any") ? "abx" : options.dtag();
        MemoryDesc src = MemoryDesc.of(dims, options.dt(), Tags.resolve(stag, dims.length, "--stag"));
        MemoryDesc dst = MemoryDesc.of(dims, options.dt(), Tags.resolve(dtag, dims.length, "--dtag"));
        Attr attr = AttrParser.parse(options.postOps(), options.oscale(), dims, Math.min(1, dims.length - 1));
        return Reorder.of(engine, src, dst).attr(attr).implementation(Problems.implOf(options, impl)).build();
    }
}
