package dev.jdnn.bench.report;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A one-line progress bar on stderr ({@code [#####.....] 12/53  0:12 elapsed  ETA 0:40}), drawn
 * only when stderr is a terminal, so that redirected output stays exactly the result lines.
 * Result lines are printed between {@link #clear} and the next {@link #show}.
 */
public final class ProgressBar {
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final boolean enabled;
    private long startNanos;
    private boolean drawn;

    public ProgressBar(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /**
     * Whether stderr is a terminal: the launcher tells ({@code -Djdnn.bench.tty=1}, from
     * {@code [ -t 2 ]}); without it, Linux's {@code /proc/self/fd/2} link is asked.
     */
    public static boolean stderrIsTerminal() {
        String told = System.getProperty("jdnn.bench.tty");
        if (told != null) {
            return told.equals("1") || told.equalsIgnoreCase("true");
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return false;
        }
    }

    public void start() {
        startNanos = System.nanoTime();
    }

    /** Draws "problem {@code done} of {@code total}" with the elapsed time and an estimate of the rest. */
    public void show(int done, int total) {
        if (!enabled || total <= 1) {
            return;
        }
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        int filled = (int) ((long) WIDTH * done / total);
        String eta = done == 0 ? "?" : clock(elapsed / done * (total - done));
        err.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total + "  "
                + clock(elapsed) + " elapsed  ETA " + eta + "\u001b[K");
        err.flush();
        drawn = true;
    }

    /** Erases the bar so that a result line can be printed. */
    public void clear() {
        if (drawn) {
            err.print("\r\u001b[K");
            err.flush();
            drawn = false;
        }
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
    }
}
