package dev.jdnn.bench.jmh;

import dev.jdnn.engines.Engine;
import dev.jdnn.engines.Stream;
import dev.jdnn.memory.DataType;
import dev.jdnn.memory.FormatTag;
import dev.jdnn.memory.Memory;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.primitives.Arg;
import dev.jdnn.primitives.Args;
import dev.jdnn.primitives.Pooling;
import dev.jdnn.primitives.PoolingAlg;
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
 * jdnn's pooling primitive (whatever dispatch picks; {@code -p impl=ref} forces one) on ResNet-50's
 * first max pooling, {@code mb1ic64ih112oh56kh3sh2ph1}, in plain and channels-last layouts, forward
 * inference.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class PoolingBench {
    @Param({"max", "avg_np"})
    public String alg;

    @Param({"nchw", "nhwc"})
    public String layout;

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
        FormatTag tag = FormatTag.of(layout);
        MemoryDesc s = MemoryDesc.of(new long[] {1, 64, 112, 112}, DataType.F32, tag);
        MemoryDesc d = MemoryDesc.of(new long[] {1, 64, 56, 56}, DataType.F32, tag);
        PrimitiveDesc pd = Pooling.forwardInference(engine, PoolingAlg.of(alg), s, d).kernel(3, 3).strides(2, 2)
                .padding(1, 1).implementation(impl.isEmpty() ? null : impl).build();
        primitive = pd.create();
        src = Memory.allocate(pd.srcDesc());
        dst = Memory.allocate(pd.dstDesc());
        float[] values = new float[(int) s.nelems()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i * 7 % 23) - 11;
        }
        src.copyFrom(values);
        args = Args.of(Arg.SRC, src, Arg.DST, dst);
    }

    @Benchmark
    public Memory pool() {
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
