package dev.jdnn.bench.ops;

import dev.jdnn.bench.desc.BadInputException;
import dev.jdnn.memory.JdnnException;
import dev.jdnn.primitives.PrimitiveKind;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Makes a {@link Problem} from a driver name, a descriptor and options. */
public final class Problems {
    /** Every driver the benchmark driver knows, in benchdnn's spelling (plus jdnn's {@code gemm}). */
    public static final List<String> DRIVERS = List.of("conv", "deconv", "matmul", "ip", "pool", "eltwise", "softmax",
            "bnorm", "lnorm", "binary", "reorder", "sum", "concat", "gemm");

    /** Drivers whose problems are computed by a jdnn primitive today (the JSON op tests take these). */
    public static final List<String> PRIMITIVE_DRIVERS = List.of("conv", "pool", "matmul", "ip", "eltwise", "reorder");

    private Problems() {
    }

    /** The problem of {@code descriptor} for {@code driver}; a malformed descriptor throws {@link BadInputException}. */
    public static Problem of(String driver, String descriptor, Options options) {
        return switch (driver.toLowerCase(Locale.ROOT)) {
            case "conv", "convolution" -> new ConvProblem(descriptor, options);
            case "deconv", "deconvolution" -> new DeconvProblem(descriptor, options);
            case "pool", "pooling" -> new PoolProblem(descriptor, options);
            case "matmul" -> new MatMulProblem(descriptor, options);
            case "ip", "inner_product" -> new IpProblem(descriptor, options);
            case "eltwise" -> new EltwiseProblem(descriptor, options);
            case "softmax" -> new SoftmaxProblem(descriptor, options);
            case "bnorm" -> new BnormProblem(descriptor, options);
            case "lnorm" -> new LnormProblem(descriptor, options);
            case "binary" -> new BinaryProblem(descriptor, options);
            case "reorder" -> new ReorderProblem(descriptor, options);
            case "sum" -> new SumProblem(descriptor, options);
            case "concat" -> new ConcatProblem(descriptor, options);
            case "gemm" -> new GemmProblem(descriptor, options);
            default -> throw new BadInputException("unknown driver '" + driver + "' (known: " + DRIVERS + ")");
        };
    }

    /** A problem of a driver computed by a jdnn primitive (the JSON op tests). */
    public static PrimitiveProblem primitive(String driver, String descriptor, Options options) {
        if (!PRIMITIVE_DRIVERS.contains(driver)) {
            throw new BadInputException("driver '" + driver + "' has no jdnn primitive (known: " + PRIMITIVE_DRIVERS + ")");
        }
        return (PrimitiveProblem) of(driver, descriptor, options);
    }

    /**
     * Throws UNIMPLEMENTED naming the first extra option of {@code problem} that it does not
     * honor: a benchdnn setting jdnn cannot reproduce must not be silently ignored.
     */
    public static void requireSupported(Problem problem, Set<String> supported) {
        for (Map.Entry<String, String> e : problem.options().extras().entrySet()) {
            if (!supported.contains(e.getKey())) {
                throw JdnnException.unimplemented("--" + e.getKey() + "=" + e.getValue() + " is not supported by jdnn's "
                        + problem.driver() + " yet");
            }
        }
    }

    /** Throws UNIMPLEMENTED when {@code --alg} is set to something other than {@code accepted}. */
    static void requireAlg(Options o, String... accepted) {
        if (o.alg() != null && !List.of(accepted).contains(o.alg().toLowerCase(Locale.ROOT))) {
            throw JdnnException.unimplemented("--alg=" + o.alg() + " is not supported by jdnn (it has " + List.of(accepted) + ")");
        }
    }

    /** The UNIMPLEMENTED error of a driver whose primitive jdnn does not have yet. */
    static JdnnException noPrimitive(PrimitiveKind kind) {
        return JdnnException.unimplemented("jdnn has no " + kind.oneDnnName() + " primitive yet");
    }

    static String dirOr(Options o, String fallback) {
        return o.dir() == null ? fallback : o.dir().toUpperCase(Locale.ROOT);
    }

    static String implOf(Options o, String impl) {
        return impl != null ? impl : o.impl();
    }
}
