package dev.jdnn.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Correctness mode of {@code --matmul} and {@code --ip} over oneDNN's shape files in
 * {@code ../shared/benchdnn-inputs/} (skipped where the folder is absent): every problem runs the
 * implementation dispatch picks (the SGEMM-based one) and is compared with the reference.
 *
 * <p>Reduced sizes where a shape is huge, so that the reference finishes: inner products at
 * minibatch 2 ({@code --mb=2}, as benchdnn's option does), matmul dims above 48 mapped to
 * 33..48 by a function of the value alone, so that a K shared by both operands and a batch dim
 * shared or broadcast stay consistent, and 1 stays 1.
 */
class MatMulAndIpShapeFilesTest {
    /** A plain matmul descriptor: dims of src and weights, an optional name. */
    private static final Pattern MATMUL = Pattern.compile("^([0-9x]+):([0-9x]+)(_?n\".*\")?$");

    @TempDir
    Path dir;

    @Test
    void everyInnerProductShapeFilePassesInEveryDirection() throws IOException {
        List<Path> files = shapeFiles("ip");
        List<String> args = new ArrayList<>(List.of("--ip", "--mode=C", "--mb=2", "--dir=FWD_B,BWD_D,BWD_WB"));
        files.forEach(f -> args.add("--batch=" + f));
        DriverEndToEndTest.Run r = DriverEndToEndTest.run(args.toArray(new String[0]));
        int expected = 0;
        for (Path f : files) {
            expected += 3 * SharedBatchFilesTest.problems("ip", f);
        }
        assertThat(expected).as("problems in %s", files).isGreaterThan(500);
        assertThat(r.status()).as(r.out()).isZero();
        assertThat(r.out()).as(r.out()).contains("tests:" + expected + " passed:" + expected + " skipped:0");
        assertThat(r.out()).contains("gemm:");
    }

    @Test
    void everyMatMulShapeFilePassesAtReducedSizes() throws IOException {
        Set<String> problems = new LinkedHashSet<>();
        Set<String> rank7 = new LinkedHashSet<>();
        for (Path f : shapeFiles("matmul")) {
            for (String line : Files.readAllLines(f)) {
                Matcher m = MATMUL.matcher(line.strip());
                if (m.matches()) {
                    String p = reduce(m.group(1)) + ":" + reduce(m.group(2));
                    // jdnn's tensors have ranks 1..6 (oneDNN's original limit); shapes_multidim has rank 7
                    (m.group(1).split("x").length > 6 ? rank7 : problems).add(p);
                }
            }
        }
        assertThat(problems).as("distinct reduced matmul problems").hasSizeGreaterThan(100);
        Path batch = dir.resolve("matmul_reduced");
        Files.write(batch, problems);
        DriverEndToEndTest.Run r = DriverEndToEndTest.run("--matmul", "--mode=C", "--batch=" + batch);
        assertThat(r.status()).as(r.out()).isZero();
        int n = problems.size();
        assertThat(r.out()).as(r.out()).contains("tests:" + n + " passed:" + n + " skipped:0");
        if (!rank7.isEmpty()) {
            Files.write(batch, rank7);
            r = DriverEndToEndTest.run("--matmul", "--mode=C", "--batch=" + batch);
            assertThat(r.out()).contains("invalid_arguments:" + rank7.size() + " ").contains("rank 7 is not in 1..6");
        }
    }

    /** Each dim d of {@code dims} ({@code AxBx..}): d when at most 48, else 33 + d % 16. */
    static String reduce(String dims) {
        StringBuilder out = new StringBuilder();
        for (String d : dims.split("x")) {
            long v = Long.parseLong(d);
            out.append(out.isEmpty() ? "" : "x").append(v <= 48 ? v : 33 + v % 16);
        }
        return out.toString();
    }

    /** The CPU shape files of a driver's folder, or a skipped test where the inputs are absent. */
    private static List<Path> shapeFiles(String driver) throws IOException {
        Path folder = SharedBatchFilesTest.inputs().resolve(driver);
        Assumptions.assumeTrue(Files.isDirectory(folder), "no " + folder);
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().startsWith("shapes_"))
                    .filter(p -> !p.getFileName().toString().contains("gpu")).sorted().toList();
        }
    }
}
