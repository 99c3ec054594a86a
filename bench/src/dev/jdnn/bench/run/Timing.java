package dev.jdnn.bench.run;

import dev.jdnn.bench.ops.Operation;
import java.util.Arrays;

/**
 * benchdnn's timed loop: an untimed warm-up ({@link #warmUp}), then timed executions until
 * {@code --fix-times-per-prb} runs, or until {@code --max-ms-per-prb} has elapsed and at least
 * {@code --min-times-per-prb} runs were timed (benchdnn's fixed minimum is 5; jdnn lets the
 * default suite lower it to cap slow problems while still timing each at least once).
 */
final class Timing {
    private Timing() {
    }

    static Measurement measure(Operation op, RunSettings s, double createMs) {
        warmUp(op, s);
        double[] times = new double[16];
        int count = 0;
        double totalMs = 0;
        while (true) {
            long t0 = System.nanoTime();
            op.execute();
            double ms = (System.nanoTime() - t0) / 1e6;
            if (count == times.length) {
                times = Arrays.copyOf(times, count * 2);
            }
            times[count++] = ms;
            totalMs += ms;
            boolean done = s.fixTimesPerPrb() > 0 ? count >= s.fixTimesPerPrb()
                    : totalMs >= s.maxMsPerPrb() && count >= s.minTimesPerPrb();
            if (done) {
                return new Measurement(Arrays.copyOf(times, count), createMs);
            }
        }
    }

    /**
     * Untimed executions before timing. benchdnn needs one; on a JVM the first executions also run
     * before the JIT has compiled the kernels (C2 takes a few hundred ms for a GEMM micro-kernel),
     * so with a time budget the warm-up goes on until the times stop improving (three in a row
     * within 10% of the best) or a quarter of the budget is spent. With a fixed count: one.
     */
    private static void warmUp(Operation op, RunSettings s) {
        op.execute();
        if (s.fixTimesPerPrb() > 0) {
            return;
        }
        double budgetMs = s.maxMsPerPrb() / 4;
        double best = Double.MAX_VALUE;
        int steady = 0;
        long start = System.nanoTime();
        while (steady < 3 && (System.nanoTime() - start) / 1e6 < budgetMs) {
            long t0 = System.nanoTime();
            op.execute();
            double ms = (System.nanoTime() - t0) / 1e6;
            best = Math.min(best, ms);
            steady = ms <= 1.1 * best ? steady + 1 : 0;
        }
    }
}
