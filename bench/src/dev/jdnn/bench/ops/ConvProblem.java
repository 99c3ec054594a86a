package dev.jdnn.bench.ops;

import dev.jdnn.bench.desc.ConvDescriptor;
import dev.jdnn.bench.desc.Spatial;
import dev.jdnn.engines.Engine;
import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.primitives.Attr;
import dev.jdnn.primitives.Convolution;
import dev.jdnn.primitives.PrimitiveDesc;
import dev.jdnn.primitives.PrimitiveKind;
import dev.jdnn.primitives.PropKind;

/**
 * A convolution problem. Directions as benchdnn's: {@code FWD_B} (default; training, with bias),
 * {@code FWD_D} (training, no bias), {@code FWD_I} (inference, with bias); the backward ones are
 * UNIMPLEMENTED until jdnn has them. {@code --alg}: {@code direct} or {@code auto} (jdnn picks).
 */
public final class ConvProblem implements PrimitiveProblem {
    private final ConvDescriptor desc;
    private final Options options;

    public ConvProblem(String descriptor, Options options) {
        this.desc = ConvDescriptor.parse(descriptor, options.mb(), false);
        this.options = options;
    }

    public ConvDescriptor desc() {
        return desc;
    }

    @Override
    public String driver() {
        return "conv";
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
        return desc.flops();
    }

    @Override
    public String csvValues() {
        return desc.csvValues();
    }

    @Override
    public long accumulationLength() {
        Spatial sp = desc.spatial();
        return desc.ic() / desc.groups() * sp.volume(sp.kernel);
    }

    @Override
    public PrimitiveKind kind() {
        return PrimitiveKind.CONVOLUTION;
    }

    @Override
    public PrimitiveDesc build(Engine engine, String impl) {
        String dir = Problems.dirOr(options, "FWD_B");
        PropKind prop = switch (dir) {
            case "FWD_B", "FWD_D" -> PropKind.FORWARD_TRAINING;
            case "FWD_I" -> PropKind.FORWARD_INFERENCE;
            default -> throw JdnnException.unimplemented("--dir=" + dir + ": jdnn's convolution has forward directions only (FWD_B, FWD_D, FWD_I)");
        };
        Problems.requireAlg(options, "direct", "auto");
        boolean bias = !dir.equals("FWD_D");
        long[] srcDims = desc.srcDims();
        long[] dstDims = desc.dstDims();
        long[] weiDims = desc.weightsDims();
        MemoryDesc src = MemoryDesc.of(srcDims, options.dt(), Tags.resolve(options.stag(), srcDims.length, "--stag"));
        MemoryDesc wei = MemoryDesc.of(weiDims, options.dt(), Tags.resolve(options.wtag(), weiDims.length, "--wtag"));
        MemoryDesc dst = MemoryDesc.of(dstDims, options.dt(), Tags.resolve(options.dtag(), dstDims.length, "--dtag"));
        MemoryDesc bia = bias ? MemoryDesc.any(new long[] {desc.oc()}, options.dt()) : null;
        Spatial sp = desc.spatial();
        Attr attr = AttrParser.parse(options.postOps(), options.oscale(), dstDims, 1);
        return Convolution.forward(engine, prop, src, wei, bia, dst)
                .strides(sp.used(sp.stride))
                .dilations(sp.used(sp.dilation))
                .padding(sp.used(sp.padL), sp.used(sp.padR))
                .attr(attr)
                .implementation(Problems.implOf(options, impl))
                .build();
    }
}
