package dev.jdnn.bench;

import dev.jdnn.bench.cli.BatchFile;
import dev.jdnn.bench.cli.Parser;
import dev.jdnn.bench.cli.Token;
import dev.jdnn.bench.desc.BadInputException;
import dev.jdnn.bench.report.ProgressBar;
import dev.jdnn.bench.run.ParsedRun;
import dev.jdnn.bench.run.Session;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code jdnn-bench}: jdnn's benchdnn-compatible driver (see {@code bench/README.md}).
 *
 * <p>With no arguments it runs the default suite, {@code bench/resources/batches/default_suite},
 * with {@link #DEFAULT_OPTIONS} (performance mode, capped time per problem) and writes
 * {@code jdnn-report.html}. User mistakes (an unknown option, a
 * malformed descriptor, a missing batch file) print one line on stderr and exit with status 2;
 * a run in which a problem failed exits with status 1.
 */
public final class Main {
    /** The default suite, on the class path (bench/resources is a test resource root). */
    static final String DEFAULT_SUITE = "/batches/default_suite";
    /**
     * The options of the default run: performance mode, each problem warmed up once and timed at
     * least once, for at most 200 ms; the not-yet-wired SGEMM does not fail the run.
     */
    static final List<String> DEFAULT_OPTIONS = List.of("--mode=P", "--max-ms-per-prb=200", "--min-times-per-prb=1",
            "--allow-unimpl=true", "--report=jdnn-report.html");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the driver; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            ParsedRun run = Parser.parse(args.length == 0 ? defaultRun() : BatchFile.fromArgs(args));
            return new Session(out, new ProgressBar(err, ProgressBar.stderrIsTerminal())).run(run);
        } catch (BadInputException e) {
            err.println("jdnn-bench: error: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("jdnn-bench: error: " + e.getMessage());
            return 2;
        }
    }

    /** The tokens of the default run: its options and the embedded suite as a batch file. */
    static List<Token> defaultRun() {
        List<String> args = new java.util.ArrayList<>(DEFAULT_OPTIONS);
        args.add("--batch=" + defaultSuite());
        return BatchFile.fromArgs(args.toArray(new String[0]));
    }

    /** The default suite's file. */
    static Path defaultSuite() {
        URL url = Main.class.getResource(DEFAULT_SUITE);
        if (url == null || !url.getProtocol().equals("file")) {
            throw new BadInputException("the default suite " + DEFAULT_SUITE + " is not on the class path as a file"
                    + " (run bench/jdnn-bench, which builds it into target/test-classes)");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new BadInputException("the default suite's location " + url + " is not a path");
        }
    }
}
