package dev.jdnn.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdnn.bench.desc.BadInputException;
import dev.jdnn.bench.ops.ConvProblem;
import dev.jdnn.bench.ops.Problem;
import dev.jdnn.bench.run.Job;
import dev.jdnn.memory.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** benchdnn's command-line state machine: options, products, persistence, batch files, mistakes. */
class ParserTest {
    @TempDir
    Path dir;

    private static List<Job> parse(String... args) {
        return Parser.parse(BatchFile.fromArgs(args)).jobs();
    }

    private static List<Problem> problems(String... args) {
        return parse(args).stream().map(j -> ((Job.ProblemJob) j).problem()).toList();
    }

    @Test
    void commaListsRunTheirCartesianProductFirstOptionSlowest() {
        List<Problem> ps = problems("--conv", "--dir=FWD_B,FWD_I", "--attr-post-ops=,relu", "mb1ic1ih4oc1kh1");
        assertThat(ps).hasSize(4);
        assertThat(ps.stream().map(p -> p.options().dir() + "|" + p.options().postOps()))
                .containsExactly("FWD_B|", "FWD_B|relu", "FWD_I|", "FWD_I|relu");
    }

    @Test
    void optionsApplyToTheProblemsAfterThemAndMbOverridesDescriptors() {
        List<Problem> ps = problems("--conv", "mb4ic1ih4oc1kh1", "--mb=1", "mb4ic1ih4oc1kh1", "--dt=bf16", "ic1ih4oc1kh1");
        assertThat(((ConvProblem) ps.get(0)).desc().mb()).isEqualTo(4);
        assertThat(((ConvProblem) ps.get(1)).desc().mb()).isEqualTo(1);
        assertThat(ps.get(2).options().dt()).isEqualTo(DataType.BF16);
    }

    @Test
    void driverOptionsPersistPerDriverUntilReset() {
        List<Problem> ps = problems("--conv", "--dir=FWD_I", "--pool", "mb1ic1ih4oh2kh2sh2", "--conv", "mb1ic1ih4oc1kh1",
                "--reset", "mb1ic1ih4oc1kh1");
        assertThat(ps.get(0).options().dir()).isNull();
        assertThat(ps.get(1).options().dir()).isEqualTo("FWD_I");
        assertThat(ps.get(2).options().dir()).isNull();
    }

    @Test
    void commonOptionsSurviveReset() {
        List<Job> jobs = parse("--mode=P", "--conv", "--reset", "--threads=1", "mb1ic1ih4oc1kh1");
        assertThat(jobs.get(0).settings().mode().performance()).isTrue();
        assertThat(jobs.get(0).settings().threads()).isEqualTo(1);
    }

    @Test
    void batchFilesNestRelativeToTheIncludingFileAndKeepTheState() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Files.writeString(sub.resolve("shapes"), "# two problems\nmb1ic1ih4oc1kh1 mb1ic2ih4oc2kh1 # trailing comment\n");
        Files.writeString(sub.resolve("outer"), "--dir=FWD_I\n--batch=shapes\n");
        List<Problem> ps = problems("--conv", "--batch=" + sub.resolve("outer"), "mb1ic3ih4oc3kh1");
        assertThat(ps).hasSize(3);
        assertThat(ps).allSatisfy(p -> assertThat(p.options().dir()).isEqualTo("FWD_I"));
    }

    @Test
    void backslashJoinsTheNextWord() {
        List<Token> tokens = BatchFile.tokenize("--attr-post-ops=, \\\n    relu, \\\n    sum\nmb1ic1ih4oc1kh1\n", Path.of("f"));
        assertThat(tokens.stream().map(Token::text)).containsExactly("--attr-post-ops=,relu,sum", "mb1ic1ih4oc1kh1");
        assertThat(tokens.get(1).line()).isEqualTo(4);
    }

    @Test
    void gemmAndUnimplementedDriversParse() {
        assertThat(problems("--gemm", "1024x1024x1024", "64x32x16_tA")).hasSize(2);
        assertThat(problems("--ip", "mb2ic3oc4", "--bnorm", "mb2ic3ih4", "--softmax", "--axis=0,1", "8x16",
                "--binary", "2x3:2x1", "--sum", "4x4", "--concat", "2x3:2x5", "--lnorm", "8x16", "--deconv",
                "mb1ic2ih4oc2kh3")).hasSize(9);
    }

    @Test
    void userMistakesNameTheTokenTheFileAndTheLine() throws IOException {
        Path file = dir.resolve("broken");
        Files.writeString(file, "--dir=FWD_I\n\nmb1ic1ih4oc1kh1 --bogus=1\n");
        assertThatThrownBy(() -> parse("--conv", "--batch=" + file)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(file + ":3: unknown option '--bogus'");
        assertThatThrownBy(() -> parse("--conv", "--batch=missing_file")).hasMessageContaining("batch file 'missing_file' not found");
        assertThatThrownBy(() -> parse("--conv", "mb1ic1ihXoc1")).hasMessageStartingWith("command line: descriptor 'mb1ic1ihXoc1'");
        assertThatThrownBy(() -> parse("--conv", "--dir=SIDEWAYS")).hasMessageContaining("--dir=SIDEWAYS");
        assertThatThrownBy(() -> parse("--conv", "--attr-post-ops=frobnicate")).hasMessageContaining("unknown post-op 'frobnicate'");
        assertThatThrownBy(() -> parse("mb1ic1ih4oc1kh1")).hasMessageContaining("before any driver");
        assertThatThrownBy(() -> parse("--perf-template=%nope%")).hasMessageContaining("%nope%");
        assertThatThrownBy(() -> parse("--mode=Z")).hasMessageContaining("--mode=Z");
    }

    @Test
    void batchFileCyclesAreReportedNotFollowedForever() throws IOException {
        Path loop = dir.resolve("loop");
        Files.writeString(loop, "--batch=loop\n");
        assertThatThrownBy(() -> parse("--conv", "--batch=" + loop)).hasMessageContaining("nested deeper");
    }

    @Test
    void matchKeepsOnlyMatchingProblems() {
        assertThat(problems("--conv", "--match=.*ic2.*", "mb1ic1ih4oc1kh1", "mb1ic2ih4oc2kh1")).hasSize(1);
    }
}
