package dev.jdnn.bench.run;

import dev.jdnn.bench.ops.Fill;
import dev.jdnn.bench.ops.Problem;
import dev.jdnn.memory.DataType;
import dev.jdnn.memory.Memory;
import dev.jdnn.primitives.Arg;

/**
 * benchdnn-style inputs for the correctness check: small integers, so that f32 sums of products
 * are exact whatever the summation order. The range shrinks with the accumulation length K so
 * that {@code K * range^2} stays below 2^22 (exact in f32's 24-bit mantissa with room for a bias
 * and a sum post-op); past that, values are also made sparse (benchdnn's density control).
 */
final class CorrectnessFill {
    private static final double EXACT_LIMIT = 1 << 22;

    private CorrectnessFill() {
    }

    /** The logical values for argument {@code arg} of {@code problem}. */
    static float[] values(Problem problem, Arg arg, long count) {
        long k = Math.max(1, problem.accumulationLength());
        int range = (int) Math.max(1, Math.min(4, Math.floor(Math.sqrt(EXACT_LIMIT / k))));
        double density = Math.min(1, EXACT_LIMIT / k);
        float[] v = Fill.ints(count, 1000L + arg.id(), -range, range);
        if (density < 1) {
            float[] keep = Fill.ints(count, 7919L + arg.id(), 0, 999_999);
            for (int i = 0; i < v.length; i++) {
                if (keep[i] >= density * 1e6) {
                    v[i] = 0;
                }
            }
        }
        return v;
    }

    /** Whether {@code m} holds values this fill can write (f32). */
    static boolean fillable(Memory m) {
        return m.desc().dataType() == DataType.F32;
    }
}
