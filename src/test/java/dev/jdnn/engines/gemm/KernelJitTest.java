package dev.jdnn.engines.gemm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * C1 must fail to compile every vector micro-kernel, at tier 2 too. C1 cannot intrinsify the Vector
 * API; a kernel it compiled at tier 2 (HotSpot picks tier 2 while C2's queue is busy) ran ~100x
 * slower and was never promoted to C2 once its tier-3 compile failed. Each kernel carries a
 * never-executed block too big for C1's registers, so that C1 gives up and the kernel goes from the
 * interpreter to C2. A JVM capped at tier 2 shows it: each kernel's compile is "COMPILE SKIPPED".
 */
class KernelJitTest {
    private static final Pattern C2_TASK = Pattern.compile("\\s4\\s+dev\\.jdnn\\.engines\\.gemm\\.VectorMicroKernel::");
    private static final Pattern COPY_PANEL = Pattern.compile("VectorMicroKernel::copyPanel \\((\\d+) bytes\\)");
    private static final Pattern KERNEL = Pattern.compile("VectorMicroKernel::([pk]\\d+(?:s|sbp?|a|n|nbp?|wb)|rank\\dx\\dc?a?) ");

    @ParameterizedTest
    @ValueSource(ints = {12, 6})
    void c1GivesUpOnEveryKernel(int rows) throws Exception {
        // -Xbatch: each compile runs before the call that asked for it returns, so every kernel is tried
        // before the child exits (in the background, C1's slow give-ups on the ballast left some kernels
        // still queued at exit on a busy machine, and the test failed for kernels never tried)
        List<String> options = new ArrayList<>(List.of("-Xbatch", "-XX:TieredStopAtLevel=2", "-XX:+PrintCompilation",
                "-Djdnn.gemm.mr=" + rows));
        if (rows == 6) {
            options.add("-Djdnn.isa=256");
        }
        String out = runChild(options, KernelJitMain.class);
        if (!out.contains("kernel vector")) {
            return; // no Vector API on this machine: nothing to check
        }
        List<String> attempted = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String line : records(out)) {
            Matcher m = KERNEL.matcher(line);
            if (m.find()) {
                (line.contains("COMPILE SKIPPED") ? skipped : attempted).add(m.group(1));
            }
        }
        assertThat(attempted).as("kernels C1 tried to compile").containsExactlyInAnyOrderElementsOf(kernels(rows));
        assertThat(skipped).as("kernels C1 gave up on").containsExactlyInAnyOrderElementsOf(attempted);
    }

    /**
     * {@code Sgemm.warmUp} leaves every kernel compiled by C2, on every path a workload takes: a kernel
     * it does not reach, or reaches on one path only, would run interpreted on the first calls of a
     * workload that needs it (and be timed so by the benchmarks).
     */
    @Test
    void warmUpCompilesEveryKernel() throws Exception {
        String out = runChild(List.of("-XX:+PrintCompilation"), KernelWarmUpMain.class);
        if (!out.contains("kernel vector")) {
            return; // no Vector API on this machine: nothing to check
        }
        assertThat(out).contains("warmUp true");
        Set<String> compiled = new TreeSet<>();
        for (String line : records(out)) {
            Matcher m = KERNEL.matcher(line);
            // PrintCompilation: timestamp, id, flags, tier, method; a tier-4 task not later skipped (the
            // tier read just before the method: another thread's output sometimes cuts into the start)
            if (m.find() && C2_TASK.matcher(line).find() && !line.contains("COMPILE SKIPPED")
                    && !line.contains("made not entrant")) {
                compiled.add(m.group(1));
            }
        }
        List<String> missing = kernels(12).stream().filter(k -> !compiled.contains(k)).toList();
        assertThat(missing).as("kernels not C2-compiled during warmUp; their lines:\n%s", String.join("\n",
                out.lines().filter(l -> missing.stream().anyMatch(k -> l.contains("::" + k + " "))).toList())).isEmpty();
        // the B panel copy too, both overloads (array and segment: their sizes differ), by C2, not OSR
        String during = out.substring(0, out.indexOf("warmUp true"));
        Set<String> copies = new TreeSet<>();
        for (String line : records(during)) {
            Matcher m = COPY_PANEL.matcher(line);
            if (m.find() && C2_TASK.matcher(line).find() && !line.contains("%") && !line.contains("COMPILE SKIPPED")) {
                copies.add(m.group(1));
            }
        }
        assertThat(copies).as("copyPanel overloads (by bytecode size) C2-compiled during warmUp").hasSize(2);
        // and the GEMMs run after it (other memory, beta, tails, transposes) make no kernel trap: one
        // that did would run interpreted again, 100x slower, until C2 had compiled it anew
        String after = out.substring(out.indexOf("warmUp true"), out.indexOf("workload done"));
        List<String> trapped = records(after).stream()
                .filter(l -> KERNEL.matcher(l).find() && l.contains("made not entrant")).toList();
        assertThat(trapped).as("kernels deoptimized by the GEMMs after warmUp").isEmpty();
    }

    @Test
    void recordsOfCompilerThreadsRunTogether() {
        String out = "1935 1275       3       dev.jdnn.engines.gemm.VectorMicroKernel::p12n (4740 bytes)   COMPILE SKIPPED: "
                + "Method and/or inlining is too large (retry at different tier)1935 1283       4       "
                + "dev.jdnn.engines.gemm.VectorMicroKernel::p1s (4181 bytes)\n"
                + "1743 1225       2       dev.jdnn.engines.gemm.VectorMicroKernel::p1s (4181 bytes)";
        List<String> records = records(out);
        assertThat(records).hasSize(3);
        assertThat(records.get(1)).startsWith("1935 1283").doesNotContain("SKIPPED");
        assertThat(C2_TASK.matcher(records.get(1)).find()).isTrue();
    }

    /**
     * The PrintCompilation records of {@code out}, one per element: its lines, each split where a
     * record starts right after another's closing parenthesis (two compiler threads' output run
     * together, e.g. {@code "... COMPILE SKIPPED: ... (retry at different tier)1935 1283   4   ...::p1s"}).
     */
    static List<String> records(String out) {
        return out.lines().flatMap(l -> java.util.Arrays.stream(RECORD_START.split(l))).toList();
    }

    private static final Pattern RECORD_START = Pattern.compile("(?<=\\))(?=\\d+\\s+\\d+\\s)");

    /** The kernels a JVM with {@code rows}-row tiles has: full, narrow, 8-row, wide and short, each A, B and C form; rank. */
    private static List<String> kernels(int rows) {
        List<String> kernels = new ArrayList<>(List.of("p" + rows + "s", "k" + rows + "s", "p" + rows + "sb",
                "k" + rows + "sb", "p" + rows + "a", "k" + rows + "a", "p" + rows + "n", "k" + rows + "n",
                "p" + rows + "nb", "k" + rows + "nb", "p" + rows + "sbp", "p" + rows + "nbp"));
        if (rows == 12) { // row tails of 5-8 rows
            kernels.addAll(List.of("p8s", "k8s", "p8sb", "k8sb", "p8a", "k8a", "p8n", "k8n", "p8nb", "k8nb", "p8sbp",
                    "p8nbp"));
            kernels.add("k6wb"); // the wide tile, 6 rows x 3 vectors
        }
        // (a constant: the child JVM's short kernels, whichever kernels this JVM runs)
        for (int h = 1; h <= VectorMicroKernel.SHORT_ROWS; h++) {
            kernels.addAll(List.of("p" + h + "s", "k" + h + "s", "p" + h + "sb", "k" + h + "sb", "p" + h + "sbp"));
        }
        // K <= 4 (SmallK): two and four K steps, beta or none, row tails
        kernels.addAll(List.of("rank2x4", "rank2x4c", "rank4x2", "rank4x2c", "rank4x1", "rank4x1c", "rank2x4a",
                "rank2x4ca", "rank4x2a", "rank4x2ca", "rank4x1a", "rank4x1ca"));
        return kernels;
    }

    /** Runs {@code main} in a child JVM with the Vector API and {@code options}; returns its output. */
    private static String runChild(List<String> options, Class<?> main) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classes = System.getProperty("jdnn.test.classes");
        Path tests = Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector"));
        cmd.addAll(options);
        cmd.addAll(List.of("-cp", classes + File.pathSeparator + tests, main.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
