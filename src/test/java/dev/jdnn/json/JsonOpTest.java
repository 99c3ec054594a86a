package dev.jdnn.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdnn.bench.desc.BadInputException;
import dev.jdnn.bench.json.OpCase;
import dev.jdnn.bench.json.OpCaseLoader;
import dev.jdnn.bench.json.OpCaseRunner;
import dev.jdnn.engines.Engine;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Runs every case of the JSON op-test corpus in {@code src/test/resources/ops} (schema in its README). */
class JsonOpTest {
    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = Engine.cpu(2);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    static Path corpus() throws URISyntaxException {
        return Path.of(JsonOpTest.class.getResource("/ops").toURI());
    }

    @TestFactory
    Stream<DynamicTest> corpusCases() throws IOException, URISyntaxException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : OpCaseLoader.files(corpus())) {
            List<OpCase> cases;
            try {
                cases = OpCaseLoader.load(file);
            } catch (BadInputException e) {
                tests.add(DynamicTest.dynamicTest(file.getFileName() + " (malformed)", () -> {
                    throw e;
                }));
                continue;
            }
            for (OpCase c : cases) {
                String title = corpus().relativize(file) + ": " + c.name();
                tests.add(DynamicTest.dynamicTest(title, () -> {
                    OpCaseRunner.Result r = OpCaseRunner.run(c, engine);
                    assertThat(r.passed()).as("%s [%s]: %s", title, r.implName(), r.message()).isTrue();
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void corpusHasAtLeastSixtyCasesOverTheFiveOps() throws IOException, URISyntaxException {
        List<OpCase> all = OpCaseLoader.loadAll(corpus());
        assertThat(all.size()).as("JSON op-test cases").isGreaterThanOrEqualTo(60);
        assertThat(all.stream().map(OpCase::op).distinct()).contains("conv", "pool", "matmul", "eltwise", "reorder");
    }

    @Test
    void malformedFileNamesTheFileAndTheField() {
        assertThatThrownBy(() -> OpCaseLoader.parse("{\"op\": \"conv\", \"cases\": [{\"name\": \"x\", \"desc\": \"mb1ic1ih3oc1oh3kh1\","
                + " \"expectd\": {\"dst\": [1]}}]}", "broken.json"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("broken.json")
                .hasMessageContaining("cases[0].expectd");
        assertThatThrownBy(() -> OpCaseLoader.parse("{\"op\": \"conv\", \"cases\": [{\"name\": \"x\", \"desc\": \"mb1ic1ih3oc1oh3kh1\","
                + " \"inputs\": {\"src\": [1, \"two\"]}, \"expected\": {\"dst\": [1]}}]}", "typed.json"))
                .hasMessageContaining("typed.json")
                .hasMessageContaining("cases[0].inputs.src[1]");
        assertThatThrownBy(() -> OpCaseLoader.parse("{\"op\": \"conv\", \"cases\": [", "truncated.json"))
                .hasMessageContaining("truncated.json");
        assertThatThrownBy(() -> OpCaseLoader.parse("{\"op\": \"convolution3\", \"cases\": []}", "op.json"))
                .hasMessageContaining("op.json").hasMessageContaining("field 'op'");
    }

    @Test
    void aWrongExpectationFails() {
        OpCase c = OpCaseLoader.parse("{\"op\": \"eltwise\", \"cases\": [{\"name\": \"relu\", \"desc\": \"4\", \"alg\": \"relu\","
                + " \"inputs\": {\"src\": [-1, 0, 1, 2]}, \"expected\": {\"dst\": [0, 0, 1, 3]}}]}", "wrong.json").get(0);
        OpCaseRunner.Result r = OpCaseRunner.run(c, engine);
        assertThat(r.passed()).isFalse();
        assertThat(r.message()).contains("position 3").contains("got 2.0, expected 3.0");
    }
}
