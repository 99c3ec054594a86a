package dev.jdnn.primitives;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdnn.engines.Engine;
import dev.jdnn.engines.Stream;
import dev.jdnn.memory.DataType;
import dev.jdnn.memory.FormatTag;
import dev.jdnn.memory.Memory;
import dev.jdnn.memory.MemoryDesc;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void convolution3x3PaddedOnes() {
        try (Engine cpu = Engine.cpu(2); Stream s = cpu.newStream()) {
            var src = MemoryDesc.of(new long[] {1, 1, 3, 3}, DataType.F32, FormatTag.NCHW);
            var wei = MemoryDesc.of(new long[] {1, 1, 3, 3}, DataType.F32, FormatTag.ANY);
            var dst = MemoryDesc.of(new long[] {1, 1, 3, 3}, DataType.F32, FormatTag.NCHW);
            PrimitiveDesc pd = Convolution.forwardInference(cpu, src, wei, null, dst).padding(1, 1).build();
            float[] x = {1, 1, 1, 1, 1, 1, 1, 1, 1};
            float[] w = {1, 1, 1, 1, 1, 1, 1, 1, 1};
            float[] y = new float[9];
            pd.create().execute(s, Args.of(Arg.SRC, Memory.wrap(src, x), Arg.WEIGHTS, Memory.wrap(pd.weightsDesc(), w),
                    Arg.DST, Memory.wrap(dst, y)));
            assertThat(y).containsExactly(4, 6, 4, 6, 9, 6, 4, 6, 4);
            assertThat(pd.implName()).isEqualTo("ref");
        }
    }
}
