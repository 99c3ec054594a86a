package dev.jdnn.engines.gemm;

import java.lang.foreign.MemorySegment;

/**
 * The register-tiled micro-kernel of the SGEMM core: one C tile of up to {@link #mr()} rows and
 * {@link #nr()} columns, {@code C = alpha * A * B + beta * C} over {@code kc} steps.
 *
 * <p>{@link #tile} reads a packed A micro-panel, k-major: element (row {@code i}, step {@code k}) at
 * {@code a[aOff + k * panelRows(rows) + i]} (one sequential stream, which the hardware prefetcher
 * follows; rows past {@code rows} are zero padding).
 * {@link #tileDirect} reads a row-major A, {@code a[aOff + i * lda + k]}: unpacked (when each A
 * element is used by few B panels, so that packing would cost more than it saves) or copied row
 * by row. B is read as rows
 * of the tile's width, {@code b[bOff + k * ldb + j]}: a packed panel has {@code ldb} = the panel
 * width, an unpacked row-major B its leading dimension. Row {@code k} of B must be readable up to
 * {@code cols} rounded up to {@link #lanes()} (packed panels are zero-padded to that width).
 *
 * <p>{@code beta == 0} never reads C. C is a {@link MemorySegment} or a float[] (the forms reading B
 * from a segment take C as a segment only: an array C is then viewed as a heap segment), offsets and
 * leading dimensions in floats. Implementations: {@code VectorMicroKernel} (Vector API, loaded by
 * name) and {@link ScalarMicroKernel}.
 *
 * <p>This is also the seam for a fused epilogue: the tile is in registers when it is written, so
 * a later per-row/per-column epilogue (bias, activation) belongs in the store phase of the last
 * K block, selected by the driver.
 */
public interface MicroKernel {
    /** Most rows a tile may have. */
    int mr();

    /** Most columns a tile may have (a packed B panel's width). */
    int nr();

    /** Granularity of a B panel's width: the vector length in floats (1 for scalar code). */
    int lanes();

    /** For logs and benchmarks, e.g. {@code vector512_12x32}. */
    String name();

    /**
     * Rows a packed A panel of {@code rows} rows occupies (its k stride): the height of the kernel
     * that computes such a tile, the extra rows zero. By default no padding.
     */
    default int panelRows(int rows) {
        return rows;
    }

    /**
     * Floats the kernel reads from each B row of a tile of {@code cols} columns (at least
     * {@code cols}); an in-place B must have that many readable floats after each row's start.
     */
    default int readWidth(int cols) {
        return panelWidth(cols);
    }

    /** Width of a packed B panel holding {@code cols} columns: {@code cols} rounded up to {@link #lanes()}. */
    default int panelWidth(int cols) {
        int l = lanes();
        return (cols + l - 1) / l * l;
    }

    /**
     * Copies {@code rows} rows of {@code w} floats, {@code src[sOff + r * lds ..]}, to
     * {@code dst[dOff + r * pw ..]} and zeroes each row's {@code [w, pw)} (packing an untransposed
     * B panel of width {@code pw}).
     */
    default void copyPanel(float[] src, int sOff, int lds, int rows, int w, float[] dst, int dOff, int pw) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(src, sOff + r * lds, dst, dOff + r * pw, w);
            java.util.Arrays.fill(dst, dOff + r * pw + w, dOff + r * pw + pw, 0f);
        }
    }

    /**
     * {@link #copyPanel(float[], int, int, int, int, float[], int, int)} from a memory segment
     * (offsets and leading dimension in floats).
     */
    default void copyPanel(MemorySegment src, long sOff, long lds, int rows, int w, float[] dst, int dOff, int pw) {
        for (int r = 0; r < rows; r++) {
            MemorySegment.copy(src, Packing.F, (sOff + r * lds) * 4L, dst, dOff + r * pw, w);
            java.util.Arrays.fill(dst, dOff + r * pw + w, dOff + r * pw + pw, 0f);
        }
    }

    /**
     * {@link #tile} with B read in place from a native memory segment (pre-packed panels, or the rows of an
     * unpacked B; offsets and leading dimension in floats), for blocks of few rows, where each B
     * element meets few A rows and a copy of B would cost more than it saves.
     */
    default void tile(int rows, int cols, int kc, float[] a, int aOff, MemorySegment b, long bOff, long ldb,
            MemorySegment c, long cOff, long ldc, float alpha, float beta) {
        throw new IllegalStateException(name() + " reads B from arrays only");
    }

    /** {@link #tileDirect} with B read in place from a memory segment. */
    default void tileDirect(int rows, int cols, int kc, float[] a, int aOff, int lda, MemorySegment b, long bOff,
            long ldb, MemorySegment c, long cOff, long ldc, float alpha, float beta) {
        throw new IllegalStateException(name() + " reads B from arrays only");
    }

    /**
     * Rows of the kernel's wide tile ({@link #tileWide}), or 0 when it has none. A wide tile covers the
     * last two panels of a block whose width ends in a tail of at most {@link #lanes()} columns (N =
     * 40 with 16 lanes: 32 + 8) in one pass, rather than a full tile plus a narrow one.
     */
    default int wideRows() {
        return 0;
    }

    /**
     * A tile of at most {@link #wideRows()} rows and {@code cols} columns, {@code 2 * lanes() < cols <=
     * 3 * lanes()}: row-major A ({@code a[aOff + i * lda + k]}), B read in place from a native segment
     * (each row read for {@code 3 * lanes()} floats from its start, which the caller makes sure lie
     * inside the segment), C a native segment; offsets and leading dimensions in floats.
     */
    default void tileWide(int rows, int cols, int kc, float[] a, int aOff, int lda, MemorySegment b, long bOff, long ldb,
            MemorySegment c, long cOff, long ldc, float alpha, float beta) {
        throw new IllegalStateException(name() + " has no wide tile");
    }

    /** Whether the kernel has the forms that read B in place from a segment. */
    default boolean readsSegmentB() {
        return false;
    }

    /**
     * {@code C[i, 0..n) = alpha * sum_kk a[kk * lda + i] * b[kk * n ..] + beta * C[i, ..]} for rows
     * {@code i < rows}, over four k steps, of which the first {@code k} are real and the rest zero
     * rows of A and B (an implementation may skip them): the kernel of {@link SmallK}, each row of C
     * written once.
     */
    default void rank4(int rows, int n, int k, float[] a, int lda, float[] b, MemorySegment c, long cOff, long ldc,
            float alpha, float beta) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int kk = 0; kk < 4; kk++) {
                    s += a[kk * lda + i] * b[kk * n + j];
                }
                long at = (cOff + i * ldc + j) * 4L;
                float v = alpha * s;
                c.set(Packing.F, at, beta == 0f ? v : v + beta * c.get(Packing.F, at));
            }
        }
    }

    /** {@link #rank4} into a C in a float[]. */
    default void rank4(int rows, int n, int k, float[] a, int lda, float[] b, float[] c, int cOff, int ldc,
            float alpha, float beta) {
        rank4(rows, n, k, a, lda, b, MemorySegment.ofArray(c), cOff, ldc, alpha, beta);
    }

    /** One tile, packed k-major A, C in a memory segment (offset and leading dimension in floats). */
    void tile(int rows, int cols, int kc, float[] a, int aOff, float[] b, int bOff, int ldb,
            MemorySegment c, long cOff, long ldc, float alpha, float beta);

    /** One tile, unpacked row-major A with leading dimension {@code lda}, C in a memory segment (floats). */
    void tileDirect(int rows, int cols, int kc, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            MemorySegment c, long cOff, long ldc, float alpha, float beta);

    /** {@link #tile} into a C in a float[]. */
    void tile(int rows, int cols, int kc, float[] a, int aOff, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, float alpha, float beta);

    /** {@link #tileDirect} into a C in a float[]. */
    void tileDirect(int rows, int cols, int kc, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, float alpha, float beta);
}
