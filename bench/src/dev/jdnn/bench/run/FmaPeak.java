package dev.jdnn.bench.run;

import java.util.concurrent.CountDownLatch;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The machine's f32 FMA peak as Java reaches it: each of {@code threads} threads runs a loop of
 * independent vector FMAs (enough accumulators to hide the FMA latency) on the preferred vector
 * species, and the flops of all threads are divided by the slowest thread's time. Measured once
 * per run; the reports give jdnn's GFLOP/s as a share of it.
 */
public final class FmaPeak {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int ITERATIONS = 8_000_000;
    private static final int WARM_UP_CALLS = 60;
    private static final int ROUNDS = 3;
    /** Independent accumulators per iteration. */
    private static final int CHAINS = 12;

    private FmaPeak() {
    }

    /**
     * GFLOP/s of {@code threads} threads doing vector FMAs: the best of a few rounds, after enough
     * calls for the JIT to compile the loop fully (well under a second in all).
     */
    public static double measure(int threads) {
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            sink(loop(20_000));
        }
        double best = 0;
        for (int r = 0; r < ROUNDS; r++) {
            best = Math.max(best, round(threads));
        }
        return best;
    }

    private static double round(int threads) {
        double[] seconds = new double[threads];
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers[t] = Thread.ofPlatform().daemon().start(() -> {
                ready.countDown();
                await(go);
                long start = System.nanoTime();
                sink(loop(ITERATIONS));
                seconds[id] = (System.nanoTime() - start) / 1e9;
            });
        }
        await(ready);
        go.countDown();
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Double.NaN;
            }
        }
        double slowest = 0;
        for (double s : seconds) {
            slowest = Math.max(slowest, s);
        }
        double flops = 2.0 * SPECIES.length() * CHAINS * (double) ITERATIONS * threads;
        return flops / slowest / 1e9;
    }

    /** {@code CHAINS} independent chains of {@code a = a * b + c}. */
    private static float loop(int iterations) {
        FloatVector b = FloatVector.broadcast(SPECIES, 0.999999f);
        FloatVector c = FloatVector.broadcast(SPECIES, 1e-7f);
        FloatVector a0 = FloatVector.broadcast(SPECIES, 1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
        FloatVector a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (int i = 0; i < iterations; i++) {
            a0 = a0.fma(b, c);
            a1 = a1.fma(b, c);
            a2 = a2.fma(b, c);
            a3 = a3.fma(b, c);
            a4 = a4.fma(b, c);
            a5 = a5.fma(b, c);
            a6 = a6.fma(b, c);
            a7 = a7.fma(b, c);
            a8 = a8.fma(b, c);
            a9 = a9.fma(b, c);
            a10 = a10.fma(b, c);
            a11 = a11.fma(b, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11).reduceLanes(
                jdk.incubator.vector.VectorOperators.ADD);
    }

    private static volatile float sunk;

    /** Keeps the JIT from dropping the loop. */
    private static void sink(float v) {
        sunk = v;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
