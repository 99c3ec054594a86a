package dev.jdnn.primitives;

import static dev.jdnn.primitives.Fixtures.DST;
import static dev.jdnn.primitives.Fixtures.SRC;
import static dev.jdnn.primitives.Fixtures.WEI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdnn.engines.Engine;
import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.memory.Status;
import dev.jdnn.primitives.spi.Implementation;
import dev.jdnn.primitives.spi.Plan;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

@ResourceLock("jdnn-global-state")
class DispatchTest {
    private static Engine engine;

    /** An implementation that refuses everything, with a reason. */
    private static final Implementation<ConvolutionDesc> PICKY = new Implementation<>() {
        @Override
        public String name() {
            return "picky:test";
        }

        @Override
        public Plan plan(ConvolutionDesc desc, Attr attr, Engine e) {
            throw JdnnException.unimplemented("picky takes only odd channel counts, got " + desc.ic());
        }
    };

    @BeforeAll
    static void start() {
        engine = Engine.cpu(2);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static Convolution.Builder conv() {
        return Convolution.forwardTraining(engine, SRC, WEI, null, DST).padding(1, 1);
    }

    @Test
    void referenceIsLastAndAcceptsWhatOthersRefuse() {
        Implementations.register(PrimitiveKind.CONVOLUTION, PICKY);
        try {
            assertThat(Implementations.names(PrimitiveKind.CONVOLUTION)).startsWith("picky:test").endsWith("ref");
            assertThat(conv().build().implName()).isEqualTo("ref");
        } finally {
            Implementations.unregister(PrimitiveKind.CONVOLUTION, PICKY);
        }
    }

    @Test
    void forcingARefusingImplementationSaysWhy() {
        Implementations.register(PrimitiveKind.CONVOLUTION, PICKY);
        try {
            assertThatThrownBy(() -> conv().implementation("picky").build())
                    .isInstanceOfSatisfying(JdnnException.class, e -> assertThat(e.status()).isEqualTo(Status.UNIMPLEMENTED))
                    .hasMessageContaining("forced implementation 'picky'")
                    .hasMessageContaining("picky takes only odd channel counts, got 2");
        } finally {
            Implementations.unregister(PrimitiveKind.CONVOLUTION, PICKY);
        }
    }

    @Test
    void forcingAnUnknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> conv().implementation("nonesuch").build()).hasMessageContaining("no implementation named 'nonesuch'")
                .hasMessageContaining("[ref]");
    }

    @Test
    void theGlobalPropertyForcesWhereANameMatches() {
        Implementations.register(PrimitiveKind.CONVOLUTION, PICKY);
        String old = System.getProperty("jdnn.impl");
        try {
            System.setProperty("jdnn.impl", "picky");
            assertThatThrownBy(() -> conv().build()).hasMessageContaining("forced implementation 'picky'");
            // pooling has no 'picky': the setting does not apply to it
            MemoryDesc pdst = MemoryDesc.of(new long[] {1, 2, 2, 2}, SRC.dataType(), "nchw");
            assertThat(Pooling.forwardInference(engine, PoolingAlg.MAX, SRC, pdst).kernel(2, 2).strides(2, 2).build()
                    .implName()).isEqualTo("ref");
            System.setProperty("jdnn.impl", "picky,ref");
            assertThat(conv().build().implName()).isEqualTo("ref");
        } finally {
            Implementations.unregister(PrimitiveKind.CONVOLUTION, PICKY);
            if (old == null) {
                System.clearProperty("jdnn.impl");
            } else {
                System.setProperty("jdnn.impl", old);
            }
        }
    }

    @Test
    void verboseLevelTwoReportsRefusals() {
        Implementations.register(PrimitiveKind.CONVOLUTION, PICKY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Verbose.setOutput(new PrintStream(out, true, StandardCharsets.UTF_8));
        Verbose.setLevel(2);
        try {
            conv().build();
        } finally {
            Verbose.setLevel(0);
            Verbose.setOutput(null);
            Implementations.unregister(PrimitiveKind.CONVOLUTION, PICKY);
        }
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("jdnn_verbose,dispatch,convolution,picky:test,refused,mb1ic2ih4iw4oc3oh4ow4kh3kw3sh1sw1ph1pw1dh0dw0");
    }

    @Test
    void unsupportedDataTypesAreUnimplemented() {
        MemoryDesc bf = SRC.withDataType(dev.jdnn.memory.DataType.BF16);
        assertThatThrownBy(() -> Convolution.forwardTraining(engine, bf, WEI, null, DST).padding(1, 1).build())
                .isInstanceOfSatisfying(JdnnException.class, e -> assertThat(e.status()).isEqualTo(Status.UNIMPLEMENTED))
                .hasMessageContaining("f32 only").hasMessageContaining("bf16");
    }

    @Test
    void theDescriptorReportsWhatItSettled() {
        MemoryDesc anyWei = MemoryDesc.any(WEI.dims(), WEI.dataType());
        PrimitiveDesc pd = Convolution.forwardInference(engine, SRC, anyWei, MemoryDesc.any(new long[] {3}, WEI.dataType()), DST)
                .padding(1, 1).build();
        assertThat(pd.weightsDesc()).isEqualTo(WEI);
        assertThat(pd.biasDesc().format()).isEqualTo("a");
        assertThat(pd.kind()).isEqualTo(PrimitiveKind.CONVOLUTION);
        assertThat(pd.propKind()).isEqualTo(PropKind.FORWARD_INFERENCE);
        assertThat(pd.arguments().keySet()).containsExactly(Arg.SRC, Arg.WEIGHTS, Arg.BIAS, Arg.DST);
        assertThat(pd.isOutput(Arg.DST)).isTrue();
        assertThat(pd.query(Arg.WORKSPACE)).isEmpty();
        assertThat(pd.scratchpadSize()).isZero();
        assertThatThrownBy(pd::workspaceDesc).isInstanceOfSatisfying(JdnnException.class,
                e -> assertThat(e.status()).isEqualTo(Status.NOT_REQUIRED));
        assertThat(pd.problem()).isEqualTo("mb1ic2ih4iw4oc3oh4ow4kh3kw3sh1sw1ph1pw1dh0dw0");
    }
}
