package dev.jdnn.bench.run;

import dev.jdnn.bench.desc.DescriptorLexer;
import dev.jdnn.bench.report.Numbers;
import java.util.ArrayList;
import java.util.List;

/**
 * The counts benchdnn prints at the end of a run, and the performance totals. As in benchdnn,
 * {@code failed} also counts the UNIMPLEMENTED problems (unless {@code --allow-unimpl}) and the
 * INVALID_ARGUMENTS ones; the run's exit status is 1 when it is not 0.
 */
public final class Summary {
    private int tests;
    private int passed;
    private int skipped;
    private int mistrusted;
    private int unimplemented;
    private int invalidArguments;
    private int failed;
    private int listed;
    private final List<PerfResult> perf = new ArrayList<>();

    void add(Outcome o, RunSettings s) {
        tests++;
        switch (o.status()) {
            case PASSED, EXECUTED, INITIALIZED -> passed++;
            case MISTRUSTED -> mistrusted++;
            case SKIPPED -> skipped++;
            case LISTED -> listed++;
            case UNIMPLEMENTED -> {
                unimplemented++;
                failed += s.allowUnimpl() ? 0 : 1;
            }
            case INVALID_ARGUMENTS -> {
                invalidArguments++;
                failed++;
            }
            case FAILED -> failed++;
        }
        if (o.perf() != null) {
            perf.add(o.perf());
        }
    }

    public int failed() {
        return failed;
    }

    public int passed() {
        return passed;
    }

    public int tests() {
        return tests;
    }

    public int unimplemented() {
        return unimplemented;
    }

    public List<PerfResult> perf() {
        return List.copyOf(perf);
    }

    /** benchdnn's counts line. */
    public String countsLine() {
        return "tests:" + tests + " passed:" + passed + " skipped:" + skipped + " mistrusted:" + mistrusted
                + " unimplemented:" + unimplemented + " invalid_arguments:" + invalidArguments + " failed:" + failed
                + " listed:" + listed;
    }

    /** benchdnn's {@code total perf} line: the sums of the problems' minimum and average times. */
    public String perfLine() {
        double min = perf.stream().mapToDouble(p -> p.measurement().minMs()).sum();
        double avg = perf.stream().mapToDouble(p -> p.measurement().avgMs()).sum();
        return "total perf: min(ms):" + Numbers.g(min) + " avg(ms):" + Numbers.g(avg);
    }

    /**
     * The network view, per driver, when names carry benchdnn's {@code *N} repeat counts: each
     * problem's minimum time and flops counted N times (ResNet-50's 53 convolutions from its 23
     * distinct layers), the figure to compare with a framework's time for the whole network.
     */
    public List<String> weightedLines() {
        List<String> lines = new ArrayList<>();
        for (String driver : perf.stream().map(p -> p.problem().driver()).distinct().toList()) {
            List<PerfResult> mine = perf.stream().filter(p -> p.problem().driver().equals(driver)).toList();
            if (mine.stream().noneMatch(p -> DescriptorLexer.repeatCount(p.problem().name()) > 1)) {
                continue;
            }
            double ms = 0;
            double flops = 0;
            int instances = 0;
            for (PerfResult p : mine) {
                int n = DescriptorLexer.repeatCount(p.problem().name());
                ms += n * p.measurement().minMs();
                flops += n * p.problem().flops();
                instances += n;
            }
            lines.add("total " + driver + " weighted by the *N counts in names (" + instances + " instances): min(ms):"
                    + Numbers.g(ms) + (flops > 0 ? " gflops:" + Numbers.g(flops / (ms * 1e6)) : ""));
        }
        return lines;
    }

    /**
     * jdnn's throughput line: the flops of the problems that count flops over the sum of their
     * minimum times, and that rate as a share of the machine's measured FMA peak.
     */
    public String throughputLine(double peakGflops, int threads) {
        double flops = 0;
        double ms = 0;
        for (PerfResult p : perf) {
            if (p.problem().flops() > 0) {
                flops += p.problem().flops();
                ms += p.measurement().minMs();
            }
        }
        double gflops = ms > 0 ? flops / (ms * 1e6) : 0;
        return "total gflops: " + Numbers.g(gflops) + " GFLOP/s over " + Numbers.g(ms) + " ms of flop-counted problems; "
                + String.format("%.1f", 100 * gflops / peakGflops) + "% of the measured FMA peak " + Numbers.g(peakGflops)
                + " GFLOP/s (" + threads + " thread" + (threads == 1 ? "" : "s") + ")";
    }
}
