package dev.jdnn.bench;

import dev.jdnn.bench.cli.BatchFile;
import dev.jdnn.bench.cli.ParsedRun;
import dev.jdnn.bench.cli.Parser;
import dev.jdnn.bench.cli.Token;
import dev.jdnn.bench.desc.BadInputException;
import dev.jdnn.bench.report.ProgressBar;
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
 * in performance mode and writes {@code jdnn-report.html}. User mistakes (an unknown option, a
 * malformed descriptor, a missing batch file) print one line on stderr and exit with status 2;
 * a run in which a problem failed exits with status 1.
 */
public final class Main {
    /** The default suite, on the class path (bench/resources is a test resource root). */
    static final String DEFAULT_SUITE = "/batches/default_suite";
    static final String DEFAULT_REPORT = "jdnn-report.html";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the driver; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            ParsedRun run = Parser.parse(args.length == 0 ? defaultSuite() : BatchFile.fromArgs(args));
            if (args.length == 0 && run.report() == null) {
                run = new ParsedRun(run.jobs(), Path.of(DEFAULT_REPORT));
            }
            return new Session(out, new ProgressBar(err, ProgressBar.stderrIsTerminal())).run(run);
        } catch (BadInputException e) {
            err.println("jdnn-bench: error: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("jdnn-bench: error: " + e.getMessage());
            return 2;
        }
    }

    /** The tokens of the default run: the embedded suite as a batch file. */
    static List<Token> defaultSuite() {
        URL url = Main.class.getResource(DEFAULT_SUITE);
        if (url == null || !url.getProtocol().equals("file")) {
            throw new BadInputException("the default suite " + DEFAULT_SUITE + " is not on the class path as a file"
                    + " (run bench/jdnn-bench, which builds it into target/test-classes)");
        }
        try {
            return List.of(new Token("--batch=" + Path.of(url.toURI()), null, 0));
        } catch (URISyntaxException e) {
            throw new BadInputException("the default suite's location " + url + " is not a path");
        }
    }
}
