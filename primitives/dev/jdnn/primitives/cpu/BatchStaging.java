package dev.jdnn.primitives.cpu;

import dev.jdnn.engines.Settings;
import dev.jdnn.primitives.MatMulDesc;
import java.lang.foreign.MemorySegment;

/**
 * How a batched matmul of many small GEMMs whose operands come from memory stages them: a run of
 * batches has its A and B matrices copied, back to back, into one per-thread array, and the run's
 * GEMMs then read the copies (C is written in place).
 *
 * <p>Why: such a GEMM (a transformer's 40x40x64 attention product: 27 KB of operands for 0.2
 * MFLOP) is bound by memory latency, not bandwidth. Each operand is a short stream that the
 * hardware prefetchers barely start on before it ends, and Java has no software prefetch. Copying
 * a run's operands in one go makes one long stream they do follow. Through this primitive, Zen 5,
 * native memory, 11 rounds alternating staged and in place in one JVM ({@link #off}), time staged /
 * in place, one thread then two: 2048 x 40x64x40 0.85 / 0.86, 2048 x 40x40x64 0.88 / 0.93, 1536 x
 * 128x128x64 0.98 / 0.98, 1536 x 128x64x128 0.97 / 0.96 (other JVMs: 0.81-1.05 per shape).
 * (Copying C out of a staged array too measured slower than writing it in place.)
 *
 * <p>An operand is staged only when it differs between batches (a broadcast one stays in cache)
 * and its matrix is dense enough that its span (first to last element) holds little else.
 * Staging is skipped when every batch's operands together are under {@link #MIN_TOTAL_BYTES}, a
 * fixed guess at what stays in the caches (not derived from their sizes): data already there gains
 * nothing from a copy.
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

    private final long aSpan;
    private final long bSpan;
    private final int run;

    private BatchStaging(long aSpan, long bSpan, int run) {
        this.aSpan = aSpan;
        this.bSpan = bSpan;
        this.run = run;
    }

    /**
     * The staging of {@code d}'s batches (A is m x k, B k x n, through the given views), or null
     * where it does not pay.
     */
    static BatchStaging of(MatMulDesc d, int m, int n, int k, MatrixView a, MatrixView b, boolean packedB) {
        long batches = d.batch();
        if (batches < 2 || (long) m * n * k > MAX_MACS) {
            return null;
        }
        long total = d.src().sizeInBytes() + d.weights().sizeInBytes() + d.dst().sizeInBytes();
        if (total < MIN_TOTAL_BYTES) {
            return null;
        }
        long aSpan = MatrixView.variesByBatch(d.src()) ? span(a, m, k) : 0;
        long bSpan = !packedB && MatrixView.variesByBatch(d.weights()) ? span(b, k, n) : 0;
        long perBatch = aSpan + bSpan;
        int run = perBatch == 0 ? 0 : (int) Math.min(batches, RUN_FLOATS / perBatch);
        return run < 2 ? null : new BatchStaging(aSpan, bSpan, run);
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

    /** Copies one batch's staged operands (A from {@code aOff} of {@code src}, B from {@code bOff} of {@code wei}) into {@code slot}. */
    void stage(MemorySegment buffer, int slot, MemorySegment src, long aOff, MemorySegment wei, long bOff) {
        if (aSpan > 0) {
            MemorySegment.copy(src, 4 * aOff, buffer, 4 * aAt(slot), 4 * aSpan);
        }
        if (bSpan > 0) {
            MemorySegment.copy(wei, 4 * bOff, buffer, 4 * bAt(slot), 4 * bSpan);
        }
    }
}
