package dev.jdnn.bench.ops;

import dev.jdnn.bench.desc.BadInputException;
import java.util.List;
import java.util.Locale;

/** Makes a {@link Problem} from a driver name, a descriptor and options. */
public final class Problems {
    /** Drivers that have a problem type here. */
    public static final List<String> DRIVERS = List.of("conv", "pool", "matmul", "eltwise", "reorder");

    private Problems() {
    }

    public static Problem of(String driver, String descriptor, Options options) {
        return switch (driver.toLowerCase(Locale.ROOT)) {
            case "conv", "convolution" -> new ConvProblem(descriptor, options);
            case "pool", "pooling" -> new PoolProblem(descriptor, options);
            case "matmul" -> new MatMulProblem(descriptor, options);
            case "eltwise" -> new EltwiseProblem(descriptor, options);
            case "reorder" -> new ReorderProblem(descriptor, options);
            default -> throw new BadInputException("unknown driver '" + driver + "' (known: " + DRIVERS + ")");
        };
    }

    static String dirOr(Options o, String fallback) {
        return o.dir() == null ? fallback : o.dir().toUpperCase(Locale.ROOT);
    }

    static String implOf(Options o, String impl) {
        return impl != null ? impl : o.impl();
    }
}
