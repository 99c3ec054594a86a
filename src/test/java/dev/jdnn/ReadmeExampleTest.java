package dev.jdnn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdnn.engines.Engine;
import dev.jdnn.engines.Stream;
import dev.jdnn.memory.DataType;
import dev.jdnn.memory.FormatTag;
import dev.jdnn.memory.Memory;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.primitives.Arg;
import dev.jdnn.primitives.Args;
import dev.jdnn.primitives.Attr;
import dev.jdnn.primitives.Convolution;
import dev.jdnn.primitives.EltwiseAlg;
import dev.jdnn.primitives.PostOps;
import dev.jdnn.primitives.Primitive;
import dev.jdnn.primitives.PrimitiveDesc;
import dev.jdnn.primitives.Reorder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The README's example, verbatim between the markers, on data whose result is known. */
class ReadmeExampleTest {
    @Test
    void readmeExampleRuns() {
        float[] x = new float[64 * 56 * 56];
        float[] y = new float[64 * 56 * 56];
        Arrays.fill(x, 1f);
        Memory userWeights = Memory.wrap(MemoryDesc.of(new long[] {64, 64, 3, 3}, DataType.F32, FormatTag.OIHW),
                new float[64 * 64 * 9]);
        userWeights.copyFrom(filledWith(64 * 64 * 9, 0.5f));
        // --- README example ---
        try (Engine cpu = Engine.cpu(); Stream stream = cpu.newStream()) {
            // ResNet-50 res2a_branch2b: 3x3, 64 -> 64 channels, 56x56, padding 1, fused ReLU
            var src = MemoryDesc.of(new long[] {1, 64, 56, 56}, DataType.F32, FormatTag.NCHW);
            var wei = MemoryDesc.of(new long[] {64, 64, 3, 3}, DataType.F32, FormatTag.ANY);
            var dst = MemoryDesc.of(new long[] {1, 64, 56, 56}, DataType.F32, FormatTag.NCHW);
            PrimitiveDesc pd = Convolution.forwardInference(cpu, src, wei, null, dst)
                    .padding(1, 1)
                    .attr(Attr.of(PostOps.eltwise(EltwiseAlg.RELU, 0f, 0f)))
                    .build();                                        // picks an implementation
            Primitive conv = pd.create();                            // cached: cheap to create again
            try (Memory w = Reorder.to(cpu, userWeights, pd.weightsDesc())) {  // into the layout it chose
                conv.execute(stream, Args.of(Arg.SRC, Memory.wrap(src, x), Arg.WEIGHTS, w,
                        Arg.DST, Memory.wrap(dst, y)));              // x, y: float[], no copy
            }
        }
        // --- end ---
        // Inside: 64 channels x 9 taps x 0.5; corner: 64 x 4 taps x 0.5.
        assertThat(y[56 * 28 + 28]).isEqualTo(288f);
        assertThat(y[0]).isEqualTo(128f);
    }

    private static float[] filledWith(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }
}
