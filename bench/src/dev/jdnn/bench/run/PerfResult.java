package dev.jdnn.bench.run;

import dev.jdnn.bench.ops.Problem;

/**
 * What performance mode measured for one problem: everything a perf template can print.
 *
 * @param index       the problem's number in the run (benchdnn's {@code %idx%})
 * @param problem     the problem
 * @param settings    the common options in force
 * @param implName    the implementation that ran
 * @param measurement the timings
 * @param inputBytes  bytes of the arguments the implementation reads
 * @param outputBytes bytes of the arguments it writes
 */
public record PerfResult(int index, Problem problem, RunSettings settings, String implName, Measurement measurement,
        long inputBytes, long outputBytes) {

    /** GFLOP/s at the fastest run (0 for drivers without a flop count). */
    public double gflopsAtMin() {
        return problem.flops() / (measurement.minMs() * 1e6);
    }
}
