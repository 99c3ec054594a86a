package dev.jdnn.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver as a user runs it: small batch files in each mode, its output and its exit status. */
class DriverEndToEndTest {
    @TempDir
    Path dir;

    /** Output, error stream and exit status of one run. */
    record Run(int status, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path batch(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void correctnessModePassesEveryImplementedDriverAndPrintsBenchdnnLines() throws IOException {
        Path f = batch("small", """
                --conv --dir=FWD_B,FWD_I mb1ic3ih8oc4kh3ph1n"small:conv" g2mb2ic4ih6oc4kh3sh2
                --attr-post-ops=relu+sum:2 mb1ic2ih5oc3kh1
                --pool --alg=max,avg_np,avg_p mb2ic3ih6oh3kh3sh2ph1
                --matmul 3x5:5x7 2x4x6:1x6x3
                --eltwise --alg=relu,tanh,gelu_erf --alpha=0.5 4x5x6
                --reorder --stag=abcd --dtag=acdb 2x3x4x5
                --gemm --impl=ref 16x8x4_tB
                """);
        Run r = run("--threads=2", "--batch=" + f);
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        assertThat(r.lines()).filteredOn(l -> l.contains("__REPRO:")).hasSize(16)
                .allMatch(l -> l.matches("\\d+:PASSED \\((ref|gemm:[\\w]+); \\d+ ms\\) __REPRO: --threads=2 --\\w+ .*"));
        assertThat(r.out()).contains("0:PASSED (ref; ").contains("__REPRO: --threads=2 --conv --dir=FWD_B mb1ic3ih8iw8oc4")
                .contains("n\"small:conv\"");
        assertThat(r.lines()).contains("tests:16 passed:16 skipped:0 mistrusted:0 unimplemented:0 invalid_arguments:0 failed:0 listed:0");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void unimplementedDriversReportUnimplementedAndFailTheRunUnlessAllowed() throws IOException {
        Path f = batch("later", "--lnorm 8x16\n--softmax 8x16\n--binary 8x16:8x16\n--deconv mb1ic2ih4oc2kh3\n");
        Run r = run("--batch=" + f);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("0:UNIMPLEMENTED (jdnn has no layer_normalization primitive yet) __REPRO: --lnorm 8x16")
                .contains("2:UNIMPLEMENTED (jdnn has no binary primitive yet)")
                .contains("tests:4 passed:0 skipped:0 mistrusted:0 unimplemented:4 invalid_arguments:0 failed:4");
        assertThat(run("--allow-unimpl=true", "--batch=" + f).status()).isZero();
    }

    @Test
    void gemmRunsTheSgemmAgainstTheReferenceForEveryTranspose() throws IOException {
        Path f = batch("gemm", "--gemm 1x1x1 37x65x129 37x65x129_tA 100x33x70_tB 64x48x40_tA_tB 300x200x1000n\"big\"\n");
        Run r = run("--mode=C", "--batch=" + f);
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("tests:6 passed:6").contains("(sgemm:");
    }

    @Test
    void innerProductRunsEveryDirectionInCorrectnessMode() throws IOException {
        Path f = batch("ip", "--ip --dir=FWD_B,FWD_D,FWD_I,BWD_D,BWD_W,BWD_WB mb3ic5ih3oc7 mb2ic16oc8\n"
                + "--reset --ip --dir=FWD_B --attr-post-ops=relu+sum:2 mb4ic8iw5oc6\n");
        Run r = run("--mode=C", "--batch=" + f);
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("tests:13 passed:13");
    }

    @Test
    void listingModeParsesOnly() {
        Run r = run("--mode=L", "--conv", "mb1ic3ih224oc64oh112kh7sh2ph3", "--matmul", "12x128x64:12x64x128");
        assertThat(r.status()).isZero();
        assertThat(r.lines()).contains("0:LISTED __REPRO: --mode=L --conv mb1ic3ih224iw224oc64oh112ow112kh7kw7sh2sw2ph3pw3dh0dw0",
                "1:LISTED __REPRO: --mode=L --matmul 12x128x64:12x64x128:12x128x128");
        assertThat(r.out()).contains("listed:2");
    }

    @Test
    void performanceModePrintsOnePerfLinePerProblemWithTheImplementation() throws IOException {
        Path report = dir.resolve("r.html");
        Run r = run("--mode=P", "--max-ms-per-prb=10", "--min-times-per-prb=2", "--report=" + report,
                "--conv", "mb1ic8ih8oc8kh3ph1n\"c\"", "--perf-template=csv", "--matmul", "8x8:8x8", "--pool", "mb1ic4ih8kh2sh2");
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        assertThat(r.lines()).doesNotContain("0:PASSED");
        List<String> perf = r.lines().stream().filter(l -> l.startsWith("perf,")).toList();
        assertThat(perf).hasSize(3).allMatch(l -> l.matches("perf,cpu,(ref|gemm:\\w+),.*"));
        assertThat(perf.get(0)).startsWith("perf,cpu,ref,\"c\",--mode=P --conv mb1ic8ih8iw8oc8");
        // csv: perf,engine,impl,name,cfg,stag,wtag,dtag,attr,DESC(M x K : K x N : M x N),Gops,ctime,time,Gflops,avg time,avg Gflops
        assertThat(perf.get(1).split(",")).hasSize(16);
        assertThat(perf.get(1)).startsWith("perf,cpu,gemm:").contains(",,f32,any,any,any,,8x8:8x8:8x8,1.024e-06,");
        assertThat(r.out()).contains("Output template: perf,%engine%,%impl%,%name%,%prb%,%Gops%,%+ctime%,%-time%,%-Gflops%,%0time%,%0Gflops%")
                .contains("total perf: min(ms):").contains("% of the measured FMA peak").contains("report: ");
        String html = Files.readString(report);
        assertThat(html).contains("<svg").contains("FMA peak").contains("mb1ic8ih8iw8oc8").doesNotContain("<script");
    }

    @Test
    void customPerfTemplateFields() {
        Run r = run("--mode=P", "--fix-times-per-prb=3", "--perf-template=%driver%|%impl%|%dir%|%desc%|%Gops%|%ops%",
                "--conv", "mb1ic2ih4oc2kh1");
        assertThat(r.lines()).contains("conv|ref|FWD_B|mb1ic2ih4iw4oc2oh4ow4kh1kw1sh1sw1ph0pw0dh0dw0|1.28e-07|128");
    }

    @Test
    void jsonCasesRunFromAnyFolder() throws IOException {
        Path cases = Files.createDirectories(dir.resolve("cases"));
        Files.writeString(cases.resolve("relu.json"), """
                {"op": "eltwise", "cases": [
                  {"name": "relu", "desc": "4", "alg": "relu", "inputs": {"src": [-1, 0, 1, 2]}, "expected": {"dst": [0, 0, 1, 2]}},
                  {"name": "wrong on purpose", "desc": "2", "alg": "relu", "inputs": {"src": [1, 2]}, "expected": {"dst": [1, 3]}}
                ]}""");
        Run r = run("--json=" + cases);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("0:PASSED (ref; ").contains("(case \"relu\")").contains("1:FAILED")
                .contains("tests:2 passed:1");
    }

    @Test
    void userMistakesPrintOneLineAndExitWithStatusTwo() throws IOException {
        for (String[] args : List.of(new String[] {"--conv", "--foo=1"}, new String[] {"--conv", "mb1icXih4"},
                new String[] {"--conv", "--batch=" + dir.resolve("nope")}, new String[] {"--json=" + dir.resolve("none")})) {
            Run r = run(args);
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.err().lines()).hasSize(1).allMatch(l -> l.startsWith("jdnn-bench: error: "));
            assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
        Path f = batch("typo", "--conv\n--dir=FWD_I\n--mbb=1\n");
        assertThat(run("--batch=" + f).err()).isEqualTo("jdnn-bench: error: " + f + ":3: unknown option '--mbb' for --conv\n");
    }

    @Test
    void theDefaultRunIsTheEmbeddedSuiteInPerformanceMode() {
        var jobs = dev.jdnn.bench.cli.Parser.parse(Main.defaultRun()).jobs();
        // 23 distinct ResNet-50 v1.5 convolutions, 5 BERT-base matmuls, 2 SGEMMs, 2 poolings
        assertThat(jobs).hasSize(32);
        assertThat(jobs).allSatisfy(j -> assertThat(j.settings().mode().performance()).isTrue());
        assertThat(jobs.stream().map(j -> ((dev.jdnn.bench.run.Job.ProblemJob) j).problem().driver()).distinct())
                .containsExactly("conv", "matmul", "gemm", "pool");
        assertThat(dev.jdnn.bench.cli.Parser.parse(Main.defaultRun()).report()).isEqualTo(Path.of("jdnn-report.html"));
    }

    @Test
    void resnet50V15FlopsMatchTheNetwork() {
        var jobs = dev.jdnn.bench.cli.Parser.parse(dev.jdnn.bench.cli.BatchFile.fromArgs(new String[] {"--conv",
                "--batch=" + Path.of("bench/resources/batches/resnet50_v1_5_mb1.conv").toAbsolutePath()})).jobs();
        double flops = 0;
        int convolutions = 0;
        for (var j : jobs) {
            var p = ((dev.jdnn.bench.run.Job.ProblemJob) j).problem();
            int n = dev.jdnn.bench.desc.DescriptorLexer.repeatCount(p.name());
            flops += n * p.flops();
            convolutions += n;
        }
        assertThat(jobs).hasSize(23);
        assertThat(convolutions).isEqualTo(53);
        // ResNet-50 v1.5 at 224x224 has 4.09 GMAC in its convolutions counting every tap (8.17 GFLOP);
        // benchdnn does not count the taps on padding, which removes about 3.5% (most in the 7x7 layers)
        assertThat(flops / 1e9).isBetween(7.85, 7.95);
    }
}
