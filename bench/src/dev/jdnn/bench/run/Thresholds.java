package dev.jdnn.bench.run;

import dev.jdnn.bench.ops.Problem;
import java.util.Locale;
import java.util.Set;

/**
 * The relative error a tested implementation may show against the reference, per driver, for
 * f32 and in the spirit of benchdnn's: the inputs are small integers
 * ({@link CorrectnessFill}), so every sum of products is exact whatever the order and the
 * compute drivers must agree to rounding; transcendental functions may differ by a few ulps.
 */
final class Thresholds {
    /** Eltwise algorithms that are exact in f32 on integer inputs. */
    private static final Set<String> EXACT_ELTWISE = Set.of("relu", "abs", "square", "linear", "clip", "clip_v2", "round",
            "hardsigmoid", "hardswish");
    private static final double ROUNDING = 1e-6;
    private static final double TRANSCENDENTAL = 4e-6;

    private Thresholds() {
    }

    static double of(Problem p) {
        return switch (p.driver()) {
            case "reorder" -> 0;
            case "pool" -> p.options().alg() == null || p.options().alg().contains("max") ? 0 : ROUNDING;
            case "eltwise" -> exactEltwise(p.options().alg() == null ? "relu" : p.options().alg()) ? 0 : TRANSCENDENTAL;
            default -> postOpsExact(p.options().postOps()) ? ROUNDING : TRANSCENDENTAL;
        };
    }

    private static boolean exactEltwise(String alg) {
        String a = alg.toLowerCase(Locale.ROOT).replace("eltwise_", "");
        return EXACT_ELTWISE.contains(a);
    }

    /** Whether every eltwise post-op of the spec is exact (sum and binary ones are). */
    private static boolean postOpsExact(String postOps) {
        if (postOps.isEmpty()) {
            return true;
        }
        for (String entry : postOps.split("\\+")) {
            String kind = entry.split(":")[0].toLowerCase(Locale.ROOT);
            boolean exactKind = kind.equals("sum") || kind.startsWith("binary_") || Set.of("add", "mul", "max", "min", "sub",
                    "div", "ge", "gt", "le", "lt", "eq", "ne").contains(kind) || exactEltwise(kind);
            if (!exactKind) {
                return false;
            }
        }
        return true;
    }
}
