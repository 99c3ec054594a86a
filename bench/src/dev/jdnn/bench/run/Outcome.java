package dev.jdnn.bench.run;

/**
 * What happened to one problem.
 *
 * @param status   the status
 * @param reason   why, for a status that is not plain success (empty otherwise)
 * @param implName the implementation that ran, or empty when none was created
 * @param errors   mismatching outputs (correctness mode)
 * @param total    compared outputs (correctness mode)
 * @param ms       wall time spent on the problem
 * @param perf     the performance measurement, or null
 */
public record Outcome(Status status, String reason, String implName, long errors, long total, double ms, PerfResult perf) {
    static Outcome of(Status status, String reason) {
        return new Outcome(status, reason, "", 0, 0, 0, null);
    }

    Outcome withTime(double wallMs) {
        return new Outcome(status, reason, implName, errors, total, wallMs, perf);
    }

    Outcome withPerf(PerfResult p) {
        return new Outcome(status, reason, implName, errors, total, ms, p);
    }
}
