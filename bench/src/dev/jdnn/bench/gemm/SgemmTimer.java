package dev.jdnn.bench.gemm;

import dev.jdnn.engines.Engine;
import dev.jdnn.engines.gemm.PackedB;
import dev.jdnn.engines.gemm.Sgemm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Times jdnn's SGEMM ({@code C = A * B}, row-major, no transposes, alpha 1, beta 0, float[] operands)
 * the way {@code shared/anchors/native/gemm_bench.cpp} times oneDNN's {@code dnnl_sgemm}: warm-up
 * (at least 2 calls and 1.5 s rather than the anchors' 0.15 s: the JIT must have compiled the kernels), an inner repeat count so one sample lasts at least 20 ms, then 5 to
 * 15 samples within about 1.2 s; prints the median per-call time and GFLOP/s, and the largest relative
 * error of 48 sampled C entries against a double-precision dot product.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp ... dev.jdnn.bench.gemm.SgemmTimer [--threads=1,2] [--packed] [--reps=N] [--warmup=SECONDS] [--jit-warmup=SECONDS] MxNxK ...
 * </pre>
 * No shape: the 14 shapes. {@code --packed}: B pre-packed once outside the timing (the
 * primitive use case). {@code --reps=N}: time every shape N times round-robin (report each).
 */
public final class SgemmTimer {
    static final String[] DEFAULT_SHAPES = {"128x128x128", "256x256x256", "512x512x512", "1024x1024x1024",
        "2048x2048x2048", "4096x4096x4096", "1x4096x4096", "128x768x768", "128x3072x768", "512x768x3072",
        "3136x64x576", "784x128x1152", "49x512x4608", "196x256x2304"};

    /** Warm-up per shape: long enough for C2 to compile the micro-kernels (about 0.3 s each, in the background). */
    static double warmupSeconds = 1.5;
    /** JIT warm-up before the first shape (seconds). */
    static double jitSeconds = 2;

    private SgemmTimer() {
    }

    public static void main(String[] args) {
        int[] threads = {1};
        boolean packed = false;
        int reps = 1;
        List<String> shapes = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("--threads=")) {
                threads = Arrays.stream(a.substring(10).split(",")).mapToInt(Integer::parseInt).toArray();
            } else if (a.equals("--packed")) {
                packed = true;
            } else if (a.startsWith("--jit-warmup=")) {
                jitSeconds = Double.parseDouble(a.substring(13));
            } else if (a.startsWith("--warmup=")) {
                warmupSeconds = Double.parseDouble(a.substring(9));
            } else if (a.startsWith("--reps=")) {
                reps = Integer.parseInt(a.substring(7));
            } else {
                shapes.add(a);
            }
        }
        if (shapes.isEmpty()) {
            shapes.addAll(Arrays.asList(DEFAULT_SHAPES));
        }
        System.out.println("# jdnn sgemm kernel " + Sgemm.kernelName() + ", blocking " + Sgemm.blocking()
                + ", java " + Runtime.version());
        jitWarmup(packed);
        for (int rep = 0; rep < reps; rep++) {
            for (int t : threads) {
                try (Engine engine = Engine.cpu(t)) {
                    for (String s : shapes) {
                        String[] p = s.split("x");
                        run(engine, t, Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]), packed);
                    }
                }
            }
        }
    }

    /**
     * Before any timing: {@link Sgemm#warmUp} (every micro-kernel compiled), then about {@code jitSeconds} of GEMMs whose tiles cover every micro-kernel
     * shape and both C store paths, on one and two threads, so that C2 has compiled the kernels
     * (the big ones take ~0.3 s each, and on two busy cores the compiler thread gets little time).
     */
    static void jitWarmup(boolean packed) {
        Sgemm.warmUp(java.time.Duration.ofSeconds(30));
        long end = System.nanoTime() + (long) (jitSeconds * 1e9);
        try (Engine one = Engine.cpu(1); Engine two = Engine.cpu(2)) {
            float[] a = random(400 * 800, 3);
            float[] b = random(800 * 1000, 4);
            float[] c = new float[400 * 1000];
            PackedB pb = PackedB.pack(false, 800, 1000, b, 0, 1000);
            int i = 0;
            while (System.nanoTime() < end) {
                Engine e = (i & 1) == 0 ? one : two;
                int m = 389 - (i % 12);
                int n = 400 - (i % 31);
                // 400 columns read A in place (row-major kernels), 1000 pack it (k-major kernels)
                int wide = 1000 - (i % 31);
                if (packed) {
                    Sgemm.sgemm(e, false, m, 1f, a, 0, 800, pb, 0f, c, 0, 1000);
                } else {
                    Sgemm.sgemm(e, false, false, m, n, 800, 1f, a, 0, 800, b, 0, 1000, 0f, c, 0, 1000);
                    Sgemm.sgemm(e, false, false, m, wide, 800, 1f, a, 0, 800, b, 0, 1000, 0f, c, 0, 1000);
                    Sgemm.sgemm(e, false, false, 60, 50, 800, 1f, a, 0, 800, b, 0, 1000, 1f, c, 0, 1000);
                }
                i++;
            }
        }
    }

    static void run(Engine engine, int threads, int m, int n, int k, boolean packed) {
        float[] a = random((long) m * k, 1);
        float[] b = random((long) k * n, 2);
        float[] c = new float[m * n];
        PackedB pb = packed ? PackedB.pack(false, k, n, b, 0, n) : null;
        Runnable call = packed
                ? () -> Sgemm.sgemm(engine, false, m, 1f, a, 0, k, pb, 0f, c, 0, n)
                : () -> Sgemm.sgemm(engine, false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
        double[] st = measure(call, 1.2, 5, 15, 0.02, warmupSeconds);
        double flops = 2.0 * m * n * k;
        double err = check(m, n, k, a, b, c);
        System.out.printf("RESULT,gemm,jdnn%s,%d,%dx%dx%d,%.4f,%.4f,%.4f,%.2f,samples=%d;maxrelerr=%.1e%n",
                packed ? "_packed" : "", threads, m, n, k, st[0] * 1e3, st[1] * 1e3, st[2] * 1e3,
                flops / st[0] * 1e-9, (int) st[3], err);
    }

    /** {median, min, max, samples} in seconds per call; the anchors' policy (bench_common.h). */
    static double[] measure(Runnable f, double budget, int minSamples, int maxSamples, double minSample, double warmup) {
        long t0 = System.nanoTime();
        int warm = 0;
        double last = Double.MAX_VALUE;
        while (true) {
            double prev = last;
            long s = System.nanoTime();
            f.run();
            last = (System.nanoTime() - s) * 1e-9;
            warm++;
            double el = (System.nanoTime() - t0) * 1e-9;
            // a call of over a second ends the warm-up only once a repeat is as fast as the one
            // before (the first calls of a shape can run interpreted while C2 compiles its kernel)
            if (warm >= 2 && el >= warmup || last > 1.0 && warm >= 2 && last <= prev * 1.1 || warm >= 1000) {
                break;
            }
        }
        long inner = Math.max(1, (long) Math.ceil(minSample / Math.max(last, 1e-9)));
        double sampleS = last * inner;
        int ns = (int) Math.floor(budget / Math.max(sampleS, 1e-9));
        ns = Math.max(minSamples, Math.min(maxSamples, ns));
        double[] v = new double[ns];
        for (int i = 0; i < ns; i++) {
            long s = System.nanoTime();
            for (long j = 0; j < inner; j++) {
                f.run();
            }
            v[i] = (System.nanoTime() - s) * 1e-9 / inner;
        }
        Arrays.sort(v);
        double med = ns % 2 == 1 ? v[ns / 2] : 0.5 * (v[ns / 2 - 1] + v[ns / 2]);
        return new double[] {med, v[0], v[ns - 1], ns};
    }

    static float[] random(long size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[Math.toIntExact(size)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }

    static double check(int m, int n, int k, float[] a, float[] b, float[] c) {
        SplittableRandom g = new SplittableRandom(7);
        double worst = 0;
        for (int t = 0; t < 48; t++) {
            int i = g.nextInt(m);
            int j = g.nextInt(n);
            double ref = 0;
            double mag = 0;
            for (int p = 0; p < k; p++) {
                double x = (double) a[i * k + p] * b[p * n + j];
                ref += x;
                mag += Math.abs(x);
            }
            worst = Math.max(worst, Math.abs(ref - c[i * n + j]) / (mag > 0 ? mag : 1));
        }
        return worst;
    }
}
