package dev.jdnn.primitives;

import static dev.jdnn.primitives.Fixtures.BIA;
import static dev.jdnn.primitives.Fixtures.DST;
import static dev.jdnn.primitives.Fixtures.SRC;
import static dev.jdnn.primitives.Fixtures.WEI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdnn.engines.Engine;
import dev.jdnn.engines.Stream;
import dev.jdnn.memory.DataType;
import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.Memory;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.memory.Status;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad arguments at execution are rejected before the kernel writes anything. */
class ExecuteValidationTest {
    private static Engine engine;
    private static Stream stream;
    private static Primitive conv;

    @BeforeAll
    static void start() {
        engine = Engine.cpu(2);
        stream = engine.newStream();
        conv = Convolution.forwardTraining(engine, SRC, WEI, BIA, DST).padding(1, 1).build().create();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static void assertRejectedAndUntouched(Memory dst, Runnable call, String fragment) {
        float[] before = dst.toFloatArray();
        assertThatThrownBy(call::run).isInstanceOfSatisfying(JdnnException.class,
                e -> assertThat(e.status()).isEqualTo(Status.INVALID_ARGUMENTS)).hasMessageContaining(fragment);
        assertThat(dst.toFloatArray()).containsExactly(before);
    }

    @Test
    void missingArgument() {
        try (Memory src = Fixtures.filled(SRC, 0); Memory wei = Fixtures.filled(WEI, 0); Memory dst = Fixtures.filled(DST, 9)) {
            assertRejectedAndUntouched(dst, () -> conv.execute(stream, Args.of(Arg.SRC, src, Arg.WEIGHTS, wei, Arg.DST, dst)),
                    "missing argument BIA (expected f32 3 a)");
        }
    }

    @Test
    void argumentWithAnotherDescriptor() {
        MemoryDesc nhwc = SRC.withFormat(dev.jdnn.memory.FormatTag.NHWC);
        try (Memory src = Fixtures.filled(nhwc, 0); Memory wei = Fixtures.filled(WEI, 0); Memory bia = Fixtures.filled(BIA, 0);
                Memory dst = Fixtures.filled(DST, 9)) {
            assertRejectedAndUntouched(dst, () -> conv.execute(stream,
                    Args.of(Arg.SRC, src, Arg.WEIGHTS, wei, Arg.BIAS, bia, Arg.DST, dst)),
                    "argument SRC has descriptor f32 1x2x4x4 acdb, expected f32 1x2x4x4 abcd");
        }
    }

    @Test
    void closedMemory() {
        Memory src = Fixtures.filled(SRC, 0);
        src.close();
        try (Memory wei = Fixtures.filled(WEI, 0); Memory bia = Fixtures.filled(BIA, 0); Memory dst = Fixtures.filled(DST, 9)) {
            assertRejectedAndUntouched(dst, () -> conv.execute(stream,
                    Args.of(Arg.SRC, src, Arg.WEIGHTS, wei, Arg.BIAS, bia, Arg.DST, dst)), "memory of argument SRC is closed");
        }
    }

    @Test
    void outputOverlappingAnInput() {
        float[] shared = new float[64];
        Memory src = Memory.wrap(SRC, shared);
        Memory dst = Memory.wrap(MemoryDesc.of(new long[] {1, 3, 4, 4}, DataType.F32, "nchw"),
                MemorySegment.ofArray(new float[48]));
        Memory overlapping = Memory.wrap(DST, MemorySegment.ofArray(shared).asSlice(4 * 8));
        try (Memory wei = Fixtures.filled(WEI, 0); Memory bia = Fixtures.filled(BIA, 0)) {
            assertThatThrownBy(() -> conv.execute(stream, Args.of(Arg.SRC, src, Arg.WEIGHTS, wei, Arg.BIAS, bia, Arg.DST, overlapping)))
                    .hasMessageContaining("output DST overlaps argument SRC");
            conv.execute(stream, Args.of(Arg.SRC, src, Arg.WEIGHTS, wei, Arg.BIAS, bia, Arg.DST, dst));
        }
    }

    @Test
    void eltwiseMayRunInPlaceButNotOnAShiftedView() {
        MemoryDesc md = MemoryDesc.of(new long[] {4, 4}, DataType.F32, "ab");
        Primitive relu = Eltwise.forwardInference(engine, EltwiseAlg.RELU, 0, 0, md, md).build().create();
        float[] data = {-1, 2, -3, 4, -5, 6, -7, 8, -9, 10, -11, 12, -13, 14, -15, 16, 0, 0, 0, 0};
        Memory m = Memory.wrap(md, data);
        relu.execute(stream, Args.of(Arg.SRC, m, Arg.DST, m));
        assertThat(data[0]).isZero();
        assertThat(data[1]).isEqualTo(2);
        Memory shifted = Memory.wrap(md, MemorySegment.ofArray(data).asSlice(4));
        assertThatThrownBy(() -> relu.execute(stream, Args.of(Arg.SRC, m, Arg.DST, shifted)))
                .hasMessageContaining("only an exact in-place SRC is allowed");
    }

    @Test
    void streamOfAnotherEngine() {
        try (Engine other = Engine.cpu(1); Stream s = other.newStream(); Memory src = Fixtures.filled(SRC, 0);
                Memory wei = Fixtures.filled(WEI, 0); Memory bia = Fixtures.filled(BIA, 0); Memory dst = Fixtures.filled(DST, 9)) {
            assertRejectedAndUntouched(dst, () -> conv.execute(s, Args.of(Arg.SRC, src, Arg.WEIGHTS, wei, Arg.BIAS, bia, Arg.DST, dst)),
                    "stream is on engine");
        }
    }

    @Test
    void nullStreamAndArgs() {
        assertThatThrownBy(() -> conv.execute(null, new Args())).hasMessageContaining("stream is null");
        assertThatThrownBy(() -> conv.execute(stream, null)).hasMessageContaining("args is null");
        assertThatThrownBy(() -> new Args().put(Arg.SRC, null)).hasMessageContaining("memory for argument SRC is null");
    }
}
