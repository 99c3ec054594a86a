package dev.jdnn.bench.ops;

import dev.jdnn.bench.desc.PoolDescriptor;
import dev.jdnn.bench.desc.Spatial;
import dev.jdnn.engines.Engine;
import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.primitives.Attr;
import dev.jdnn.primitives.PoolingAlg;
import dev.jdnn.primitives.Pooling;
import dev.jdnn.primitives.PrimitiveDesc;
import dev.jdnn.primitives.PrimitiveKind;
import dev.jdnn.primitives.PropKind;

/**
 * A pooling problem. {@code --alg}: {@code max} (default), {@code avg_np}, {@code avg_p};
 * {@code --dir}: {@code FWD_D} (default; training, writes a workspace for max) or {@code FWD_I}.
 * Layouts default to plain ({@code abx}), as benchdnn's.
 */
public final class PoolProblem implements PrimitiveProblem {
    private final PoolDescriptor desc;
    private final Options options;

    public PoolProblem(String descriptor, Options options) {
        this.desc = PoolDescriptor.parse(descriptor, options.mb());
        this.options = options;
    }

    public PoolDescriptor desc() {
        return desc;
    }

    @Override
    public String driver() {
        return "pool";
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
    public String csvValues() {
        return desc.csvValues();
    }

    @Override
    public long accumulationLength() {
        return desc.spatial().volume(desc.spatial().kernel);
    }

    @Override
    public PrimitiveKind kind() {
        return PrimitiveKind.POOLING;
    }

    @Override
    public PrimitiveDesc build(Engine engine, String impl) {
        String dir = Problems.dirOr(options, "FWD_D");
        PropKind prop = switch (dir) {
            case "FWD_D", "FWD_B" -> PropKind.FORWARD_TRAINING;
            case "FWD_I" -> PropKind.FORWARD_INFERENCE;
            default -> throw JdnnException.unimplemented("--dir=" + dir + ": jdnn's pooling has forward directions only (FWD_D, FWD_I)");
        };
        PoolingAlg alg = PoolingAlg.of(options.alg() == null ? "max" : options.alg());
        long[] srcDims = desc.srcDims();
        long[] dstDims = desc.dstDims();
        String stag = options.stag().equals("any") ? "abx" : options.stag();
        String dtag = options.dtag().equals("any") ? stag : options.dtag();
        MemoryDesc src = MemoryDesc.of(srcDims, options.dt(), Tags.resolve(stag, srcDims.length, "--stag"));
        MemoryDesc dst = MemoryDesc.of(dstDims, options.dt(), Tags.resolve(dtag, dstDims.length, "--dtag"));
        Spatial sp = desc.spatial();
        Attr attr = AttrParser.parse(options.postOps(), options.oscale(), dstDims, 1);
        return Pooling.forward(engine, prop, alg, src, dst)
                .kernel(sp.used(sp.kernel))
                .strides(sp.used(sp.stride))
                .dilations(sp.used(sp.dilation))
                .padding(sp.used(sp.padL), sp.used(sp.padR))
                .attr(attr)
                .implementation(Problems.implOf(options, impl))
                .build();
    }
}
