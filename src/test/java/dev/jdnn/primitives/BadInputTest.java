package dev.jdnn.primitives;

import static dev.jdnn.primitives.Fixtures.DST;
import static dev.jdnn.primitives.Fixtures.SRC;
import static dev.jdnn.primitives.Fixtures.WEI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdnn.engines.Engine;
import dev.jdnn.memory.DataType;
import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.memory.Status;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Descriptor validation at the API edge: every rejection names the argument and its value. */
class BadInputTest {
    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = Engine.cpu(1);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static void invalid(ThrowingCallable call, String... fragments) {
        var a = assertThatThrownBy(call).isInstanceOfSatisfying(JdnnException.class,
                e -> assertThat(e.status()).isEqualTo(Status.INVALID_ARGUMENTS));
        for (String f : fragments) {
            a.hasMessageContaining(f);
        }
    }

    private static MemoryDesc md(String tag, long... dims) {
        return MemoryDesc.of(dims, DataType.F32, tag);
    }

    @Test
    void convolutionShapes() {
        invalid(() -> Convolution.forwardTraining(engine, null, WEI, null, DST).build(), "src descriptor is null");
        invalid(() -> Convolution.forwardTraining(engine, SRC, WEI, null, md("abc", 1, 3, 4)).build(), "dst", "rank 3, expected 4");
        invalid(() -> Convolution.forwardTraining(engine, SRC, md("abc", 3, 2, 3), null, DST).build(), "weights", "rank 3");
        invalid(() -> Convolution.forwardTraining(engine, SRC, WEI, null, DST).build(),
                "spatial dim 0: dst size 4 is inconsistent", "input 4, kernel 3, stride 1, dilation 0, padding 0+0 give 2");
        invalid(() -> Convolution.forwardTraining(engine, SRC, md("oihw", 3, 5, 3, 3), null, DST).padding(1, 1).build(),
                "src has 2 channels but weights 3x5x3x3 expect 5");
        invalid(() -> Convolution.forwardTraining(engine, SRC, WEI, md("a", 4), DST).padding(1, 1).build(), "bias", "3 elements");
        invalid(() -> Convolution.forwardTraining(engine, SRC, WEI, null, DST).padding(1).build(), "padding_l [1] has 1 values");
        invalid(() -> Convolution.forwardTraining(engine, SRC, WEI, null, DST).padding(1, 1).strides(0, 1).build(),
                "strides[0] = 0 must be >= 1");
        invalid(() -> Convolution.forwardTraining(engine, SRC, WEI, null, DST).padding(1, 1).dilations(-1, 0).build(),
                "dilations[0] = -1");
        invalid(() -> Convolution.forwardTraining(engine, SRC, md("goihw", 2, 3, 1, 3, 3), null, DST).padding(1, 1).build(),
                "dst has 3 channels but weights 2x3x1x3x3 produce 6 (2 groups)");
        invalid(() -> Convolution.forwardTraining(engine, SRC, WEI, null, md("nchw", 1, 3, 1, 1)).padding(10, 10).strides(3, 3)
                .dilations(9, 9).build(), "dst size 1 is inconsistent");
        invalid(() -> Convolution.forward(engine, PropKind.BACKWARD_DATA, SRC, WEI, null, DST), "not a forward kind");
    }

    @Test
    void attributesMustFitTheDestination() {
        invalid(() -> Convolution.forwardTraining(engine, SRC, WEI, null, DST).padding(1, 1)
                .attr(Attr.of(PostOps.binary(BinaryAlg.ADD, md("abcd", 1, 2, 1, 1)))).build(),
                "binary post-op 0 src1 dims 1x2x1x1 do not broadcast to dst dims 1x3x4x4");
        invalid(() -> Convolution.forwardTraining(engine, SRC, WEI, null, DST).padding(1, 1)
                .attr(Attr.of(OutputScales.of(2, 1f, 2f))).build(), "output scales with mask 2 need 3 values");
        invalid(() -> PostOps.eltwise(EltwiseAlg.CLIP, 2, 1), "clip: beta = 1.0 must be >= alpha = 2.0");
        invalid(() -> PostOps.eltwise(EltwiseAlg.SOFT_RELU, 0, 0), "soft_relu: alpha = 0");
        invalid(() -> PostOps.binary(BinaryAlg.ADD, MemoryDesc.any(new long[] {1}, DataType.F32)), "concrete layout");
    }

    @Test
    void poolingShapes() {
        MemoryDesc dst = md("nchw", 1, 2, 2, 2);
        invalid(() -> Pooling.forwardTraining(engine, PoolingAlg.MAX, SRC, dst).build(), "kernel is not set");
        invalid(() -> Pooling.forwardTraining(engine, PoolingAlg.MAX, SRC, md("nchw", 1, 3, 2, 2)).kernel(2, 2).strides(2, 2).build(),
                "same minibatch and channels");
        invalid(() -> Pooling.forwardTraining(engine, PoolingAlg.MAX, SRC, dst).kernel(3, 3).strides(2, 2).build(),
                "dst size 2 is inconsistent", "give 1");
        invalid(() -> Pooling.forwardTraining(engine, null, SRC, dst).kernel(2, 2).build(), "pooling algorithm is null");
    }

    @Test
    void matmulShapes() {
        invalid(() -> MatMul.of(engine, md("ab", 2, 3), md("ab", 4, 5), null, md("ab", 2, 5)).build(), "has K = 3", "have K = 4");
        invalid(() -> MatMul.of(engine, md("ab", 2, 3), md("ab", 3, 5), null, md("ab", 2, 4)).build(), "dst 2x4 must be 2x5");
        invalid(() -> MatMul.of(engine, md("abc", 2, 2, 3), md("abc", 3, 3, 5), null, md("abc", 3, 2, 5)).build(), "batch dim 0");
        invalid(() -> MatMul.of(engine, md("ab", 2, 3), md("abc", 1, 3, 5), null, md("ab", 2, 5)).build(), "rank 3, expected 2");
        invalid(() -> MatMul.of(engine, md("ab", 2, 3), md("ab", 3, 5), md("ab", 2, 2), md("ab", 2, 5)).build(),
                "bias 2x2 does not broadcast");
    }

    @Test
    void eltwiseAndReorderShapes() {
        invalid(() -> Eltwise.forwardInference(engine, EltwiseAlg.RELU, 0, 0, md("ab", 2, 3), md("ab", 3, 2)).build(),
                "dst dims 3x2 differ from src dims 2x3");
        invalid(() -> Reorder.of(engine, md("ab", 2, 3), md("ab", 2, 4)).build(), "dst dims 2x4 differ");
        invalid(() -> Reorder.of(engine, MemoryDesc.any(new long[] {2}, DataType.F32), md("a", 2)).build(), "concrete layout");
    }

    @Test
    void unsupportedDataTypesAreUnimplemented() {
        for (DataType dt : new DataType[] {DataType.BF16, DataType.F16, DataType.S8, DataType.U8, DataType.S32}) {
            assertThatThrownBy(() -> Eltwise.forwardInference(engine, EltwiseAlg.RELU, 0, 0,
                    MemoryDesc.of(new long[] {4}, dt, "a"), null).build())
                    .isInstanceOfSatisfying(JdnnException.class, e -> assertThat(e.status()).isEqualTo(Status.UNIMPLEMENTED))
                    .hasMessageContaining(dt.shortName());
        }
    }
}
