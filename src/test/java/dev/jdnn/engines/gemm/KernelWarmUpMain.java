package dev.jdnn.engines.gemm;

import dev.jdnn.engines.Engine;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Run by {@link KernelJitTest} in a JVM printing its compilations: {@link Sgemm#warmUp}, the result,
 * then GEMMs of the kinds a workload brings after it (confined and shared memory, arrays, beta 0 and
 * 1, K over one block, row and column tails, transposes, K &lt;= 4), and vectors of the other element
 * types (gelu_erf's int vectors, say), so that the test can check that none of them makes a kernel
 * compiled during the warm-up trap.
 */
public final class KernelWarmUpMain {
    private KernelWarmUpMain() {
    }

    public static void main(String[] args) {
        boolean ok = Sgemm.warmUp(Duration.ofSeconds(90));
        System.out.println();
        System.out.println("warmUp " + ok);
        System.out.println("kernel " + Sgemm.kernelName());
        try (Engine engine = Engine.cpu(1); Arena confined = Arena.ofConfined(); Arena shared = Arena.ofShared()) {
            for (int rep = 0; rep < 20; rep++) {
                for (Arena arena : new Arena[] {confined, shared}) {
                    for (int[] mnk : new int[][] {{67, 83, 1100}, {3, 500, 300}, {70, 131, 2}, {9, 40, 4}}) {
                        segmentGemms(engine, arena, mnk[0], mnk[1], mnk[2]);
                    }
                }
                arrayGemms(engine, 67, 83, 1100);
                otherElementTypes();
            }
        }
        System.out.println("workload done");
    }

    /**
     * Float lanes turned into int lanes and back, and vectors of every other element type: the first
     * use of a vector class after the kernels were compiled used to invalidate them all (C2's
     * class-hierarchy assumptions), which {@code VectorProbe} prevents by loading them all first.
     */
    private static void otherElementTypes() {
        float[] x = new float[FloatVector.SPECIES_PREFERRED.length()];
        FloatVector v = FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, x, 0);
        v.convert(VectorOperators.F2I, 0).reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats()
                .intoArray(x, 0);
        for (Class<?> type : new Class<?>[] {byte.class, short.class, long.class, double.class}) {
            VectorSpecies<?> s = VectorSpecies.of(type, VectorShape.preferredShape());
            s.zero().compare(VectorOperators.EQ, 0).toVector();
        }
    }

    private static void segmentGemms(Engine engine, Arena arena, int m, int n, int k) {
        MemorySegment a = arena.allocate(4L * m * k, 64);
        MemorySegment b = arena.allocate(4L * k * n, 64);
        MemorySegment c = arena.allocate(4L * m * n, 64);
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                for (float beta : new float[] {0f, 1f}) {
                    Sgemm.sgemm(engine, transA, transB, m, n, k, 1f, a, 0, transA ? m : k, b, 0, transB ? k : n,
                            beta, c, 0, n);
                }
            }
        }
    }

    private static void arrayGemms(Engine engine, int m, int n, int k) {
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        float[] c = new float[m * n];
        for (boolean transB : new boolean[] {false, true}) {
            for (float beta : new float[] {0f, 1f}) {
                Sgemm.sgemm(engine, false, transB, m, n, k, 1f, a, 0, k, b, 0, transB ? k : n, beta, c, 0, n);
            }
        }
    }
}
