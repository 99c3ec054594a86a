package dev.jdnn.architecture;

import dev.jdnn.engines.Engine;
import dev.jdnn.engines.Stream;
import dev.jdnn.engines.VectorSupport;
import dev.jdnn.memory.DataType;
import dev.jdnn.memory.FormatTag;
import dev.jdnn.memory.Memory;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.primitives.Arg;
import dev.jdnn.primitives.Args;
import dev.jdnn.primitives.Convolution;
import java.util.Arrays;

/** Run by {@link ScalarFallbackTest} in a JVM without the Vector API module. */
public final class ScalarFallbackMain {
    private ScalarFallbackMain() {
    }

    public static void main(String[] args) {
        float[] y = new float[9];
        for (int rep = 0; rep < 2; rep++) {
            try (Engine cpu = Engine.cpu(2); Stream s = cpu.newStream()) {
                var md = MemoryDesc.of(new long[] {1, 1, 3, 3}, DataType.F32, FormatTag.NCHW);
                float[] ones = new float[9];
                Arrays.fill(ones, 1f);
                Convolution.forwardInference(cpu, md, md, null, md).padding(1, 1).build().create()
                        .execute(s, Args.of(Arg.SRC, Memory.wrap(md, ones), Arg.WEIGHTS, Memory.wrap(md, ones),
                                Arg.DST, Memory.wrap(md, y)));
            }
        }
        System.out.println("isa=" + VectorSupport.isa() + " result=" + Arrays.toString(y));
    }
}
