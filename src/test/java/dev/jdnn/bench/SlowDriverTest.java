package dev.jdnn.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The long end-to-end runs ({@code mvn -Pslow test}). */
@Tag("slow")
class SlowDriverTest {
    @TempDir
    Path dir;

    @Test
    void resnet50ConvolutionsPassCorrectnessModeAtMinibatchOne() {
        Path shapes = SharedBatchFilesTest.inputs().resolve("conv/shapes_resnet_50");
        Assumptions.assumeTrue(Files.isRegularFile(shapes), "no " + shapes);
        DriverEndToEndTest.Run r = DriverEndToEndTest.run("--conv", "--mode=C", "--mb=1", "--batch=" + shapes);
        assertThat(r.status()).as(r.out()).isZero();
        assertThat(r.out()).contains("tests:20 passed:20 skipped:0 mistrusted:0 unimplemented:0 invalid_arguments:0 failed:0");
    }

    @Test
    void theDefaultRunPrintsItsSummaryAndWritesItsReport() throws Exception {
        Path report = dir.resolve("jdnn-report.html");
        List<String> args = new ArrayList<>(Main.DEFAULT_OPTIONS);
        args.add("--report=" + report);
        args.add("--batch=" + Main.defaultSuite());
        DriverEndToEndTest.Run r = DriverEndToEndTest.run(args.toArray(new String[0]));
        assertThat(r.status()).as(r.out()).isZero();
        assertThat(r.out()).contains("tests:32 ").contains("total perf: min(ms):").contains("% of the measured FMA peak");
        assertThat(r.out().lines().filter(l -> l.startsWith("perf,cpu,"))).hasSize(30);
        assertThat(Files.readString(report)).contains("<svg").contains("resnet_50_v1_5:conv1");
    }
}
