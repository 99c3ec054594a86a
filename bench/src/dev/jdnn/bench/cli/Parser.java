package dev.jdnn.bench.cli;

import dev.jdnn.bench.desc.BadInputException;
import dev.jdnn.bench.json.OpCase;
import dev.jdnn.bench.json.OpCaseLoader;
import dev.jdnn.bench.ops.Options;
import dev.jdnn.bench.ops.Problem;
import dev.jdnn.bench.ops.Problems;
import dev.jdnn.bench.run.Job;
import dev.jdnn.bench.run.ParsedRun;
import dev.jdnn.bench.run.Repro;
import dev.jdnn.bench.run.RunSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * benchdnn's command-line state machine. Tokens are read in order, batch files expanded in place:
 * a driver switch ({@code --conv}) selects the driver, an option changes the state, a descriptor
 * makes one problem per element of the cartesian product of the comma lists in force.
 *
 * <p>As in benchdnn, every driver keeps its own options, and they persist across batch files and
 * driver switches until that driver's {@code --reset}; common options ({@code --mode},
 * {@code --max-ms-per-prb}, {@code --perf-template}, jdnn's {@code --threads} and {@code --impl},
 * ...) are global and survive {@code --reset}.
 *
 * <p>Every user mistake throws {@link BadInputException} with a message that starts with the
 * file and line (or "command line") of the offending token.
 */
public final class Parser {
    private static final int MAX_BATCH_DEPTH = 32;

    private final CommonOptions common = new CommonOptions();
    private final Map<String, Map<String, String>> driverValues = new HashMap<>();
    private final List<Job> jobs = new ArrayList<>();
    private String driver;
    private Path report;
    private Pattern match;
    private int problemIndex;

    private Parser() {
    }

    /** Parses the command line (and the batch files it names). */
    public static ParsedRun parse(List<Token> tokens) {
        Parser p = new Parser();
        p.read(tokens, 0);
        return new ParsedRun(List.copyOf(p.jobs), p.report);
    }

    private void read(List<Token> tokens, int depth) {
        for (Token t : tokens) {
            try {
                readToken(t, depth);
            } catch (BadInputException e) {
                throw e.isLocated() ? e : e.at(t.where()); // the innermost place: the file and line of the token
            }
        }
    }

    private void readToken(Token t, int depth) {
        String text = t.text();
        if (text.startsWith("-v") && !text.startsWith("--")) {
            common.apply("verbose", text.length() > 2 ? text.substring(2) : "1");
            return;
        }
        if (!text.startsWith("--")) {
            descriptor(t);
            return;
        }
        int eq = text.indexOf('=');
        String name = eq < 0 ? text.substring(2) : text.substring(2, eq);
        String value = eq < 0 ? null : text.substring(eq + 1);
        if (Problems.DRIVERS.contains(name) && value == null) {
            driver = name;
        } else if (name.equals("batch")) {
            batch(t, value, depth);
        } else if (name.equals("reset")) {
            if (driver != null) {
                driverValues.remove(driver);
            }
        } else if (name.equals("report")) {
            report = Path.of(requireValue(name, value));
        } else if (name.equals("json")) {
            json(requireValue(name, value));
        } else if (name.equals("match")) {
            common.apply(name, value);
            match = common.match == null ? null : Pattern.compile(common.match);
        } else if (!common.apply(name, value)) {
            driverOption(name, value);
        }
    }

    private void driverOption(String name, String value) {
        if (driver == null) {
            throw new BadInputException("unknown option '--" + name + "'" + (isAnyDriversOption(name)
                    ? " (a driver option: select a driver such as --conv first)" : ""));
        }
        DriverOption option = DriverOptions.of(driver).get(name);
        if (option == null) {
            throw new BadInputException("unknown option '--" + name + "' for --" + driver);
        }
        String v = value == null ? "" : value;
        for (String element : v.split(",", -1)) {
            option.check().check(element);
        }
        driverValues.computeIfAbsent(driver, d -> new LinkedHashMap<>()).put(name, v);
    }

    private static boolean isAnyDriversOption(String name) {
        return Problems.DRIVERS.stream().anyMatch(d -> DriverOptions.of(d).containsKey(name));
    }

    private void batch(Token t, String value, int depth) {
        String name = requireValue("batch", value);
        if (depth >= MAX_BATCH_DEPTH) {
            throw new BadInputException("--batch=" + name + ": batch files nested deeper than " + MAX_BATCH_DEPTH + " (a cycle?)");
        }
        Path file = BatchFile.locate(name, t.file());
        if (file == null) {
            throw new BadInputException("batch file '" + name + "' not found"
                    + (t.file() == null ? "" : " (looked next to " + t.file() + " and in the working directory)"));
        }
        read(BatchFile.read(file), depth + 1);
    }

    private void json(String path) {
        try {
            for (OpCase c : OpCaseLoader.loadAll(Path.of(path))) {
                jobs.add(new Job.JsonJob(c, common.snapshot()));
            }
        } catch (IOException e) {
            throw new BadInputException("--json=" + path + ": " + e.getMessage());
        }
    }

    private void descriptor(Token t) {
        if (driver == null) {
            throw new BadInputException("problem '" + t.text() + "' comes before any driver (--conv, --matmul, ...)");
        }
        RunSettings settings = common.snapshot();
        for (Options options : OptionProduct.expand(driver, driverValues.getOrDefault(driver, Map.of()), base())) {
            Problem problem = Problems.of(driver, t.text(), options);
            if (match != null && !match.matcher(Repro.of(problem, settings)).find()) {
                continue;
            }
            if (problemIndex++ < common.start) {
                continue;
            }
            jobs.add(new Job.ProblemJob(problem, settings));
        }
    }

    private Options base() {
        return Options.DEFAULTS.withImpl(common.impl);
    }

    private static String requireValue(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new BadInputException("--" + name + " needs a value (--" + name + "=...)");
        }
        return value;
    }
}
