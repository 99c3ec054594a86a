package dev.jdnn.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdnn.bench.cli.Parser;
import dev.jdnn.bench.cli.Token;
import dev.jdnn.bench.desc.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every batch and shape file of oneDNN's benchdnn inputs ({@code ../shared/benchdnn-inputs}, next
 * to the repository; skipped when absent) for the drivers jdnn-bench speaks parses, as
 * {@code jdnn-bench --DRIVER --batch=FILE} would read it, into a counted list of problems.
 */
class SharedBatchFilesTest {
    static final List<String> DRIVERS = List.of("conv", "deconv", "matmul", "ip", "pool", "eltwise", "softmax", "bnorm",
            "lnorm", "binary", "reorder", "sum", "concat");

    /** Files that include batch files the shared copy left out (GPU framework option sets, one huge harness). */
    private static final Pattern LEFT_OUT = Pattern.compile("option_set_fwks_\\w+_gpu\\w*|harness_matmul_generated_ci");

    static Path inputs() {
        return Path.of("").toAbsolutePath().resolve("../shared/benchdnn-inputs").normalize();
    }

    static int problems(String driver, Path file) {
        return Parser.parse(List.of(new Token("--" + driver, null, 1), new Token("--batch=" + file, null, 2))).jobs().size();
    }

    private static List<Path> files(String driver) throws IOException {
        try (Stream<Path> s = Files.list(inputs().resolve(driver))) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyFileParses() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(inputs()), "no " + inputs());
        List<DynamicTest> tests = new ArrayList<>();
        Map<String, Integer> totals = new TreeMap<>();
        StringBuilder counts = new StringBuilder();
        for (String driver : DRIVERS) {
            for (Path file : files(driver)) {
                String title = driver + "/" + file.getFileName();
                if (includesLeftOutFile(file)) {
                    tests.add(DynamicTest.dynamicTest(title + " names a batch file the copy left out", () ->
                            assertThatThrownBy(() -> problems(driver, file)).isInstanceOf(BadInputException.class)
                                    .hasMessageMatching("(?s).*:\\d+: batch file '(" + LEFT_OUT + ")' not found.*")));
                    continue;
                }
                int n = problems(driver, file);
                totals.merge(driver, n, Integer::sum);
                counts.append(title).append('\t').append(n).append('\n');
                tests.add(DynamicTest.dynamicTest(title + ": " + n + " problems", () -> checkCount(file, n)));
            }
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/benchdnn-inputs-problem-counts.tsv"), counts + "# per driver: " + totals + "\n");
        return tests.stream();
    }

    /**
     * A file of descriptors only (no option, no include) yields exactly one problem per
     * descriptor word: an independent count of the same file.
     */
    private static void checkCount(Path file, int n) throws IOException {
        List<String> words = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            for (String w : line.trim().split("\\s+")) {
                if (w.startsWith("#")) {
                    break;
                }
                if (!w.isEmpty()) {
                    words.add(w);
                }
            }
        }
        boolean descriptorsOnly = words.stream().noneMatch(w -> w.startsWith("-") || w.contains("\\"));
        if (descriptorsOnly) {
            assertThat(n).as("problems of %s", file).isEqualTo(words.size());
        } else {
            assertThat(n).as("problems of %s", file).isGreaterThanOrEqualTo(0);
        }
    }

    /** Whether {@code file}, or a file it includes, includes one of the left-out files. */
    private static boolean includesLeftOutFile(Path file) throws IOException {
        return reachesLeftOut(file, 0);
    }

    private static boolean reachesLeftOut(Path file, int depth) throws IOException {
        var m = Pattern.compile("--batch=(\\S+)").matcher(Files.readString(file).replaceAll("#[^\\n]*", ""));
        while (m.find() && depth < 16) {
            String name = m.group(1);
            Path included = file.resolveSibling(name);
            if (LEFT_OUT.matcher(name).matches() && !Files.exists(included)
                    || Files.isRegularFile(included) && reachesLeftOut(included, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void knownFilesYieldTheirHandCountedProblems() {
        Assumptions.assumeTrue(Files.isDirectory(inputs()), "no " + inputs());
        // 20 distinct layers, one descriptor each
        assertThat(problems("conv", inputs().resolve("conv/shapes_resnet_50"))).isEqualTo(20);
        // max_pool1 and ave_pool5 (the others are commented out)
        assertThat(problems("pool", inputs().resolve("pool/shapes_resnet_50"))).isEqualTo(2);
        // 4 matmuls, the 2 of the mb128/hidden-1024 block are commented out
        assertThat(problems("matmul", inputs().resolve("matmul/shapes_bert"))).isEqualTo(4);
    }
}
