package dev.jdnn.bench.run;

import java.util.Arrays;

/**
 * The timed executions of one problem.
 *
 * @param times    the duration of each timed execution, in ms
 * @param createMs the time to create the implementation (descriptor, primitive, memories), in ms
 */
public record Measurement(double[] times, double createMs) {
    public double minMs() {
        return Arrays.stream(times).min().orElse(Double.NaN);
    }

    public double avgMs() {
        return Arrays.stream(times).average().orElse(Double.NaN);
    }

    /** The median time (jdnn's {@code %=time%} template field; benchdnn has min, avg and max only). */
    public double medianMs() {
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    public double maxMs() {
        return Arrays.stream(times).max().orElse(Double.NaN);
    }

    public int count() {
        return times.length;
    }
}
