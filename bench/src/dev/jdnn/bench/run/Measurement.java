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

    public double maxMs() {
        return Arrays.stream(times).max().orElse(Double.NaN);
    }

    public int count() {
        return times.length;
    }
}
