package dev.jdnn.bench.cli;

import dev.jdnn.bench.desc.BadInputException;
import dev.jdnn.bench.report.PerfTemplate;
import dev.jdnn.bench.run.Mode;
import dev.jdnn.bench.run.RunSettings;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The common options as the parser reads them (benchdnn's global state: {@code --reset} leaves
 * them alone), snapshotted into a {@link RunSettings} for every problem.
 */
final class CommonOptions {
    /** benchdnn options that change nothing on jdnn's CPU engine; accepted so batch files run unchanged. */
    static final Set<String> NO_EFFECT = Set.of("mem-check", "memory-kind", "stream-kind", "num-streams", "cpu-isa-hints",
            "allow-enum-tags-only", "fast-ref", "mode-modifier", "cold-cache", "execution-mode", "summary",
            "attr-same-pd-check", "canonical", "ctx-init", "ctx-exe");

    Mode mode = Mode.CORRECTNESS;
    double maxMsPerPrb = RunSettings.DEFAULTS.maxMsPerPrb();
    int fixTimesPerPrb;
    int minTimesPerPrb = RunSettings.DEFAULTS.minTimesPerPrb();
    String perfTemplate = "def";
    int threads;
    String engine = "cpu";
    List<String> skipImpl = List.of();
    boolean allowUnimpl;
    boolean checkRefImpl;
    int repeatsPerPrb = 1;
    int verbose;
    String impl;
    String match;
    int start;

    /** Applies {@code --name=value} if it is a common option; false if it is not one. */
    boolean apply(String name, String value) {
        switch (name) {
            case "mode" -> {
                mode = Mode.parse(required(name, value));
                if (mode.fast()) {
                    maxMsPerPrb = 10;
                }
            }
            case "max-ms-per-prb" -> maxMsPerPrb = Math.min(60000, Math.max(10, number(name, value)));
            case "fix-times-per-prb" -> fixTimesPerPrb = count(name, value);
            case "min-times-per-prb" -> minTimesPerPrb = Math.max(1, count(name, value));
            case "perf-template" -> perfTemplate = PerfTemplate.check(required(name, value));
            case "threads" -> {
                threads = count(name, value);
                if (threads < 1 || threads > 4096) {
                    throw new BadInputException("--threads=" + value + ": expected 1..4096");
                }
            }
            case "engine" -> engine = required(name, value).toLowerCase(Locale.ROOT).replaceAll(":\\d+$", "");
            case "impl" -> impl = value == null || value.isEmpty() ? null : value;
            case "skip-impl" -> skipImpl = value == null || value.isEmpty() ? List.of() : List.of(value.split(","));
            case "match" -> match = value == null || value.isEmpty() ? null : value;
            case "start" -> start = count(name, value);
            case "allow-unimpl" -> allowUnimpl = bool(name, value);
            case "check-ref-impl" -> checkRefImpl = !"false".equalsIgnoreCase(value) && !"0".equals(value) && !"gpu".equalsIgnoreCase(value);
            case "repeats-per-prb" -> repeatsPerPrb = Math.max(1, count(name, value));
            case "verbose" -> verbose = count(name, value);
            default -> {
                return NO_EFFECT.contains(name);
            }
        }
        return true;
    }

    RunSettings snapshot() {
        return new RunSettings(mode, maxMsPerPrb, fixTimesPerPrb, minTimesPerPrb, perfTemplate, threads, engine, skipImpl,
                allowUnimpl, checkRefImpl, repeatsPerPrb, verbose);
    }

    private static String required(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new BadInputException("--" + name + " needs a value (--" + name + "=...)");
        }
        return value;
    }

    private static int count(String name, String value) {
        String v = required(name, value);
        if (!v.matches("\\d{1,9}")) {
            throw new BadInputException("--" + name + "=" + v + ": not a non-negative integer");
        }
        return Integer.parseInt(v);
    }

    private static double number(String name, String value) {
        try {
            return Double.parseDouble(required(name, value));
        } catch (NumberFormatException e) {
            throw new BadInputException("--" + name + "=" + value + ": not a number");
        }
    }

    private static boolean bool(String name, String value) {
        if (value == null || value.isEmpty() || value.equalsIgnoreCase("true") || value.equals("1")) {
            return true;
        }
        if (value.equalsIgnoreCase("false") || value.equals("0")) {
            return false;
        }
        throw new BadInputException("--" + name + "=" + value + ": expected true or false");
    }
}
