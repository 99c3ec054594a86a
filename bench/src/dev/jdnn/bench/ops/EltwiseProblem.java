package dev.jdnn.bench.ops;

import dev.jdnn.bench.desc.BadInputException;
import dev.jdnn.bench.desc.DimsDescriptor;
import dev.jdnn.engines.Engine;
import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.primitives.Attr;
import dev.jdnn.primitives.Eltwise;
import dev.jdnn.primitives.EltwiseAlg;
import dev.jdnn.primitives.PrimitiveDesc;
import dev.jdnn.primitives.PrimitiveKind;
import dev.jdnn.primitives.PropKind;

/**
 * An eltwise problem on one tensor's dims. {@code --alg} (default {@code relu}), {@code --alpha},
 * {@code --beta}; {@code --dir} {@code FWD_D} (default) or {@code FWD_I}; layout {@code --tag}
 * (as {@code --stag}, default plain).
 */
public final class EltwiseProblem implements PrimitiveProblem {
    private final DimsDescriptor desc;
    private final Options options;

    public EltwiseProblem(String descriptor, Options options) {
        this.desc = DimsDescriptor.parse(descriptor);
        if (desc.count() != 1) {
            throw new BadInputException("eltwise descriptor '" + descriptor + "': expected one tensor's dims");
        }
        this.options = options;
    }

    @Override
    public String driver() {
        return "eltwise";
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
        return PrimitiveKind.ELTWISE;
    }

    @Override
    public PrimitiveDesc build(Engine engine, String impl) {
        String dir = Problems.dirOr(options, "FWD_D");
        PropKind prop = switch (dir) {
            case "FWD_D", "FWD_B" -> PropKind.FORWARD_TRAINING;
            case "FWD_I" -> PropKind.FORWARD_INFERENCE;
            default -> throw JdnnException.unimplemented("--dir=" + dir + ": jdnn's eltwise has forward directions only (FWD_D, FWD_I)");
        };
        long[] dims = desc.tensor(0);
        String stag = options.stag().equals("any") ? "abx" : options.stag();
        MemoryDesc src = MemoryDesc.of(dims, options.dt(), Tags.resolve(stag, dims.length, "--tag"));
        EltwiseAlg alg = Algorithms.eltwise(options.alg() == null ? "relu" : options.alg(), "--alg");
        Attr attr = AttrParser.parse(options.postOps(), options.oscale(), dims, Math.min(1, dims.length - 1));
        return Eltwise.forward(engine, prop, alg, options.alpha(), options.beta(), src, src)
                .attr(attr)
                .implementation(Problems.implOf(options, impl))
                .build();
    }
}
