package dev.jdnn.bench.ops;

import dev.jdnn.bench.desc.BadInputException;
import dev.jdnn.bench.desc.DimsDescriptor;

/**
 * The common part of the problems whose descriptor is a list of tensor shapes
 * ({@code AxBxC[:DxE..]}): softmax, layer normalization, binary, sum, concat.
 */
abstract class DimsProblem implements PrimitiveProblem {
    private final String driver;
    private final DimsDescriptor desc;
    private final Options options;

    /** Parses {@code descriptor}, which must hold {@code minTensors..maxTensors} shapes. */
    DimsProblem(String driver, String descriptor, Options options, int minTensors, int maxTensors) {
        this.driver = driver;
        this.desc = DimsDescriptor.parse(descriptor);
        this.options = options;
        if (desc.count() < minTensors || desc.count() > maxTensors) {
            String expected = minTensors == maxTensors ? String.valueOf(minTensors) : minTensors + ".." + maxTensors;
            throw new BadInputException(driver + " descriptor '" + descriptor + "': expected " + expected
                    + " tensor shape(s), got " + desc.count());
        }
    }

    public DimsDescriptor desc() {
        return desc;
    }

    @Override
    public String driver() {
        return driver;
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
}
