package dev.jdnn.bench.ops;

import dev.jdnn.bench.desc.ConvDescriptor;
import dev.jdnn.engines.Engine;
import dev.jdnn.primitives.PrimitiveDesc;
import dev.jdnn.primitives.PrimitiveKind;

/**
 * A deconvolution (transposed convolution) problem: the convolution grammar, with the output
 * size given by the transposed relation {@code o = (i - 1) * s - pl - pr + (k - 1) * (d + 1) + 1}.
 * jdnn has no deconvolution primitive yet: {@link #build} is where it will be created.
 */
public final class DeconvProblem implements PrimitiveProblem {
    private final ConvDescriptor desc;
    private final Options options;

    public DeconvProblem(String descriptor, Options options) {
        this.desc = ConvDescriptor.parse(descriptor, options.mb(), true);
        this.options = options;
    }

    public ConvDescriptor desc() {
        return desc;
    }

    @Override
    public String driver() {
        return "deconv";
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
        return PrimitiveKind.DECONVOLUTION;
    }

    @Override
    public PrimitiveDesc build(Engine engine, String impl) {
        throw Problems.noPrimitive(kind());
    }
}
