package dev.jdnn.bench.gemm;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The cost of fused post-ops and bias: a matmul with none, relu, gelu_erf, a per-column bias, and
 * the bias with gelu_erf (a linear layer), five primitives executed in alternation in one JVM, so
 * that the machine's drift (on a shared 2-core VM the same matmul moves by 10-20% within a minute)
 * hits all alike. Each round times each primitive once (a batch of calls of about 5 ms: short, so
 * that the samples of a round see the same machine) and takes its ratio to the bare matmul's; the report is the median of the per-round
 * ratios over many rounds, with their quartiles.
 *
 * <pre>
 * JDNN_BENCH_MAIN=dev.jdnn.bench.gemm.PostOpCostTimer bench/jdnn-bench [--rounds=N (301)] [--threads=T] MxKxN ...
 * </pre>
 * No shape: 128x768x768 and 384x1024x4096. Values in [-1, 1]: about half the outputs are negative,
 * so relu and gelu_erf take both branches.
 */
public final class PostOpCostTimer {
    /** One primitive of the comparison: with a bias (per column, a linear layer's) or not, and its attributes. */
    private record Variant(String name, boolean bias, Attr attr) {
    }

    private static final Attr GELU_ERF = Attr.of(PostOps.eltwise(EltwiseAlg.GELU_ERF, 0f, 0f));
    private static final List<Variant> VARIANTS = List.of(new Variant("none", false, Attr.NONE),
            new Variant("relu", false, Attr.of(PostOps.eltwise(EltwiseAlg.RELU, 0f, 0f))),
            new Variant("gelu_erf", false, GELU_ERF), new Variant("bias", true, Attr.NONE),
            new Variant("bias+gelu_erf", true, GELU_ERF));
    private static final long SAMPLE_NANOS = 5_000_000L;
    private static final int UNTIMED_ROUNDS = 20;
    private static final long UNTIMED_NANOS = 5_000_000_000L;

    private PostOpCostTimer() {
    }

    public static void main(String[] args) {
        int rounds = 301;
        int threads = 1;
        List<String> shapes = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("--rounds=")) {
                rounds = Integer.parseInt(a.substring(9));
            } else if (a.startsWith("--threads=")) {
                threads = Integer.parseInt(a.substring(10));
            } else {
                shapes.add(a);
            }
        }
        if (shapes.isEmpty()) {
            shapes.addAll(List.of("128x768x768", "384x1024x4096"));
        }
        Sgemm.warmUp(Duration.ofSeconds(60));
        try (Engine engine = Engine.cpu(threads); Stream stream = engine.newStream()) {
            for (String shape : shapes) {
                String[] p = shape.split("x");
                run(engine, stream, shape, Long.parseLong(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]), rounds);
            }
        }
    }

    private static void run(Engine engine, Stream stream, String shape, long m, long k, long n, int rounds) {
        MemoryDesc src = MemoryDesc.of(new long[] {m, k}, DataType.F32, FormatTag.AB);
        MemoryDesc wei = MemoryDesc.of(new long[] {k, n}, DataType.F32, FormatTag.AB);
        MemoryDesc dst = MemoryDesc.of(new long[] {m, n}, DataType.F32, FormatTag.AB);
        MemoryDesc biasDesc = MemoryDesc.of(new long[] {1, n}, DataType.F32, FormatTag.AB);
        try (Memory a = Memory.allocate(src); Memory b = Memory.allocate(wei); Memory c = Memory.allocate(dst);
                Memory bias = Memory.allocate(biasDesc)) {
            a.copyFrom(values(m * k, 1));
            b.copyFrom(values(k * n, 2));
            bias.copyFrom(values(n, 3));
            int count = VARIANTS.size();
            Primitive[] prims = new Primitive[count];
            Args[] args = new Args[count];
            for (int i = 0; i < count; i++) {
                Variant v = VARIANTS.get(i);
                prims[i] = MatMul.of(engine, src, wei, v.bias() ? biasDesc : null, dst).attr(v.attr()).build().create();
                args[i] = v.bias() ? Args.of(Arg.SRC, a, Arg.WEIGHTS, b, Arg.BIAS, bias, Arg.DST, c)
                        : Args.of(Arg.SRC, a, Arg.WEIGHTS, b, Arg.DST, c);
            }
            int reps = repsFor(prims[0], stream, args[0]);
            double[][] micros = new double[count][rounds];
            untimedRounds(prims, stream, args, reps);
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < count; i++) {
                    micros[i][round] = micros(prims[i], stream, args[i], reps);
                }
            }
            for (int i = 0; i < count; i++) {
                double[] ratio = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    ratio[r] = micros[i][r] / micros[0][r];
                }
                double[] t = micros[i].clone();
                Arrays.sort(ratio);
                Arrays.sort(t);
                System.out.printf(Locale.ROOT, "%s %-13s median %.1f us; / none: median %.3f (quartiles %.3f-%.3f), %d rounds%n",
                        shape, VARIANTS.get(i).name(), t[rounds / 2], ratio[rounds / 2], ratio[rounds / 4], ratio[3 * rounds / 4], rounds);
            }
        }
    }

    /**
     * Rounds before the timed ones, for the JIT's last compiles: at least {@link #UNTIMED_ROUNDS} and
     * {@link #UNTIMED_NANOS}. A count alone was not enough: when C2 is still busy with the GEMM
     * kernels, an eltwise kernel's warm-up at primitive creation gives up after its 3 s, and relu's
     * in-place loop then ran C1's code through most of the timed rounds (Zen 5, 128x768x768: relu
     * 2.67x the bare matmul in one run of fourteen, 1.54 in another, 1.00-1.04 in the rest).
     */
    private static void untimedRounds(Primitive[] prims, Stream stream, Args[] args, int reps) {
        long until = System.nanoTime() + UNTIMED_NANOS;
        for (int round = 0; round < UNTIMED_ROUNDS || System.nanoTime() < until; round++) {
            for (int i = 0; i < prims.length; i++) {
                micros(prims[i], stream, args[i], reps);
            }
        }
    }

    /** Calls per sample: enough for {@link #SAMPLE_NANOS}. */
    private static int repsFor(Primitive p, Stream stream, Args args) {
        long t0 = System.nanoTime();
        p.execute(stream, args);
        long once = Math.max(1, System.nanoTime() - t0);
        return (int) Math.max(1, Math.min(100_000, SAMPLE_NANOS / once));
    }

    private static double micros(Primitive p, Stream stream, Args args, int reps) {
        long t0 = System.nanoTime();
        for (int r = 0; r < reps; r++) {
            p.execute(stream, args);
        }
        return (System.nanoTime() - t0) / 1e3 / reps;
    }

    /** Values in [-1, 1]. */
    private static float[] values(long count, int seed) {
        float[] v = new float[Math.toIntExact(count)];
        for (int i = 0; i < v.length; i++) {
            v[i] = ((i * 31 + seed * 17) % 41 - 20) / 20f;
        }
        return v;
    }
}
