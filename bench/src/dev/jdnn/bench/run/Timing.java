package dev.jdnn.bench.run;

import dev.jdnn.bench.ops.Operation;
import java.util.Arrays;

/**
 * benchdnn's timed loop: one untimed warm-up execution, then timed executions until
 * {@code --fix-times-per-prb} runs, or until {@code --max-ms-per-prb} has elapsed and at least
 * {@code --min-times-per-prb} runs were timed (benchdnn's fixed minimum is 5; jdnn lets the
 * default suite lower it to cap slow problems while still timing each at least once).
 */
final class Timing {
    private Timing() {
    }

    static Measurement measure(Operation op, RunSettings s, double createMs) {
        op.execute();
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
}
