package dev.jdnn.bench.run;

import dev.jdnn.engines.Engine;
import dev.jdnn.engines.gemm.PackedB;
import dev.jdnn.engines.gemm.Sgemm;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;

/**
 * Before the first timed problem, runs the SGEMM core's kernels until the JIT has compiled them.
 *
 * <p>benchdnn times native code; a JVM runs a kernel interpreted until C2 has compiled it, which
 * for a GEMM micro-kernel takes a few hundred milliseconds of calls. A problem's own warm-up
 * ({@link Timing}) stops once its times are steady, and a run of interpreted executions is steady
 * too: with a short {@code --max-ms-per-prb} the first problem of a run was measured interpreted
 * (67 ms instead of 0.07 ms). A long-running framework has its kernels compiled; so does the
 * driver after this: first {@link Sgemm#warmUp}, which runs every micro-kernel until it is
 * compiled (about 15 s on a 2-core machine, once per process), then the SGEMM driver's paths (packed
 * and in-place A, B packed per call, read in place or pre-packed, in arrays and native segments)
 * on small shapes for about {@link #MILLIS} ms. Nothing it computes is reported. Every operand is
 * a native segment, as the driver's memory is (the JDK's segment access code keeps one type
 * profile for all its callers: code that meets only native segments compiles to the simplest
 * accesses).
 */
final class JitWarmUp {
    /** Wall time spent (enough for C2 to compile the kernels on a 2-core machine). */
    static final long MILLIS = 1500;
    private static boolean done;

    private JitWarmUp() {
    }

    /** Runs once per process, on {@code engine}'s threads. */
    static synchronized void run(Engine engine) {
        if (done) {
            return;
        }
        done = true;
        Sgemm.warmUp(Duration.ofSeconds(30));
        try (Arena arena = Arena.ofShared()) {
            int size = 256 * 256;
            float[] a = new float[size];
            float[] b = new float[size];
            for (int i = 0; i < size; i++) {
                a[i] = (i % 7) * 0.25f;
                b[i] = (i % 5) * 0.5f;
            }
            MemorySegment sa = arena.allocate(4L * size, 64);
            MemorySegment sb = arena.allocate(4L * size, 64);
            MemorySegment sc = arena.allocate(4L * size, 64);
            MemorySegment.copy(a, 0, sa, ValueLayout.JAVA_FLOAT, 0, size);
            MemorySegment.copy(b, 0, sb, ValueLayout.JAVA_FLOAT, 0, size);
            PackedB packed = PackedB.pack(false, 128, 200, sb, 0, 200);
            // pre-packed weights in a native segment, as a reorder to the packed layout leaves them
            // (zeros: the values do not matter here)
            PackedB inSegment = PackedB.wrap(128, 200, arena.allocate(packed.byteSize(), 64), 0);
            long end = System.nanoTime() + MILLIS * 1_000_000L;
            while (System.nanoTime() < end) {
                for (int m : new int[] {1, 2, 3, 4, 17, 20, 40, 100}) {
                    // in-place / staged A, B packed per call or read in place, tails in both dims
                    Sgemm.sgemm(engine, false, false, m, 200, 128, 1f, sa, 0, 128, sb, 0, 200, 0f, sc, 0, 200);
                    Sgemm.sgemm(engine, false, false, m, 200, 128, 1f, sa, 0, 128, sb, 0, 200, 1f, sc, 0, 200);
                    Sgemm.sgemm(engine, true, true, m, 200, 128, 1f, sa, 0, m, sb, 0, 128, 0f, sc, 0, 200);
                    Sgemm.sgemm(engine, false, m, 1f, sa, 0, 128, inSegment, 0f, sc, 0, 200);
                    Sgemm.sgemm(engine, true, m, 1f, sa, 0, m, packed, 0f, sc, 0, 200);
                }
            }
        }
    }
}
