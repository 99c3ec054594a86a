package dev.jdnn.bench.jmh;

import dev.jdnn.engines.Engine;
import dev.jdnn.engines.Stream;
import dev.jdnn.engines.gemm.Sgemm;
import dev.jdnn.memory.DataType;
import dev.jdnn.memory.FormatTag;
import dev.jdnn.memory.Memory;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.primitives.Arg;
import dev.jdnn.primitives.Args;
import dev.jdnn.primitives.Attr;
import dev.jdnn.primitives.EltwiseAlg;
import dev.jdnn.primitives.MatMul;
import dev.jdnn.primitives.PostOps;
import dev.jdnn.primitives.Primitive;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * JMH benchmark of executing an already-created MatMul primitive ({@code src MxK * weights KxN ->
 * dst MxN}, plain row-major f32 memory): the cost of one {@code execute} call, argument checks and
 * dispatch included. With {@code -prof gc} it shows the allocation per call (the 16x16x16 target:
 * none). {@code post} fuses an eltwise post-op ({@code none}, {@code relu}, {@code gelu_erf}) to
 * compare a fused activation with the bare matmul in the same run. See bench/README.md ("MatMul
 * and inner product").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class MatMulBenchmark {
    /** MxKxN. */
    @Param({"16x16x16", "128x768x768", "384x1024x4096"})
    public String shape;

    @Param({"none", "relu", "gelu_erf"})
    public String post;

    @Param({"1"})
    public int threads;

    private Engine engine;
    private Stream stream;
    private Primitive matmul;
    private Args args;
    private Memory[] owned;

    @Setup(Level.Trial)
    public void setup() {
        // the GEMM kernels compiled first, as the bench driver does: JMH's warm-up iterations of 1 s
        // otherwise time them interpreted (128x768x768: 360-540 ms an op in the first two)
        Sgemm.warmUp(Duration.ofSeconds(60));
        String[] p = shape.split("x");
        long m = Long.parseLong(p[0]);
        long k = Long.parseLong(p[1]);
        long n = Long.parseLong(p[2]);
        engine = Engine.cpu(threads);
        stream = engine.newStream();
        MemoryDesc src = MemoryDesc.of(new long[] {m, k}, DataType.F32, FormatTag.AB);
        MemoryDesc wei = MemoryDesc.of(new long[] {k, n}, DataType.F32, FormatTag.AB);
        MemoryDesc dst = MemoryDesc.of(new long[] {m, n}, DataType.F32, FormatTag.AB);
        Attr attr = switch (post) {
            case "none" -> Attr.NONE;
            case "relu" -> Attr.of(PostOps.eltwise(EltwiseAlg.RELU, 0f, 0f));
            case "gelu_erf" -> Attr.of(PostOps.eltwise(EltwiseAlg.GELU_ERF, 0f, 0f));
            default -> throw new IllegalArgumentException("post = " + post);
        };
        matmul = MatMul.of(engine, src, wei, null, dst).attr(attr).build().create();
        owned = new Memory[] {Memory.allocate(src), Memory.allocate(wei), Memory.allocate(dst)};
        owned[0].copyFrom(values(m * k, 1));
        owned[1].copyFrom(values(k * n, 2));
        args = Args.of(Arg.SRC, owned[0], Arg.WEIGHTS, owned[1], Arg.DST, owned[2]);
    }

    /** Values in [-1, 1] (half of the products negative, so relu has work to do). */
    private static float[] values(long count, int seed) {
        float[] v = new float[Math.toIntExact(count)];
        for (int i = 0; i < v.length; i++) {
            v[i] = ((i * 31 + seed * 17) % 41 - 20) / 20f;
        }
        return v;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (Memory mem : owned) {
            mem.close();
        }
        stream.close();
        engine.close();
    }

    @Benchmark
    public void execute() {
        matmul.execute(stream, args);
    }
}
