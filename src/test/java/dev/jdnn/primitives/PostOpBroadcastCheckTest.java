package dev.jdnn.primitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdnn.engines.Engine;
import dev.jdnn.memory.DataType;
import dev.jdnn.memory.FormatTag;
import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.memory.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A binary post-op whose src1 does not broadcast to dst is rejected when the primitive is
 * created. (benchdnn's policy names always give a shape that broadcasts, so the JSON corpus can
 * only test the execution-time mismatch, via "substitute".)
 */
class PostOpBroadcastCheckTest {
    private static final DataType F32 = DataType.F32;
    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = Engine.cpu(1);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static Attr add(long... src1Dims) {
        return Attr.of(PostOps.eltwise(EltwiseAlg.RELU, 0, 0).thenBinary(BinaryAlg.ADD, MemoryDesc.plain(src1Dims, F32)));
    }

    @Test
    void convolutionRejectsAChannelCountThatIsNeitherOneNorDsts() {
        MemoryDesc src = MemoryDesc.of(new long[] {1, 1, 3, 3}, F32, FormatTag.NCHW);
        MemoryDesc wei = MemoryDesc.of(new long[] {2, 1, 1, 1}, F32, FormatTag.OIHW);
        MemoryDesc dst = MemoryDesc.of(new long[] {1, 2, 3, 3}, F32, FormatTag.NCHW);
        assertThatThrownBy(() -> Convolution.forwardInference(engine, src, wei, null, dst).attr(add(1, 3, 1, 1)).build())
                .isInstanceOfSatisfying(JdnnException.class,
                        e -> assertThat(e.status()).isEqualTo(Status.INVALID_ARGUMENTS))
                .hasMessageContaining("binary post-op 1 src1 dims 1x3x1x1 do not broadcast to dst dims 1x2x3x3");
    }

    @Test
    void matmulRejectsASrc1OfAnotherRank() {
        MemoryDesc src = MemoryDesc.plain(new long[] {2, 3}, F32);
        MemoryDesc wei = MemoryDesc.plain(new long[] {3, 4}, F32);
        MemoryDesc dst = MemoryDesc.plain(new long[] {2, 4}, F32);
        assertThatThrownBy(() -> MatMul.of(engine, src, wei, null, dst).attr(add(1, 1, 4)).build())
                .isInstanceOfSatisfying(JdnnException.class,
                        e -> assertThat(e.status()).isEqualTo(Status.INVALID_ARGUMENTS))
                .hasMessageContaining("do not broadcast to dst dims 2x4");
    }

    @Test
    void poolingAndEltwiseRejectAWrongSpatialExtent() {
        MemoryDesc src = MemoryDesc.of(new long[] {1, 2, 4, 4}, F32, FormatTag.NCHW);
        MemoryDesc dst = MemoryDesc.of(new long[] {1, 2, 2, 2}, F32, FormatTag.NCHW);
        assertThatThrownBy(() -> Pooling.forwardInference(engine, PoolingAlg.MAX, src, dst).kernel(2, 2).strides(2, 2)
                .attr(add(1, 2, 4, 4)).build())
                .isInstanceOf(JdnnException.class)
                .hasMessageContaining("src1 dims 1x2x4x4 do not broadcast to dst dims 1x2x2x2");
        assertThatThrownBy(() -> Eltwise.forwardInference(engine, EltwiseAlg.ABS, 0, 0, dst, dst)
                .attr(add(2, 1, 1, 1)).build())
                .isInstanceOf(JdnnException.class)
                .hasMessageContaining("src1 dims 2x1x1x1 do not broadcast to dst dims 1x2x2x2");
    }
}
