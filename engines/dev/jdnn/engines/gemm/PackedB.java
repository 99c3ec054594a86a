package dev.jdnn.engines.gemm;

import dev.jdnn.memory.JdnnException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Optional;

/**
 * {@code op(B)} (K x N) in the SGEMM core's panel layout, for weights multiplied many times: a
 * primitive packs (or reorders) them once and calls the {@code PackedB} forms of {@link Sgemm}.
 *
 * <p>Layout: panels of {@link #panelWidth()} columns ({@code nr}, the micro-kernel's tile width),
 * panel {@code p} holding columns {@code [p*nr, p*nr + nr)} for all K rows, row-major and
 * zero-padded past column N: element {@code (k, j)} is at
 * {@code (j / nr) * K * nr + k * nr + j % nr}. That is oneDNN's blocked format {@code Ba<nr>b} of
 * a K x N matrix (N padded to a multiple of nr), so a reorder primitive can produce it, and any K
 * block of a panel is one contiguous run the micro-kernel streams.
 *
 * <p>A {@code PackedB} either owns or views a {@code float[]}, or views a native segment; either is
 * read in place (a kernel without segment forms, the scalar one, gets a straight copy of each
 * block). Immutable; safe to share between threads.
 */
public final class PackedB {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    final int k;
    final int n;
    final int nr;
    final float[] data;
    final int offset;
    final MemorySegment segment;
    final long segmentOffset;

    private PackedB(int k, int n, int nr, float[] data, int offset, MemorySegment segment, long segmentOffset) {
        this.k = k;
        this.n = n;
        this.nr = nr;
        this.data = data;
        this.offset = offset;
        this.segment = segment;
        this.segmentOffset = segmentOffset;
    }

    /** The panel width {@code nr} of this JVM's micro-kernel: the block size of the packed layout. */
    public static int panelWidth() {
        return Kernels.BLOCKING.nr();
    }

    /** Floats a packed K x N matrix occupies: {@code K * roundUp(N, nr)}. */
    public static long size(int k, int n) {
        int nr = panelWidth();
        return (long) k * ((n + nr - 1L) / nr * nr);
    }

    /** Packs {@code op(B)}, K x N, from {@code b} (row-major, element offset, leading dimension). */
    public static PackedB pack(boolean transB, int k, int n, float[] b, int bOffset, int ldb) {
        JdnnException.requireNonNull(b, "b");
        Sgemm.checkMatrix("b", transB ? n : k, transB ? k : n, bOffset, ldb, b.length);
        return pack(Operand.of(b, bOffset, ldb, transB), k, n);
    }

    /** Packs {@code op(B)}, K x N, from {@code b} (offset and leading dimension in floats). */
    public static PackedB pack(boolean transB, int k, int n, MemorySegment b, long bOffset, long ldb) {
        JdnnException.requireNonNull(b, "b");
        Sgemm.checkMatrix("b", transB ? n : k, transB ? k : n, bOffset, ldb, b.byteSize() / 4);
        return pack(Operand.of(b, bOffset, ldb, transB), k, n);
    }

    private static PackedB pack(Operand b, int k, int n) {
        checkShape(k, n);
        long size = size(k, n);
        if (size > Integer.MAX_VALUE - 16) {
            throw JdnnException.invalid("PackedB of k = " + k + " x n = " + n + " needs " + size
                    + " floats, more than a Java array holds");
        }
        float[] data = new float[(int) size];
        int nr = panelWidth();
        Packing.packB(b, 0, k, 0, n, nr, Kernels.MICRO, data, 0);
        return new PackedB(k, n, nr, data, 0, null, 0);
    }

    /** A view of a K x N matrix already in the packed layout at {@code data[offset..]} (not copied). */
    public static PackedB wrap(int k, int n, float[] data, int offset) {
        JdnnException.requireNonNull(data, "packed data");
        checkShape(k, n);
        JdnnException.require(offset >= 0 && offset + size(k, n) <= data.length, "packed data of " + data.length
                + " floats cannot hold " + size(k, n) + " floats from offset " + offset);
        return new PackedB(k, n, panelWidth(), data, offset, null, 0);
    }

    /**
     * A view of a K x N matrix already in the packed layout in {@code segment} from float
     * {@code offset} (not copied; a heap segment over a {@code float[]} is read in place).
     */
    public static PackedB wrap(int k, int n, MemorySegment segment, long offset) {
        JdnnException.requireNonNull(segment, "packed segment");
        checkShape(k, n);
        JdnnException.require(offset >= 0 && offset + size(k, n) <= segment.byteSize() / 4, "packed segment of "
                + segment.byteSize() + " bytes cannot hold " + size(k, n) + " floats from offset " + offset);
        Optional<Object> base = segment.heapBase();
        if (base.isPresent() && base.get() instanceof float[] arr && segment.address() % 4 == 0
                && segment.address() / 4 + offset <= Integer.MAX_VALUE) {
            return new PackedB(k, n, panelWidth(), arr, (int) (segment.address() / 4 + offset), null, 0);
        }
        return new PackedB(k, n, panelWidth(), null, 0, segment, offset);
    }

    private static void checkShape(int k, int n) {
        if (k < 1 || n < 1) {
            throw JdnnException.invalid("PackedB needs k >= 1 and n >= 1, got k = " + k + ", n = " + n);
        }
    }

    /** Rows of op(B) (the K of the GEMM). */
    public int k() {
        return k;
    }

    /** Columns of op(B) (the N of the GEMM). */
    public int n() {
        return n;
    }

    /** Bytes the packed matrix occupies. */
    public long byteSize() {
        return 4 * size(k, n);
    }

    /** Whether the panels are in a {@code float[]} the micro-kernel reads in place. */
    boolean inArray() {
        return data != null;
    }

    /**
     * Whether the panels are in native memory, which the segment-B micro-kernels read in place (they
     * take native segments only, see {@code VectorMicroKernel}); a pre-packed B in a heap segment
     * (not over a float[]) is copied block by block.
     */
    boolean inNativeSegment() {
        return segment != null && segment.isNative();
    }

    /** Offset in {@link #data} of rows from {@code pc} of the panel holding column {@code j} (a multiple of nr). */
    int panelOffset(int pc, int j) {
        return offset + (j / nr) * k * nr + pc * nr;
    }

    /** Offset in {@link #segment} (floats) of rows from {@code pc} of the panel holding column {@code j}. */
    long segmentPanelOffset(int pc, int j) {
        return segmentOffset + (long) (j / nr) * k * nr + (long) pc * nr;
    }

    /**
     * Copies rows {@code [pc, pc + kc)} of the panels of columns {@code [j0, j0 + cols)} into
     * {@code dst}, panel {@code p} at {@code p * nr * kc}: the layout of a block packed per call.
     */
    void copyBlock(int pc, int kc, int j0, int cols, float[] dst) {
        for (int p = 0; p * nr < cols; p++) {
            long from = segmentOffset + (long) ((j0 / nr + p) * k + pc) * nr;
            MemorySegment.copy(segment, F, from * 4, dst, p * nr * kc, kc * nr);
        }
    }

    @Override
    public String toString() {
        return "PackedB[k=" + k + ", n=" + n + ", nr=" + nr + (data != null ? ", array" : ", segment") + "]";
    }
}
