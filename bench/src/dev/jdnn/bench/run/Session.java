package dev.jdnn.bench.run;

import dev.jdnn.bench.json.OpCaseRunner;
import dev.jdnn.bench.report.HtmlReport;
import dev.jdnn.bench.report.Numbers;
import dev.jdnn.bench.report.PerfTemplate;
import dev.jdnn.bench.report.ProgressBar;
import dev.jdnn.engines.Engine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the jobs of a command line in order and reports as benchdnn does: a result line per
 * problem ({@code 3:PASSED (ref; 12 ms) __REPRO: --conv ...}; none in performance mode alone), a
 * perf line per measured problem in the perf template in force, then the counts, the performance
 * totals, and (with performance results) the throughput against the measured FMA peak and the
 * HTML report.
 */
public final class Session {
    private final PrintStream out;
    private final ProgressBar progress;
    private final Map<Integer, Engine> engines = new HashMap<>();
    private final Summary summary = new Summary();
    private String lastTemplate;

    public Session(PrintStream out, ProgressBar progress) {
        this.out = out;
        this.progress = progress;
    }

    /** Runs everything; returns the exit status (0, or 1 when anything failed). */
    public int run(ParsedRun run) throws IOException {
        long start = System.nanoTime();
        List<Job> jobs = run.jobs();
        jobs.stream().filter(j -> j instanceof Job.ProblemJob && j.settings().mode().performance()).findFirst()
                .ifPresent(j -> JitWarmUp.run(engine(j.settings().threads())));
        progress.start();
        try {
            for (int i = 0; i < jobs.size(); i++) {
                progress.show(i, jobs.size());
                Job job = jobs.get(i);
                for (int r = 0; r < job.settings().repeatsPerPrb(); r++) {
                    Outcome o = runJob(job, i);
                    progress.clear();
                    print(job, i, o);
                    summary.add(o, job.settings());
                }
            }
        } finally {
            progress.clear();
            engines.values().forEach(Engine::close);
        }
        finish(run.report(), (System.nanoTime() - start) / 1e9, jobs);
        return summary.failed() > 0 ? 1 : 0;
    }

    public Summary summary() {
        return summary;
    }

    private Outcome runJob(Job job, int index) {
        Engine engine = engine(job.settings().threads());
        return switch (job) {
            case Job.ProblemJob p -> ProblemRunner.run(p, engine, index);
            case Job.JsonJob j -> {
                long t0 = System.nanoTime();
                OpCaseRunner.Result r = OpCaseRunner.run(j.testCase(), engine);
                String impl = r.implName() == null ? "" : r.implName();
                yield new Outcome(r.passed() ? Status.PASSED : Status.FAILED, r.passed() ? "" : r.message(), impl, 0, 0,
                        (System.nanoTime() - t0) / 1e6, null);
            }
        };
    }

    private Engine engine(int threads) {
        return engines.computeIfAbsent(threadCount(threads), Engine::cpu);
    }

    /** The engine thread count {@code --threads} stands for (0: jdnn's default). */
    private static int threadCount(int threads) {
        return threads > 0 ? threads : Engine.defaultThreads();
    }

    private void print(Job job, int index, Outcome o) {
        boolean perfOnly = o.perf() != null && !job.settings().mode().correctness();
        if (!(perfOnly && o.status() == Status.PASSED)) {
            if (o.status() == Status.FAILED && o.errors() > 0 && o.reason() != null) {
                out.println("[mismatch] " + o.reason());
            }
            out.println(index + ":" + o.status() + details(o) + " " + reproOf(job));
        }
        if (o.perf() != null) {
            String template = PerfTemplate.resolve(job.settings().perfTemplate(), o.perf().problem().driver());
            if (!template.equals(lastTemplate)) {
                out.println("Output template: " + template);
                lastTemplate = template;
            }
            out.println(PerfTemplate.format(template, o.perf()));
        }
        out.flush();
    }

    /** {@code  (ref; 12 ms)}, {@code  (ref; errors:3 total:100; 12 ms)}, {@code  (reason)}, or nothing. */
    private static String details(Outcome o) {
        return switch (o.status()) {
            case LISTED -> "";
            case PASSED, EXECUTED, INITIALIZED -> " (" + o.implName() + "; " + Math.round(o.ms()) + " ms)";
            case FAILED -> o.errors() > 0
                    ? " (" + o.implName() + "; errors:" + o.errors() + " total:" + o.total() + "; " + Math.round(o.ms()) + " ms)"
                    : " (" + (o.implName().isEmpty() ? "" : o.implName() + "; ") + o.reason() + ")";
            case MISTRUSTED -> " (" + o.implName() + "; " + o.reason() + "; " + Math.round(o.ms()) + " ms)";
            default -> " (" + o.reason() + ")";
        };
    }

    private static String reproOf(Job job) {
        return switch (job) {
            case Job.ProblemJob p -> "__REPRO: " + Repro.of(p.problem(), p.settings());
            case Job.JsonJob j -> "__REPRO: --json=" + j.testCase().file() + " (case \"" + j.testCase().name() + "\")";
        };
    }

    private void finish(Path report, double seconds, List<Job> jobs) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(summary.countsLine());
        List<PerfResult> perf = summary.perf();
        if (!perf.isEmpty()) {
            lines.add(summary.perfLine());
            lines.addAll(summary.weightedLines());
            int threads = threadCount(perf.get(0).settings().threads());
            double peak = FmaPeak.measure(threads);
            lines.add(summary.throughputLine(peak, threads));
            lines.add("total: " + Numbers.g(seconds) + "s");
            lines.forEach(out::println);
            if (report != null) {
                HtmlReport.write(report, perf, peak, threads, lines);
                out.println("report: " + report.toAbsolutePath());
            }
        } else {
            lines.add("total: " + Numbers.g(seconds) + "s");
            lines.forEach(out::println);
            if (report != null && !jobs.isEmpty()) {
                out.println("report: not written (no problem was measured; use --mode=P)");
            }
        }
        out.flush();
    }
}
