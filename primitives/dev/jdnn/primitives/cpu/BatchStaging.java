package dev.jdnn.primitives.cpu;

import dev.jdnn.engines.Settings;
import dev.jdnn.primitives.MatMulDesc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * How a batched matmul of many small GEMMs whose operands come from memory stages them: a run of
 * batches computes its C matrices into one per-thread native buffer, copied to dst, back to back,
 * after the run; optionally ({@link #stageOperands}) the run's A and B matrices are first copied,
 * back to back, into one per-thread array that its GEMMs read.
 *
 * <p>Why: such a GEMM (a transformer's 40x40x64 attention product: 27 KB of operands for 0.2
 * MFLOP) is bound by memory latency, not bandwidth. Each operand is a short stream that the
 * hardware prefetchers barely start on before it ends, and Java has no software prefetch.
 * A tile's stores to a C line not in cache wait for it (read for ownership) without overlapping the
 * arithmetic: writing 20 MB of C inside 2048 such GEMMs cost about 2.1 ms, a plain store loop
 * writes it in 0.85. Into a buffer that stays in L2 and then copied in one long stream, C costs
 * less. Through this primitive, Zen 4, one thread, three rounds of JVMs alternating, median of the
 * fastest call in each, time with C staged / nothing staged: 2048 x 40x64x40 1.02, 2048 x 40x40x64
 * 0.88, 1536 x 128x64x128 0.90, 1536 x 128x128x64 0.92.
 *
 * <p>A and B: copying a run's operands in one go makes one long stream the prefetchers do follow.
 * On Zen 5, without C staging (11 rounds alternating staged and in place in one JVM), time staged /
 * in place, one thread then two: 2048 x 40x64x40 0.85 / 0.86, 2048 x 40x40x64 0.88 / 0.93, 1536 x
 * 128x128x64 0.98 / 0.98, 1536 x 128x64x128 0.97 / 0.96. On Zen 4, the same rounds as above: 1.18,
 * 1.02, 1.00, 1.04 of nothing staged on one thread, and with C staged too 1.09-1.20x the time of C
 * alone on one and two threads. The copy is a pass of its own, the driver copies a segment A block
 * again anyway, and B read in place from a segment meets the driver's wide tiles (see the SGEMM's
 * GemmDriver). So it is off by default; Zen 5 was not measured with C staged.
 *
 * <p>An operand is staged only when it differs between batches (a broadcast one stays in cache)
 * and its matrix is dense enough that its span (first to last element) holds little else; C only
 * when dense (row stride N) and not read by the GEMM (no sum post-op). Staging is skipped when
 * every batch's operands together are under {@link #MIN_TOTAL_BYTES}, a fixed guess at what stays
 * in the caches (not derived from their sizes): data already there gains nothing from a copy.
 */
final class BatchStaging {
    /** At most this many multiply-adds per GEMM: bigger ones hide their operands' streams behind the arithmetic. */
    static final long MAX_MACS = 1L << 21;
    /** Operands of all batches at least this many bytes (they do not stay in a 2-core machine's caches). */
    static final long MIN_TOTAL_BYTES = 8L << 20;
    /** Floats a run stages at most (256 KiB: a quarter of a 1 MiB L2, next to the GEMMs' own blocks). */
    static final int RUN_FLOATS = Settings.getInt("jdnn.matmul.stageFloats", null, 1 << 16);

    /** Tests and probes: run every batch in place even where staging was planned. */
    static volatile boolean off;
    /**
     * Whether plans stage C ({@code jdnn.matmul.stageC}, default true; tests and probes may set it
     * before creating a primitive).
     */
    static volatile boolean stageDst = !"false".equals(Settings.get("jdnn.matmul.stageC", null));
    /** Whether plans stage A and B ({@code jdnn.matmul.stageAB}, default false: see above). */
    static volatile boolean stageOperands = "true".equals(Settings.get("jdnn.matmul.stageAB", null));

    private final long aSpan;
    private final long bSpan;
    private final long cSpan;
    private final int run;

    private BatchStaging(long aSpan, long bSpan, long cSpan, int run) {
        this.aSpan = aSpan;
        this.bSpan = bSpan;
        this.cSpan = cSpan;
        this.run = run;
    }

    /**
     * The staging of {@code d}'s batches (A is m x k, B k x n, C m x n, through the given views), or
     * null where it does not pay. {@code cRead}: the GEMM reads C (a sum post-op), which is then
     * written in place.
     */
    static BatchStaging of(MatMulDesc d, int m, int n, int k, MatrixView a, MatrixView b, boolean packedB,
            MatrixView c, boolean cRead) {
        long batches = d.batch();
        if (batches < 2 || (long) m * n * k > MAX_MACS) {
            return null;
        }
        long total = d.src().sizeInBytes() + d.weights().sizeInBytes() + d.dst().sizeInBytes();
        if (total < MIN_TOTAL_BYTES) {
            return null;
        }
        long aSpan = stageOperands && MatrixView.variesByBatch(d.src()) ? span(a, m, k) : 0;
        long bSpan = stageOperands && !packedB && MatrixView.variesByBatch(d.weights()) ? span(b, k, n) : 0;
        // C only when dense (its span is its elements: the copy back writes nothing else) and not read
        long cSpan = stageDst && !cRead && c.rowMajor() && c.ld() == n ? (long) m * n : 0;
        long perBatch = aSpan + bSpan + cSpan;
        int run = perBatch == 0 ? 0 : (int) Math.min(batches, RUN_FLOATS / perBatch);
        return run < 2 ? null : new BatchStaging(aSpan, bSpan, cSpan, run);
    }

    /**
     * Floats from a rows x cols matrix's first element to its last, or 0 (not staged) when that is
     * more than twice its elements (a strided view of a larger tensor).
     */
    private static long span(MatrixView v, long rows, long cols) {
        long outer = v.trans() ? cols : rows;
        long inner = v.trans() ? rows : cols;
        long span = (outer - 1) * v.ld() + inner;
        return span <= 2 * rows * cols ? span : 0;
    }

    /** Batches per run. */
    int run() {
        return run;
    }

    /** Floats of the per-thread array a run is staged into. */
    int floats() {
        return (int) ((aSpan + bSpan) * run);
    }

    boolean stagesA() {
        return aSpan > 0;
    }

    boolean stagesB() {
        return bSpan > 0;
    }

    boolean stagesC() {
        return cSpan > 0;
    }

    /** Where slot {@code slot}'s C lies in the C staging segment. */
    long cAt(int slot) {
        return slot * cSpan;
    }

    /** Where slot {@code slot}'s A lies in the staging array. */
    long aAt(int slot) {
        return slot * aSpan;
    }

    /** Where slot {@code slot}'s B lies in the staging array (after the run's A matrices). */
    long bAt(int slot) {
        return run * aSpan + slot * bSpan;
    }

    /**
     * The calling thread's staging buffer, at least {@link #floats()} long: a heap segment over a
     * {@code float[]}, which the SGEMM reads as an array. Shared by every matmul the thread runs (a
     * run's GEMMs never start another run), grown when one needs more.
     */
    MemorySegment buffer() {
        MemorySegment buf = BUFFER.get();
        if (buf.byteSize() < 4L * floats()) {
            buf = MemorySegment.ofArray(new float[floats()]);
            BUFFER.set(buf);
        }
        return buf;
    }

    private static final ThreadLocal<MemorySegment> BUFFER = ThreadLocal.withInitial(() -> MemorySegment.ofArray(new float[0]));

    /**
     * The calling thread's C staging segment, room for a run's C matrices: native, as a primitive's
     * dst usually is, so the GEMM runs the same segment-C kernels staged or not (a kernel that meets
     * both kinds of C is recompiled, see the SGEMM's kernels). Shared and grown like {@link #buffer()}.
     */
    MemorySegment cBuffer() {
        MemorySegment buf = C_BUFFER.get();
        if (buf.byteSize() < 4 * cSpan * run) {
            buf = Arena.ofAuto().allocate(4 * cSpan * run, 64);
            C_BUFFER.set(buf);
        }
        return buf;
    }

    private static final ThreadLocal<MemorySegment> C_BUFFER = ThreadLocal.withInitial(() -> MemorySegment.NULL);

    /** Copies one batch's staged operands (A from {@code aOff} of {@code src}, B from {@code bOff} of {@code wei}) into {@code slot}. */
    void stage(MemorySegment buffer, int slot, MemorySegment src, long aOff, MemorySegment wei, long bOff) {
        if (aSpan > 0) {
            MemorySegment.copy(src, 4 * aOff, buffer, 4 * aAt(slot), 4 * aSpan);
        }
        if (bSpan > 0) {
            MemorySegment.copy(wei, 4 * bOff, buffer, 4 * bAt(slot), 4 * bSpan);
        }
    }

    /** Copies slot {@code slot}'s finished C from the C staging segment to {@code dst} at {@code cOff}. */
    void unstageC(MemorySegment cBuffer, int slot, MemorySegment dst, long cOff) {
        MemorySegment.copy(cBuffer, 4 * cAt(slot), dst, 4 * cOff, 4 * cSpan);
    }
}
