package dev.jdnn.primitives;

import static dev.jdnn.primitives.Fixtures.DST;
import static dev.jdnn.primitives.Fixtures.SRC;
import static dev.jdnn.primitives.Fixtures.WEI;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jdnn.engines.Engine;
import dev.jdnn.engines.Stream;
import dev.jdnn.memory.Memory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

@ResourceLock("jdnn-global-state")
class VerboseTest {
    @Test
    void levelOnePrintsCreationAndExecutionInOneDnnStyle() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Verbose.setOutput(new PrintStream(out, true, StandardCharsets.UTF_8));
        Verbose.setLevel(1);
        PrimitiveCache.clear();
        try (Engine e = Engine.cpu(1); Stream s = e.newStream();
                Memory src = Fixtures.filled(SRC, 0); Memory wei = Fixtures.filled(WEI, 1); Memory dst = Memory.allocate(DST)) {
            PrimitiveDesc pd = Convolution.forwardTraining(e, SRC, WEI, null, DST).padding(1, 1)
                    .attr(Attr.of(PostOps.eltwise(EltwiseAlg.RELU, 0, 0).thenSum(2))).build();
            pd.create().execute(s, Args.of(Arg.SRC, src, Arg.WEIGHTS, wei, Arg.DST, dst));
        } finally {
            Verbose.setLevel(0);
            Verbose.setOutput(null);
        }
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("jdnn_verbose,create:cache_miss,cpu,convolution,ref,forward_training,"
                + "src_f32::blocked:abcd::f0 wei_f32::blocked:abcd::f0 dst_f32::blocked:abcd::f0,"
                + "attr-post-ops:relu+sum:2,alg:convolution_direct,mb1ic2ih4iw4oc3oh4ow4kh3kw3sh1sw1ph1pw1dh0dw0,");
        assertThat(lines[1]).startsWith("jdnn_verbose,exec,cpu,convolution,ref,forward_training,")
                .matches(".*,\\d+\\.\\d{3}$");
    }

    @Test
    void levelZeroPrintsNothing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Verbose.setOutput(new PrintStream(out, true, StandardCharsets.UTF_8));
        try (Engine e = Engine.cpu(1)) {
            Convolution.forwardTraining(e, SRC, WEI, null, DST).padding(1, 1).build().create();
        } finally {
            Verbose.setOutput(null);
        }
        assertThat(out.size()).isZero();
    }
}
