package dev.jdnn.bench.jmh;

import dev.jdnn.engines.Engine;
import dev.jdnn.engines.gemm.PackedB;
import dev.jdnn.engines.gemm.Sgemm;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * JMH benchmark of jdnn's SGEMM: {@code C = A * B} (row-major, alpha 1, beta 0, float[] operands),
 * B as given ({@code packed = false}) or pre-packed once in setup ({@code packed = true}). Time per
 * call; GFLOP/s = 2 * M * N * K / time. See bench/README.md ("SGEMM") for the commands.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SgemmBenchmark {
    /** MxNxK. */
    @Param({"128x128x128", "256x256x256", "512x512x512", "1024x1024x1024", "1x4096x4096", "128x768x768",
        "128x3072x768", "512x768x3072", "3136x64x576", "784x128x1152", "49x512x4608", "196x256x2304"})
    public String shape;

    @Param({"1"})
    public int threads;

    @Param({"false"})
    public boolean packed;

    private Engine engine;
    private int m;
    private int n;
    private int k;
    private float[] a;
    private float[] b;
    private float[] c;
    private PackedB pb;

    @Setup(Level.Trial)
    public void setup() {
        String[] p = shape.split("x");
        m = Integer.parseInt(p[0]);
        n = Integer.parseInt(p[1]);
        k = Integer.parseInt(p[2]);
        engine = Engine.cpu(threads);
        a = random(m * k, 1);
        b = random(k * n, 2);
        c = new float[m * n];
        pb = packed ? PackedB.pack(false, k, n, b, 0, n) : null;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    @Benchmark
    public void sgemm(Blackhole bh) {
        if (packed) {
            Sgemm.sgemm(engine, false, m, 1f, a, 0, k, pb, 0f, c, 0, n);
        } else {
            Sgemm.sgemm(engine, false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
        }
        bh.consume(c);
    }

    private static float[] random(int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }
}
