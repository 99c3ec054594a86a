package dev.jdnn.bench.jmh;

import dev.jdnn.engines.Engine;
import dev.jdnn.engines.Stream;
import dev.jdnn.memory.DataType;
import dev.jdnn.memory.FormatTag;
import dev.jdnn.memory.Memory;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.primitives.Arg;
import dev.jdnn.primitives.Args;
import dev.jdnn.primitives.Eltwise;
import dev.jdnn.primitives.EltwiseAlg;
import dev.jdnn.primitives.Primitive;
import dev.jdnn.primitives.PrimitiveDesc;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * jdnn's eltwise primitive (whatever dispatch picks; {@code -p impl=ref} forces one), forward
 * inference, on a ResNet-50 activation ({@code 1x256x56x56}, 3.2 M floats) and a BERT-base FFN
 * activation ({@code 384x3072}), not in place.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class EltwiseBench {
    @Param({"relu", "gelu_erf", "logistic"})
    public String alg;

    @Param({"1x256x56x56", "384x3072"})
    public String shape;

    @Param({"1"})
    public int threads;

    /** Implementation to force; empty for normal dispatch. */
    @Param({""})
    public String impl;

    private Engine engine;
    private Stream stream;
    private Primitive primitive;
    private Memory src;
    private Memory dst;
    private Args args;

    @Setup
    public void setUp() {
        engine = Engine.cpu(threads);
        stream = engine.newStream();
        String[] parts = shape.split("x");
        long[] dims = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            dims[i] = Long.parseLong(parts[i]);
        }
        MemoryDesc md = MemoryDesc.of(dims, DataType.F32, FormatTag.plain(dims.length));
        PrimitiveDesc pd = Eltwise.forwardInference(engine, EltwiseAlg.of(alg), 0f, 0f, md, md)
                .implementation(impl.isEmpty() ? null : impl).build();
        primitive = pd.create();
        src = Memory.allocate(pd.srcDesc());
        dst = Memory.allocate(pd.dstDesc());
        float[] values = new float[(int) md.nelems()];
        for (int i = 0; i < values.length; i++) {
            values[i] = ((i * 13 % 41) - 20) / 8f;
        }
        src.copyFrom(values);
        args = Args.of(Arg.SRC, src, Arg.DST, dst);
    }

    @Benchmark
    public Memory eltwise() {
        primitive.execute(stream, args);
        return dst;
    }

    @TearDown
    public void tearDown() {
        src.close();
        dst.close();
        stream.close();
        engine.close();
    }
}
