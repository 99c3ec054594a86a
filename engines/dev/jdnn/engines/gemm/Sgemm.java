package dev.jdnn.engines.gemm;

import dev.jdnn.engines.Engine;
import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.Status;
import java.lang.foreign.MemorySegment;

/**
 * Single-precision GEMM, row-major: {@code C = alpha * op(A) * op(B) + beta * C}, with the
 * semantics of {@code cblas_sgemm(CblasRowMajor, ...)} and oneDNN's {@code dnnl_sgemm}.
 *
 * <ul>
 * <li>{@code op(A)} is M x K, {@code op(B)} is K x N, C is M x N; {@code op(X)} is X or its
 * transpose. A matrix is stored row-major from an offset with a leading dimension (row stride):
 * element (r, c) as stored is at {@code offset + r * ld + c}, in floats for arrays and segments
 * alike. A transposed A is stored K x M (so {@code lda >= M}), an untransposed one M x K
 * ({@code lda >= K}); likewise B; {@code ldc >= N}.</li>
 * <li>{@code beta == 0} never reads C, so NaN or garbage in C cannot leak into the result;
 * {@code alpha == 0} or {@code K == 0} never reads A or B (C becomes {@code beta * C}).</li>
 * <li>Arguments are checked before anything is written: a bad dimension, leading dimension, offset
 * or a matrix that does not fit its array or segment throws {@link JdnnException} with status
 * INVALID_ARGUMENTS naming the argument. C must not overlap A or B.</li>
 * <li>Threads come from {@code engine}'s pool (a problem too small to share runs on the calling
 * thread, and so does one with a segment confined to the calling thread, which no other thread
 * may touch); any number of threads may call concurrently.</li>
 * </ul>
 * A primitive that multiplies by the same weights many times packs them once with
 * {@link PackedB#pack} and calls the {@code PackedB} forms.
 */
public final class Sgemm {
    private Sgemm() {
    }

    /** {@code C = alpha * op(A) * op(B) + beta * C} over arrays (offsets and leading dimensions in floats). */
    public static void sgemm(Engine engine, boolean transA, boolean transB, int m, int n, int k,
            float alpha, float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
            float beta, float[] c, int cOffset, int ldc) {
        checkCommon(engine, m, n, k);
        JdnnException.requireNonNull(a, "a");
        JdnnException.requireNonNull(b, "b");
        JdnnException.requireNonNull(c, "c");
        checkMatrix("a", transA ? k : m, transA ? m : k, aOffset, lda, a.length);
        checkMatrix("b", transB ? n : k, transB ? k : n, bOffset, ldb, b.length);
        checkMatrix("c", m, n, cOffset, ldc, c.length);
        execute(engine, m, n, k, alpha, holder(0).set(a, aOffset, lda, transA), holder(1).set(b, bOffset, ldb, transB),
                null, beta, holder(2).set(c, cOffset, ldc, false), null);
    }

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C} over memory segments (heap or native; offsets and
     * leading dimensions in floats, not bytes; native byte order).
     */
    public static void sgemm(Engine engine, boolean transA, boolean transB, int m, int n, int k,
            float alpha, MemorySegment a, long aOffset, long lda, MemorySegment b, long bOffset, long ldb,
            float beta, MemorySegment c, long cOffset, long ldc) {
        sgemm(engine, transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc, null);
    }

    /**
     * The segment form with an epilogue fused on each finished block of C (null for none): a
     * primitive's bias and post-ops applied while the block is in cache.
     */
    public static void sgemm(Engine engine, boolean transA, boolean transB, int m, int n, int k,
            float alpha, MemorySegment a, long aOffset, long lda, MemorySegment b, long bOffset, long ldb,
            float beta, MemorySegment c, long cOffset, long ldc, GemmEpilogue epilogue) {
        checkCommon(engine, m, n, k);
        JdnnException.requireNonNull(a, "a");
        JdnnException.requireNonNull(b, "b");
        checkC(c);
        checkMatrix("a", transA ? k : m, transA ? m : k, aOffset, lda, a.byteSize() / 4);
        checkMatrix("b", transB ? n : k, transB ? k : n, bOffset, ldb, b.byteSize() / 4);
        checkMatrix("c", m, n, cOffset, ldc, c.byteSize() / 4);
        execute(engine, m, n, k, alpha, holder(0).set(a, aOffset, lda, transA), holder(1).set(b, bOffset, ldb, transB),
                null, beta, holder(2).set(c, cOffset, ldc, false), epilogue);
    }

    /** {@code C = alpha * op(A) * B + beta * C} with B pre-packed ({@code N = b.n()}, {@code K = b.k()}). */
    public static void sgemm(Engine engine, boolean transA, int m, float alpha, float[] a, int aOffset, int lda,
            PackedB b, float beta, float[] c, int cOffset, int ldc) {
        JdnnException.requireNonNull(b, "b (PackedB)");
        int n = b.n();
        int k = b.k();
        checkCommon(engine, m, n, k);
        JdnnException.requireNonNull(a, "a");
        JdnnException.requireNonNull(c, "c");
        checkMatrix("a", transA ? k : m, transA ? m : k, aOffset, lda, a.length);
        checkMatrix("c", m, n, cOffset, ldc, c.length);
        execute(engine, m, n, k, alpha, holder(0).set(a, aOffset, lda, transA), null, b, beta,
                holder(2).set(c, cOffset, ldc, false), null);
    }

    /** {@code C = alpha * op(A) * B + beta * C} with B pre-packed, A and C in memory segments (floats). */
    public static void sgemm(Engine engine, boolean transA, int m, float alpha, MemorySegment a, long aOffset, long lda,
            PackedB b, float beta, MemorySegment c, long cOffset, long ldc) {
        sgemm(engine, transA, m, alpha, a, aOffset, lda, b, beta, c, cOffset, ldc, null);
    }

    /** The pre-packed segment form with an epilogue fused on each finished block of C (null for none). */
    public static void sgemm(Engine engine, boolean transA, int m, float alpha, MemorySegment a, long aOffset, long lda,
            PackedB b, float beta, MemorySegment c, long cOffset, long ldc, GemmEpilogue epilogue) {
        JdnnException.requireNonNull(b, "b (PackedB)");
        int n = b.n();
        int k = b.k();
        checkCommon(engine, m, n, k);
        JdnnException.requireNonNull(a, "a");
        checkC(c);
        checkMatrix("a", transA ? k : m, transA ? m : k, aOffset, lda, a.byteSize() / 4);
        checkMatrix("c", m, n, cOffset, ldc, c.byteSize() / 4);
        execute(engine, m, n, k, alpha, holder(0).set(a, aOffset, lda, transA), null, b, beta,
                holder(2).set(c, cOffset, ldc, false), epilogue);
    }

    /**
     * Runs every micro-kernel on small tiles until the JIT has compiled it, for at most {@code max}:
     * call it once at start-up (a framework before its first step, a benchmark before timing) so that
     * the first GEMMs of each kind do not run interpreted while C2 compiles their kernel (100 to 1000
     * times slower, for the first few hundred milliseconds of each new kind of tile). It takes 10 to
     * 20 seconds on a 2-core machine, mostly C2 compiling; it computes nothing visible and may be
     * called from any thread, any number of times (later calls return at once). Each kernel sees
     * both of its store paths (beta 0 and not), shared and confined memory: a kernel compiled on one
     * only traps on the other and runs interpreted again until it is recompiled.
     *
     * @return true when every kernel runs compiled; false when {@code max} ran out first (the rest
     *     compile in the background, as without the call)
     */
    public static boolean warmUp(java.time.Duration max) {
        JdnnException.requireNonNull(max, "max");
        if (max.isNegative()) {
            throw new JdnnException(Status.INVALID_ARGUMENTS, "max = " + max + " is negative");
        }
        synchronized (Sgemm.class) {
            if (warm) {
                return true;
            }
            long nanos = max.compareTo(java.time.Duration.ofDays(1)) > 0 ? Long.MAX_VALUE / 2 : max.toNanos();
            warm = KernelWarmUp.run(Kernels.MICRO, nanos) == 0;
            return warm;
        }
    }

    /** Whether {@link #warmUp} has seen every kernel compiled. */
    private static boolean warm;

    /** The micro-kernel in use, e.g. {@code vector512_12x32} (for logs and benchmarks). */
    public static String kernelName() {
        return Kernels.MICRO.name();
    }

    /** The cache blocking in use. */
    public static GemmBlocking blocking() {
        return Kernels.BLOCKING;
    }

    /**
     * The calling thread's holder for operand {@code i} (0: A, 1: B, 2: C), set afresh by each call
     * (the engine's pool hands it to the workers), so that a call allocates nothing.
     */
    private static Operand holder(int i) {
        return Scratch.get().operand(i);
    }

    private static void execute(Engine engine, int m, int n, int k, float alpha, Operand a, Operand b, PackedB packed,
            float beta, Operand c, GemmEpilogue epilogue) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            scale(m, n, beta, c);
            GemmDriver.finishAll(epilogue, m, n, c);
            return;
        }
        int threads = sharable(a) && sharable(b) && sharable(c) ? engine.threads() : 1;
        if (packed == null && (m == 1 || n == 1)) {
            Gemv.run(engine, threads, m, n, k, alpha, a, b, beta, c);
            GemmDriver.finishAll(epilogue, m, n, c);
            return;
        }
        if (packed == null && FewRowsGemm.serves(m, n, k, b)) {
            FewRowsGemm.run(engine, threads, m, n, k, alpha, a, b, beta, c);
            GemmDriver.finishAll(epilogue, m, n, c);
            return;
        }
        if (packed == null && k <= SmallK.MAX_K) {
            SmallK.run(engine, threads, m, n, k, alpha, a, b, beta, c, epilogue);
            return;
        }
        GemmDriver.run(engine, threads, m, n, k, alpha, a, b, packed, beta, c, epilogue);
    }

    /** An unstarted thread, only asked about: a segment it may not access is confined to its owner. */
    private static final Thread OTHER = Thread.ofPlatform().unstarted(() -> { });

    /** Whether the engine's workers may read or write the operand (a confined segment: only its owner). */
    private static boolean sharable(Operand x) {
        return x == null || x.segment == null || x.segment.isAccessibleBy(OTHER);
    }

    /** C = beta * C (beta == 0: zeros, C unread). */
    private static void scale(int m, int n, float beta, Operand c) {
        if (beta == 1f) {
            return;
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                c.set(i, j, beta == 0f ? 0f : beta * c.get(i, j));
            }
        }
    }

    private static void checkCommon(Engine engine, int m, int n, int k) {
        JdnnException.requireNonNull(engine, "engine");
        if (engine.isClosed()) {
            throw new JdnnException(Status.RUNTIME_ERROR, "engine " + engine + " is closed");
        }
        // (messages are built only on failure: a call allocates nothing on the way in)
        if (m < 0) {
            throw JdnnException.invalid("m = " + m + " must be >= 0");
        }
        if (n < 0) {
            throw JdnnException.invalid("n = " + n + " must be >= 0");
        }
        if (k < 0) {
            throw JdnnException.invalid("k = " + k + " must be >= 0");
        }
    }

    private static void checkC(MemorySegment c) {
        JdnnException.requireNonNull(c, "c");
        if (c.isReadOnly()) {
            throw JdnnException.invalid("c is a read-only segment");
        }
    }

    /**
     * Checks a stored {@code rows x cols} matrix of {@code name} at {@code offset} with leading
     * dimension {@code ld} within {@code length} floats.
     */
    static void checkMatrix(String name, long rows, long cols, long offset, long ld, long length) {
        if (offset < 0) {
            throw JdnnException.invalid(name + " offset = " + offset + " must be >= 0");
        }
        if (ld < Math.max(1, cols)) {
            throw JdnnException.invalid("ld" + name + " = " + ld + " must be >= max(1, " + cols
                    + ") (the columns of " + name + " as stored: " + rows + " x " + cols + ")");
        }
        if (rows > 0 && cols > 0) {
            long end;
            try {
                end = Math.addExact(offset, Math.addExact(Math.multiplyExact(rows - 1, ld), cols));
            } catch (ArithmeticException e) {
                end = Long.MAX_VALUE;
            }
            if (end > length) {
                throw JdnnException.invalid(name + " (" + rows + " x " + cols + ", offset " + offset + ", ld"
                        + name + " " + ld + ") needs " + end + " floats but has " + length);
            }
        }
    }
}
