package dev.jdnn.bench.desc;

import java.util.Locale;
import java.util.Set;

/**
 * The values benchdnn accepts for its enumerated options. The parser checks option values
 * against these lists, so a typo is a user mistake reported at once, while a valid benchdnn value
 * that jdnn cannot compute yet reaches the problem and is reported UNIMPLEMENTED.
 */
public final class BenchdnnNames {
    public static final Set<String> DIRECTIONS = Set.of("FWD_B", "FWD_D", "FWD_I", "BWD_D", "BWD_W", "BWD_WB", "BWD_DW");

    public static final Set<String> DATA_TYPES = Set.of("f32", "bf16", "f16", "f64", "s32", "s8", "u8", "s4", "u4",
            "f8_e5m2", "f8_e4m3", "f4_e2m1", "f4_e3m0", "e8m0", "tf32", "undef");

    public static final Set<String> ELTWISE_ALGS = Set.of("relu", "tanh", "elu", "square", "abs", "sqrt", "linear",
            "bounded_relu", "soft_relu", "soft_relu_v2", "logistic", "exp", "gelu", "gelu_tanh", "gelu_erf", "swish",
            "log", "clip", "clip_v2", "pow", "round", "logsigmoid", "mish", "hardswish", "hardsigmoid", "srelu",
            "relu_dst", "tanh_dst", "elu_dst", "sqrt_dst", "logistic_dst", "exp_dst", "clip_v2_dst");

    public static final Set<String> BINARY_ALGS = Set.of("add", "mul", "max", "min", "div", "sub", "ge", "gt", "le", "lt",
            "eq", "ne", "select");

    public static final Set<String> POOL_ALGS = Set.of("max", "avg_np", "avg_p", "pooling_max", "pooling_avg_include_padding",
            "pooling_avg_exclude_padding");

    public static final Set<String> CONV_ALGS = Set.of("direct", "wino", "auto");

    public static final Set<String> SOFTMAX_ALGS = Set.of("softmax", "logsoftmax", "softmax_accurate", "softmax_log");

    private BenchdnnNames() {
    }

    /** Whether {@code name} (any case, with or without benchdnn's {@code eltwise_} prefix) is an eltwise algorithm. */
    public static boolean isEltwise(String name) {
        return ELTWISE_ALGS.contains(strip(name, "eltwise_"));
    }

    /** Whether {@code name} (with or without {@code binary_}) is a binary algorithm. */
    public static boolean isBinary(String name) {
        return BINARY_ALGS.contains(strip(name, "binary_"));
    }

    private static String strip(String name, String prefix) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.startsWith(prefix) ? n.substring(prefix.length()) : n;
    }
}
