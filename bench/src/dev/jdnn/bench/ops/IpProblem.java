package dev.jdnn.bench.ops;

import dev.jdnn.bench.desc.IpDescriptor;
import dev.jdnn.engines.Engine;
import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.primitives.InnerProduct;
import dev.jdnn.primitives.PrimitiveDesc;
import dev.jdnn.primitives.PrimitiveKind;

/**
 * An inner-product problem {@code mb#ic#[id#][ih#][iw#]oc#}. Directions as benchdnn's: {@code FWD_B}
 * (default; training, with bias), {@code FWD_D} (no bias), {@code FWD_I} (inference, with bias),
 * {@code BWD_D}, {@code BWD_W}, {@code BWD_WB} (weights and bias). Layouts default to {@code any}.
 */
public final class IpProblem implements PrimitiveProblem {
    private final IpDescriptor desc;
    private final Options options;

    public IpProblem(String descriptor, Options options) {
        this.desc = IpDescriptor.parse(descriptor, options.mb());
        this.options = options;
    }

    public IpDescriptor desc() {
        return desc;
    }

    @Override
    public String driver() {
        return "ip";
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
    public PrimitiveKind kind() {
        return PrimitiveKind.INNER_PRODUCT;
    }

    /** Terms of each sum: ic x spatial forward, oc for backward data, mb for backward weights. */
    @Override
    public long accumulationLength() {
        return switch (Problems.dirOr(options, "FWD_B")) {
            case "BWD_D" -> desc.oc();
            case "BWD_W", "BWD_WB" -> desc.mb();
            default -> desc.icTimesSpatial();
        };
    }

    @Override
    public PrimitiveDesc build(Engine engine, String impl) {
        long[] srcDims = desc.srcDims();
        long[] weiDims = desc.weightsDims();
        long[] dstDims = desc.dstDims();
        MemoryDesc src = MemoryDesc.of(srcDims, options.dt(), Tags.resolve(options.stag(), srcDims.length, "--stag"));
        MemoryDesc wei = MemoryDesc.of(weiDims, options.dt(), Tags.resolve(options.wtag(), weiDims.length, "--wtag"));
        MemoryDesc dst = MemoryDesc.of(dstDims, options.dt(), Tags.resolve(options.dtag(), dstDims.length, "--dtag"));
        MemoryDesc bias = MemoryDesc.any(new long[] {desc.oc()}, options.dt());
        String dir = Problems.dirOr(options, "FWD_B");
        InnerProduct.Builder builder = switch (dir) {
            case "FWD_B" -> InnerProduct.forwardTraining(engine, src, wei, bias, dst);
            case "FWD_D" -> InnerProduct.forwardTraining(engine, src, wei, null, dst);
            case "FWD_I" -> InnerProduct.forwardInference(engine, src, wei, bias, dst);
            case "BWD_D" -> InnerProduct.backwardData(engine, src, wei, dst);
            case "BWD_W" -> InnerProduct.backwardWeights(engine, src, wei, null, dst);
            case "BWD_WB" -> InnerProduct.backwardWeights(engine, src, wei, bias, dst);
            default -> throw JdnnException.unimplemented("--dir=" + dir + ": jdnn's inner product has FWD_B, FWD_D, FWD_I, "
                    + "BWD_D, BWD_W and BWD_WB");
        };
        if (dir.startsWith("FWD")) {
            builder.attr(AttrParser.parse(options.postOps(), options.oscale(), dstDims, 1));
        } else if (!options.postOps().isBlank() || !options.oscale().isBlank()) {
            throw JdnnException.unimplemented("--dir=" + dir + ": attributes apply to forward inner products only");
        }
        return builder.implementation(Problems.implOf(options, impl)).build();
    }
}
