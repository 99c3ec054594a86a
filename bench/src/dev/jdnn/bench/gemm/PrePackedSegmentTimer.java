package dev.jdnn.bench.gemm;

import dev.jdnn.engines.Engine;
import dev.jdnn.engines.gemm.PackedB;
import dev.jdnn.engines.gemm.Sgemm;
import dev.jdnn.memory.DataType;
import dev.jdnn.memory.MemoryDesc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import jdk.incubator.vector.FloatVector;

/**
 * SGEMM with B pre-packed in native memory (a linear layer's weights in {@code ANY} after their
 * reorder), A and C in native memory: the path of an inner product's forward pass. With
 * {@code --pollute}, Vector API loads and stores first run on heap segments over a float[] and a
 * byte[] and on a native one, as a framework's own code might, before {@code Sgemm.warmUp}: the JDK's
 * segment load path then has several segment classes in its profile (see
 * {@code VectorMicroKernel}'s {@code NATIVE_SEGMENT}). Prints the median GFLOP/s of each shape over the rounds.
 *
 * <pre>
 * JDNN_BENCH_MAIN=dev.jdnn.bench.gemm.PrePackedSegmentTimer bench/jdnn-bench [--pollute] [--rounds=N (7)] [--threads=T] MxKxN ...
 * </pre>
 * No shape: 40x1024x4096, 128x1024x1024, 128x768x768.
 */
public final class PrePackedSegmentTimer {
    private static final long SAMPLE_NANOS = 200_000_000L;

    private PrePackedSegmentTimer() {
    }

    public static void main(String[] args) {
        int rounds = 7;
        int threads = 1;
        boolean pollute = false;
        List<int[]> shapes = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("--rounds=")) {
                rounds = Integer.parseInt(a.substring(9));
            } else if (a.startsWith("--threads=")) {
                threads = Integer.parseInt(a.substring(10));
            } else if (a.equals("--pollute")) {
                pollute = true;
            } else {
                shapes.add(Arrays.stream(a.split("x")).mapToInt(Integer::parseInt).toArray());
            }
        }
        if (shapes.isEmpty()) {
            shapes = List.of(new int[] {40, 1024, 4096}, new int[] {128, 1024, 1024}, new int[] {128, 768, 768});
        }
        if (pollute) {
            pollute();
        }
        Sgemm.warmUp(Duration.ofSeconds(60));
        try (Engine engine = Engine.cpu(threads); Arena arena = Arena.ofShared()) {
            System.out.printf(Locale.ROOT, "# kernel %s, %d thread(s), %s, median of %d rounds%n", Sgemm.kernelName(),
                    threads, pollute ? "profile polluted" : "clean profile", rounds);
            for (int[] s : shapes) {
                System.out.printf(Locale.ROOT, "%dx%dx%d %.1f GFLOP/s%n", s[0], s[1], s[2],
                        time(engine, arena, s[0], s[1], s[2], rounds));
            }
        }
    }

    /** Median GFLOP/s of {@code rounds} samples of C = A * B, B pre-packed into a native segment. */
    private static double time(Engine engine, Arena arena, int m, int k, int n, int rounds) {
        MemorySegment a = filled(arena, (long) m * k, 7);
        MemorySegment c = arena.allocate(4L * m * n, 64);
        PackedB b = packedInNative(arena, k, n);
        double[] gflops = new double[rounds];
        for (int r = -1; r < rounds; r++) { // round -1: untimed
            long calls = 0;
            long t0 = System.nanoTime();
            long dt;
            do {
                Sgemm.sgemm(engine, false, m, 1f, a, 0, k, b, 0f, c, 0, n);
                calls++;
            } while ((dt = System.nanoTime() - t0) < SAMPLE_NANOS);
            if (r >= 0) {
                gflops[r] = 2.0 * m * n * k * calls / dt;
            }
        }
        Arrays.sort(gflops);
        return gflops[rounds / 2];
    }

    /** A K x N matrix in the SGEMM's pre-packed layout ({@code Ba<nr>b}), in native memory. */
    private static PackedB packedInNative(Arena arena, int k, int n) {
        MemoryDesc d = MemoryDesc.of(new long[] {k, n}, DataType.F32, "Ba" + PackedB.panelWidth() + "b");
        MemorySegment seg = arena.allocate(4L * d.spanElements(), 64);
        for (int kk = 0; kk < k; kk++) {
            for (int j = 0; j < n; j++) {
                seg.setAtIndex(ValueLayout.JAVA_FLOAT, d.offset(kk, j), ((kk * 7 + j * 3) % 11 - 5) * 0.1f);
            }
        }
        return PackedB.wrap(k, n, seg, 0);
    }

    private static MemorySegment filled(Arena arena, long count, int mod) {
        MemorySegment s = arena.allocate(4L * count, 64);
        for (long i = 0; i < count; i++) {
            s.setAtIndex(ValueLayout.JAVA_FLOAT, i, (i % mod - mod / 2) * 0.1f);
        }
        return s;
    }

    /** Vector loads and stores on segments of three classes (heap float[], heap byte[], native). */
    private static void pollute() {
        var species = FloatVector.SPECIES_PREFERRED;
        MemorySegment[] kinds = {MemorySegment.ofArray(new float[256]), MemorySegment.ofArray(new byte[1024]),
            Arena.ofAuto().allocate(1024, 64)};
        for (int i = 0; i < 300_000; i++) {
            MemorySegment s = kinds[i % kinds.length];
            long at = 4L * ((i >> 2) & 15);
            FloatVector.fromMemorySegment(species, s, at, ByteOrder.nativeOrder())
                    .intoMemorySegment(s, at, ByteOrder.nativeOrder());
        }
    }
}
