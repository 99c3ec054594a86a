package dev.jdnn.bench.ops;

import dev.jdnn.bench.desc.IpDescriptor;
import dev.jdnn.engines.Engine;
import dev.jdnn.primitives.PrimitiveDesc;
import dev.jdnn.primitives.PrimitiveKind;

/**
 * An inner-product problem {@code mb#ic#[id#][ih#][iw#]oc#}. jdnn has no inner-product primitive
 * yet: {@link #build} is where it will be created.
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

    @Override
    public PrimitiveDesc build(Engine engine, String impl) {
        throw Problems.noPrimitive(kind());
    }
}
