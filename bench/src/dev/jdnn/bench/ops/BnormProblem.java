package dev.jdnn.bench.ops;

import dev.jdnn.bench.desc.BnormDescriptor;
import dev.jdnn.engines.Engine;
import dev.jdnn.primitives.PrimitiveDesc;
import dev.jdnn.primitives.PrimitiveKind;

/**
 * A batch-normalization problem {@code mb#ic#[id#][ih#][iw#][eps#]}. jdnn has no batch
 * normalization yet: {@link #build} is where it will be created.
 */
public final class BnormProblem implements PrimitiveProblem {
    private final BnormDescriptor desc;
    private final Options options;

    public BnormProblem(String descriptor, Options options) {
        this.desc = BnormDescriptor.parse(descriptor, options.mb());
        this.options = options;
    }

    public BnormDescriptor desc() {
        return desc;
    }

    @Override
    public String driver() {
        return "bnorm";
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
    public PrimitiveKind kind() {
        return PrimitiveKind.BATCH_NORMALIZATION;
    }

    @Override
    public PrimitiveDesc build(Engine engine, String impl) {
        throw Problems.noPrimitive(kind());
    }
}
