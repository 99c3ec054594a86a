package dev.jdnn.engines.gemm;

import dev.jdnn.engines.Engine;
import dev.jdnn.engines.Partition;
import dev.jdnn.engines.Settings;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The blocked, threaded SGEMM driver (BLIS/GotoBLAS loop nest):
 * <pre>
 * for jc in N by nc:                  B block (kc x nc) packed per (jc, pc), or pre-packed
 *   for pc in K by kc:                (K blocks as even as possible)
 *     for ic in M by mc:              A block (mc x kc) packed k-major, stays in L2
 *       for each group of B panels that fits L2 (groupCols columns):
 *                                     (packed by the first ic, right before its first tiles)
 *         for ir in mc by mr:         one A micro-panel (mr x kc) stays in L1 ...
 *           for jr in group by nr:    ... while the group's B panels (kc x nr) stream past it
 *             micro-kernel(mr x nr tile of C)
 * </pre>
 * (A-panel-outer measured 5-15% faster than B-panel-outer for N >= 1024 on Zen 5: sequential B
 * panels stream well from L2/L3, and the k-major A panel is one stream.) A pre-packed B is read in
 * place in K blocks of up to {@link #LONG_KC}, B panels outer (see there).
 *
 * Threads: the C matrix is cut into a {@code tm x tn} grid of tile-aligned blocks, one task per
 * block on the engine's pool, each running the loop nest above on its own (own pack buffers, no
 * waiting between tasks); the grid minimises the slowest task's estimated time (compute with tile
 * padding, plus the packing it repeats). A skinny problem whose tiles cannot feed every thread but
 * whose K is long is split along K instead: each part accumulates into a private buffer, and the
 * parts are added into C at the end. Small problems run on the calling thread.
 * (Threads sharing one packed B, rows split, two parallel regions per K block, measured slower
 * than the grid on every shape it served once B was packed group by group into L2: two threads,
 * Zen 5, 512^3 0.88x the time without it, 512x768x3072 0.93, 1024^3 0.94, IP backward data
 * mb64ic512iw7oc4096 0.84; removed.)
 *
 * <p>Packing pays only when a packed element is reused enough: an untransposed array A is read in
 * place (row-major micro-kernel) when the block is narrow (each A element meets few B panels), an
 * untransposed array B when the block is short (each B panel meets few A row panels), and both for
 * the smallest problems.
 */
final class GemmDriver {
    /** Below this many multiply-adds a GEMM runs on the calling thread. */
    static final long PARALLEL_MIN_MACS = 1L << 18;
    /** At most this many multiply-adds a block reads A and B unpacked (where their layout allows). */
    static final long DIRECT_MAX_MACS = Settings.getInt("jdnn.gemm.directMacs", null, 1 << 24);
    /** A block at most this wide reads an untransposed array A in place (tuning knob; 768 measured best on Zen 5). */
    static final int DIRECT_A_MAX_N = Settings.getInt("jdnn.gemm.directN", null, 768);
    /** Tests: never read A or B in place, so that small shapes exercise every packed tail. */
    static volatile boolean packAlways;
    /** Columns of B per L2 group of panels (tuning knob). */
    static final int GROUP_COLS = Settings.getInt("jdnn.gemm.groupCols", null, 320);
    /** A block at most this tall reads a plain B in a native segment in place (tuning knob; a pre-packed one always). */
    static final int SEGMENT_B_MAX_M = Settings.getInt("jdnn.gemm.segmentBMaxM", null, 48);
    /**
     * A GEMM whose pre-packed B is read in place (a linear layer's forward pass) takes K blocks of up
     * to {@link #LONG_KC} (see {@link #longKStep}): each B panel is then one contiguous run of up to
     * {@code LONG_KC x nr} floats, which the block walks panel by panel (see {@link #block}): the
     * first row panel reads it from memory as one long stream the hardware prefetcher follows, the
     * others re-read it from L2, and B is read from memory once per A block. One thread, Zen 5, B
     * pre-packed in a native segment, 7-11 rounds alternating with K blocks of 256-326 (a copy of each
     * B block where more than 48 rows) in one JVM, time: 40x4096x1024 0.68-0.80, 16x4096x2048
     * 0.50-0.60, 12x4096x4096 0.43-0.67, 48x2304x768 0.87, 64x4096x3584 0.80, 96x1024x1024 0.84,
     * 128x4096x1024 0.83, 256x128x640 0.96.
     */
    static final int LONG_KC = Settings.getInt("jdnn.gemm.kcLong", null, 4096);
    /**
     * Most floats of an A block (mc rows by a long K block): 4 MiB, half of an 8 MiB L3. Same probe,
     * with this cap: 1000x1024x1024 0.91, 512x1024x1024 0.78, 1024^3 0.82, 2048^3 0.78, 3136x64x576
     * 0.90, 49x512x4608 0.91, 384x1024x4096 0.95; through the inner-product primitive (bias, a staged
     * A, see {@link #block}), one thread, two runs alternating with the short blocks:
     * mb1000ic1024oc1024 177 / 140 against 136 / 133 GFLOP/s, mb1000ic1024oc81 156 / 118 against
     * 115 / 109.
     */
    static final int LONG_A_FLOATS = 1 << 20;
    /**
     * A B in a segment whose rows crowd the caches ({@link #crowdsCaches}) is still read in place by
     * a block of at most {@link #SEGMENT_B_MAX_M} rows when K is at most this (tuning knob). Measured
     * on Zen 4, one thread, alternating runs of IP backward data: packing wins with K = 4096
     * (mb16ic1024oc4096 36 -> 49 GFLOP/s, mb16ic2048oc4096 35 -> 45, mb40ic1024oc4096 58 -> 68) and
     * loses with K = 1024 (mb40ic1024oc1024 99 -> 83, mb40ic4096oc1024 83 -> 67): an empirical
     * boundary, not a model. (An array B that crowds is always packed: 49x512x4608 39 -> 58.)
     */
    static final int CROWDED_B_MAX_K = Settings.getInt("jdnn.gemm.crowdedBMaxK", null, 2048);
    /** A block at most this tall reads an untransposed array B in place (tuning knob). */
    static final int DIRECT_B_MAX_M = Settings.getInt("jdnn.gemm.directM", null, 96);

    private GemmDriver() {
    }

    /**
     * {@code C = alpha * op(A) * B + beta * C}; B is {@code b} or {@code packed} (exactly one non-null);
     * at most {@code threads} of {@code engine}'s threads.
     */
    static void run(Engine engine, int threads, int m, int n, int k, float alpha, Operand a, Operand b, PackedB packed,
            float beta, Operand c, GemmEpilogue epi) {
        MicroKernel kern = Kernels.MICRO;
        GemmBlocking blk = Kernels.BLOCKING;
        long macs = (long) m * n * k;
        int kStep = blk.kcFor(k);
        // long K blocks for a pre-packed B read in place (see LONG_KC; never copied into a pack buffer of
        // that many rows), unless K is split over the threads below
        int blockK = readsPackedInPlace(kern, packed) ? longKStep(blk, m, k) : kStep;
        if (threads == 1 || macs < PARALLEL_MIN_MACS) {
            block(kern, blk, 0, m, 0, n, 0, k, blockK, alpha, a, b, packed, beta, c, epi, 0, true);
            return;
        }
        int mr = blk.mr();
        int nr = blk.nr();
        int mt = (m + mr - 1) / mr;
        int nt = (n + nr - 1) / nr;
        int[] grid = grid(blk, kern, m, n, k, mt, nt, threads, packed != null, a.trans, b != null && b.trans);
        int tm = grid[0];
        int tn = grid[1];
        int kBlocks = (k + kStep - 1) / kStep;
        double balance = (double) mt * nt / ((double) tm * tn * Math.ceil((double) mt * nt / (tm * tn)));
        balance *= (double) (tm * tn) / threads;
        if (balance < 0.75 && kBlocks >= 2 * threads && (long) m * n <= (1L << 22)) {
            kSplit(engine, kern, blk, m, n, k, kStep, kBlocks, Math.min(threads, kBlocks), alpha, a, b, packed, beta, c);
            finishAll(epi, m, n, c);
            return;
        }
        if (tm * tn == 1) {
            block(kern, blk, 0, m, 0, n, 0, k, blockK, alpha, a, b, packed, beta, c, epi, 0, true);
            return;
        }
        engine.parallel(tm * tn, t -> {
            int pi = t / tn;
            int pj = t % tn;
            int m0 = (int) Partition.start(mt, tm, pi) * mr;
            int m1 = (int) Math.min(m, Partition.end(mt, tm, pi) * mr);
            int n0 = (int) Partition.start(nt, tn, pj) * nr;
            int n1 = (int) Math.min(n, Partition.end(nt, tn, pj) * nr);
            if (m0 < m1 && n0 < n1) {
                block(kern, blk, m0, m1, n0, n1, 0, k, blockK, alpha, a, b, packed, beta, c, epi, 0, true);
            }
        });
    }

    /** Whether the blocks read the pre-packed B's panels where they lie (rather than a copy of each block). */
    private static boolean readsPackedInPlace(MicroKernel kern, PackedB packed) {
        return packed != null && !packAlways && (packed.inArray() || kern.readsSegmentB() && packed.inNativeSegment());
    }

    /** The K block for a pre-packed B read in place: up to {@link #LONG_KC}, the A block within {@link #LONG_A_FLOATS}. */
    static int longKStep(GemmBlocking blk, int m, int k) {
        int cap = Math.max(blk.kc(), Math.min(LONG_KC, LONG_A_FLOATS / blk.mcFor(m)));
        return GemmBlocking.kcFor(k, cap);
    }

    /**
     * Whether rows {@code ld} floats apart, read in place one panel at a time, crowd into a few
     * cache sets: a multiple of 2 KiB maps a panel's rows to 2 of the 64 sets of an L1 way (and
     * few of L2's), so they evict each other before their reuse.
     */
    static boolean crowdsCaches(long ld) {
        return ld % 512 == 0;
    }

    /** Runs the epilogue over all of C (the paths that finish C at the end). */
    static void finishAll(GemmEpilogue epi, int m, int n, Operand c) {
        if (epi == null) {
            return;
        }
        if (c.isArray()) {
            epi.finish(0, m, 0, n, c.array, (int) c.offset, (int) c.ld);
        } else {
            epi.finish(0, m, 0, n, c.segment, c.offset, c.ld);
        }
    }

    /**
     * The thread grid {tm, tn}: the factorisation of at most {@code threads} tasks whose slowest
     * task has the least estimated cost, in cycles: its padded tiles' multiply-adds at two FMAs of
     * {@code lanes} per cycle, plus half a cycle per element it packs.
     */
    static int[] grid(GemmBlocking blk, MicroKernel kern, int m, int n, int k, int mt, int nt, int threads,
            boolean prePacked, boolean transA, boolean transB) {
        double macsPerCycle = 2.0 * kern.lanes();
        int best0 = 1;
        int best1 = 1;
        double bestCost = Double.MAX_VALUE;
        for (int tm = 1; tm <= Math.min(threads, mt); tm++) {
            for (int tn = 1; tn * tm <= threads && tn <= nt; tn++) {
                long rows = (long) Math.ceil((double) mt / tm) * blk.mr();
                long cols = (long) Math.ceil((double) nt / tn) * blk.nr();
                rows = Math.min(rows, m);
                cols = Math.min(cols, n);
                double compute = (double) rows * cols * k / macsPerCycle;
                double packA = (double) rows * k * Math.ceil((double) cols / blk.nc()) * (transA ? 0.25 : 1.0);
                double packB = prePacked ? 0 : (double) cols * k * (transB ? 1.0 : 0.25);
                double cost = compute + packA + packB;
                if (cost < bestCost * 0.999) {
                    bestCost = cost;
                    best0 = tm;
                    best1 = tn;
                }
            }
        }
        return new int[] {best0, best1};
    }

    /** Splits K over {@code parts} tasks; part 0 writes C (with beta), the others private buffers added in at the end. */
    private static void kSplit(Engine engine, MicroKernel kern, GemmBlocking blk, int m, int n, int k, int kStep,
            int kBlocks, int parts, float alpha, Operand a, Operand b, PackedB packed, float beta, Operand c) {
        // each other part's sum in a private C of the same kind as C (a native C gets native partial
        // sums: the kernels' stores must meet one kind of segment, see VectorMicroKernel)
        Operand[] partial = new Operand[parts];
        boolean nativeC = c.segment != null;
        engine.parallel(parts, p -> {
            int k0 = (int) Math.min(k, Partition.start(kBlocks, parts, p) * kStep);
            int k1 = (int) Math.min(k, Partition.end(kBlocks, parts, p) * kStep);
            if (p == 0) {
                block(kern, blk, 0, m, 0, n, k0, k1, kStep, alpha, a, b, packed, beta, c, null, 0, false);
            } else {
                Operand buf = nativeC ? Operand.of(Arena.ofAuto().allocate(4L * m * n, 64), 0, n, false)
                        : Operand.of(new float[m * n], 0, n, false);
                partial[p] = buf;
                if (k0 < k1) {
                    block(kern, blk, 0, m, 0, n, k0, k1, kStep, alpha, a, b, packed, 0f, buf, null, 0, false);
                }
            }
        });
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = c.get(i, j);
                for (int p = 1; p < parts; p++) {
                    s += partial[p].get(i, j);
                }
                c.set(i, j, s);
            }
        }
    }

    /**
     * Whether an untransposed B in a segment can be read in place by the segment-B kernels (native
     * memory only). A panel whose vector loads would reach past the segment's end is packed instead,
     * see {@link #panelFits}.
     */
    private static boolean inPlaceInSegment(Operand b) {
        return b.segment != null && !b.trans && b.segment.isNative();
    }

    /**
     * Whether the panel of an untransposed B at column {@code col} ({@code cols} wide), rows [pc, pc +
     * kc), can be read where it lies: the kernel reads {@code readWidth(cols)} floats of each row, which
     * for the last panel of a B stored exactly (N not a multiple of the vector) runs past the end of
     * its array or segment on the last row. Such a panel is packed alone.
     */
    private static boolean panelFits(MicroKernel kern, Operand b, int pc, int kc, int col, int cols) {
        long end = b.offset + (long) (pc + kc - 1) * b.ld + col + kern.readWidth(cols);
        return end <= (b.array != null ? b.array.length : b.segment.byteSize() / 4);
    }

    /**
     * The column where a block's wide tiles start ({@link MicroKernel#tileWide}), or -1 when it takes
     * none: its width ends in a tail of at most one vector after at least one full panel (N = 40 with
     * 16 lanes), and the wide kernel's reads of three vectors per B row stay inside B's segment (the
     * last row's reach past the row's end: a B stored exactly, the last of a batch, is read in
     * panels). The caller has checked the other conditions: a plain B read in place from a native
     * segment, A read in rows, a native C, enough rows.
     */
    private static int wideColumn(MicroKernel kern, Operand b, int pc, int kc, int jc, int nc) {
        int nr = kern.nr();
        int vl = kern.lanes();
        int tail = nc % nr;
        if (kern.wideRows() == 0 || nc <= nr || tail == 0 || tail > vl) {
            return -1;
        }
        int wideCol = nc - tail - nr;
        long end = b.offset + (long) (pc + kc - 1) * b.ld + jc + wideCol + 3L * vl;
        return end <= b.segment.byteSize() / 4 ? wideCol : -1;
    }

    /**
     * Rows [ic, ic + mc) of the block's last {@code cols} columns (from {@code col}) as wide tiles,
     * each strip finished by {@code epi} (non-null on the last K block) right after its store.
     */
    private static void wideStrips(MicroKernel kern, int mc, int cols, int kc, float[] a, int aBase, int lda, Operand b,
            int pc, int col, MemorySegment cSeg, Operand c, int ic, float alpha, float beta, GemmEpilogue epi,
            int epiCol) {
        int wr = kern.wideRows();
        long bOff = b.offset + (long) pc * b.ld + col;
        for (int ir = 0; ir < mc; ir += wr) {
            int rows = Math.min(wr, mc - ir);
            int row = ic + ir;
            kern.tileWide(rows, cols, kc, a, aBase + ir * lda, lda, b.segment, bOff, b.ld, cSeg, c.offset + row * c.ld + col,
                    c.ld, alpha, beta);
            if (epi != null) {
                finishStrip(epi, c, row, rows, epiCol, col, cols);
            }
        }
    }

    /** A tile with B read in place from its segment: pre-packed panels, or rows of the stored B. */
    private static void tileFromSegment(MicroKernel kern, int rows, int cols, int kc, boolean aInRows, float[] a, int aOff,
            int lda, Operand b, PackedB packed, int pc, int col, MemorySegment c, long cAt, long ldc, float alpha,
            float beta) {
        MemorySegment bSeg = packed != null ? packed.segment : b.segment;
        long bOff = packed != null ? packed.segmentPanelOffset(pc, col) : b.offset + pc * b.ld + col;
        long ldb = packed != null ? kern.nr() : b.ld;
        if (aInRows) {
            kern.tileDirect(rows, cols, kc, a, aOff, lda, bSeg, bOff, ldb, c, cAt, ldc, alpha, beta);
        } else {
            kern.tile(rows, cols, kc, a, aOff, bSeg, bOff, ldb, c, cAt, ldc, alpha, beta);
        }
    }

    /**
     * A tile with B from an array (packed panels, or the rows of a plain B): C in an array goes to the
     * kernels' array-C forms, C in a segment to the segment-C forms; A row-major or packed.
     */
    private static void tile(MicroKernel kern, int rows, int cols, int kc, boolean aInRows, float[] a, int aAt, int lda,
            float[] b, int bOff, int ldb, Operand c, int row, int col, float alpha, float beta) {
        if (c.array != null) {
            int cAt = (int) c.offset + row * (int) c.ld + col;
            if (aInRows) {
                kern.tileDirect(rows, cols, kc, a, aAt, lda, b, bOff, ldb, c.array, cAt, (int) c.ld, alpha, beta);
            } else {
                kern.tile(rows, cols, kc, a, aAt, b, bOff, ldb, c.array, cAt, (int) c.ld, alpha, beta);
            }
        } else {
            long cAt = c.offset + row * c.ld + col;
            if (aInRows) {
                kern.tileDirect(rows, cols, kc, a, aAt, lda, b, bOff, ldb, c.segment, cAt, c.ld, alpha, beta);
            } else {
                kern.tile(rows, cols, kc, a, aAt, b, bOff, ldb, c.segment, cAt, c.ld, alpha, beta);
            }
        }
    }

    /** Floats a staged A row may take beyond its K block (see {@link #stagedLd}). */
    private static final int STAGED_PAD = 16;

    /**
     * Row stride of a staged A block of {@code kc} columns: {@code kc}, or {@link #STAGED_PAD} floats
     * more when that is a multiple of 1024 (a 4 KiB stride would put a panel's rows in the same L1
     * sets). A block shorter than the longest may take the padding where the longest does not, so the
     * buffer has {@code kcMax + STAGED_PAD} floats a row.
     */
    private static int stagedLd(int kc) {
        return kc % 1024 == 0 ? kc + STAGED_PAD : kc;
    }

    /** The epilogue on a finished strip of C: {@code rows} rows from {@code row}, columns [from, from + width). */
    private static void finishStrip(GemmEpilogue epi, Operand c, int row, int rows, int epiCol, int from, int width) {
        if (c.array != null) {
            epi.finish(row, rows, epiCol + from, width, c.array, (int) c.offset + row * (int) c.ld + from, (int) c.ld);
        } else {
            epi.finish(row, rows, epiCol + from, width, c.segment, c.offset + row * c.ld + from, c.ld);
        }
    }

    /**
     * The sequential loop nest on C rows [m0, m1), columns [n0, n1) (n0 a multiple of nr), K range
     * [k0, k1) in blocks of {@code kcMax} (k0 a multiple of it). When {@code finishes} (k1 ends K),
     * each strip of tiles (one row panel across a group of B panels) goes through {@code epi} right
     * after its last tile's store, reported {@code epiCol} columns further right (C may be a view
     * shifted by that much).
     */
    static void block(MicroKernel kern, GemmBlocking blk, int m0, int m1, int n0, int n1, int k0, int k1, int kcMax,
            float alpha, Operand a, Operand b, PackedB packed, float beta, Operand c, GemmEpilogue epi, int epiCol,
            boolean finishes) {
        int mr = blk.mr();
        int nr = blk.nr();
        int mcMax = blk.mcFor(m1 - m0);
        int ncMax = blk.nc();
        int mEff = m1 - m0;
        int nEff = n1 - n0;
        boolean inPlaceOk = !packAlways;
        boolean small = (long) mEff * nEff * (k1 - k0) <= DIRECT_MAX_MACS;
        // A in place (row-major kernel) when each A element meets few B panels: packing would cost more
        // than the k-major layout saves. Never with a 4 KiB row stride (rows would share L1 sets).
        // (A pre-packed B in native memory meets the panel kernels only with a packed A: the row-major
        // A kernels ran slower with the constant B stride, see VectorMicroKernel. Packing A to reach
        // them for blocks of at most DIRECT_A_MAX_N columns lost: one thread, B pre-packed in a native
        // segment, 1000x1024x81 148 -> 96 GFLOP/s, 1000x1024x64 177 -> 102, 256x640x128 195 -> 143.)
        boolean directA = inPlaceOk && a.isArray() && !a.trans && (small || nEff <= DIRECT_A_MAX_N) && a.ld % 1024 != 0;
        // An A in a memory segment that would be read in place is staged instead: each block's rows
        // copied (bulk) into a row-major array the same kernel reads, cheaper than a transposing pack
        // (rows stagedLd apart)
        boolean stagedA = inPlaceOk && !a.isArray() && !a.trans && (small || nEff <= DIRECT_A_MAX_N);
        // B in place when each B panel meets few A row panels (a skinny M): the pack would cost more
        // than the reuse it buys. Not when B's rows crowd the caches (Zen 4, one thread, 49x512x4608,
        // four alternating rounds: 39 GFLOP/s in place, 58 packing B; two threads 76 -> 102).
        boolean directB = inPlaceOk && packed == null && b.isArray() && !b.trans && (small || mEff <= DIRECT_B_MAX_M)
                && !crowdsCaches(b.ld);
        // a pre-packed B in a segment is read in place (with long K blocks, see LONG_KC; it used to be
        // copied block by block for more than 48 rows). A plain B in a segment is read in place by a
        // block of few rows: each B element meets few A rows, so a copy would cost about as much as
        // the arithmetic it feeds (not so for rows that crowd the caches over a long K, see
        // CROWDED_B_MAX_K); and by a small GEMM, as an array B is (the pack is a large part of a GEMM
        // this short: a BERT attention matmul, 12 x 128x64x128 through the primitive, went from 0.91
        // to 0.96-0.97 of the same GEMMs on arrays, 128x128x64 from 0.86 to 0.94-0.98)
        boolean segmentB = kern.readsSegmentB() && !packAlways && (packed != null ? packed.inNativeSegment()
                : (mEff <= SEGMENT_B_MAX_M || small) && inPlaceInSegment(b)
                        && !(crowdsCaches(b.ld) && k1 - k0 > CROWDED_B_MAX_K));
        Scratch scratch = Scratch.get();
        float[] aBuf = directA ? null : scratch.a(Math.min(mcMax, mEff + mr) * (stagedA ? kcMax + STAGED_PAD : kcMax));
        boolean aInRows = directA || stagedA;
        // a pre-packed B in an array is read in place (one in a segment too, by segmentB, or else copied
        // block by block)
        boolean packedInPlace = packed != null && packed.inArray();
        // K blocks longer than kc come only with a pre-packed B read in place (see LONG_KC): each B panel
        // is then read from memory by the first row panel and from L2 by the others, so B panels go
        // outer (the A block, within LONG_A_FLOATS, stays in L2 or L3)
        boolean panelOuter = kcMax > blk.kc() && (packedInPlace || segmentB && packed != null);
        // B packed here is packed group by group (see the tile loop), each group right before its first
        // tiles, so they read it from L2 rather than from wherever a whole block's pack left it. When
        // the rows take one A block, a group is used once and the next overwrites it: the buffer holds
        // one group and stays in L2.
        boolean packsB = packed == null && !directB && !segmentB;
        int groupMax = Math.max(1, Math.min((Math.min(ncMax, nEff) + nr - 1) / nr, GROUP_COLS / nr));
        boolean oneGroupBuffer = packsB && mcMax >= mEff;
        // (a plain B read in place from a segment still packs the one panel that would read past its end)
        float[] bBuf = packedInPlace || segmentB && packed != null ? null
                : scratch.b(directB || segmentB ? kcMax * nr
                        : Packing.packedBSize(kcMax, oneGroupBuffer ? groupMax * nr : Math.min(ncMax, nEff), nr));
        // C in an array goes to the kernels' array-C forms; in a segment (or an array C where B is read
        // from a segment: a heap view, computed in native scratch and merged) to the segment-C forms.
        // Each kernel sees one kind of C: one that sees both traps and recompiles (see VectorMicroKernel).
        MemorySegment cSeg = c.asSegment();
        int tailPackedAt = -1; // the K block whose tail B panel bBuf holds (in-place B)
        for (int jc = n0; jc < n1; jc += ncMax) {
            int nc = Math.min(ncMax, n1 - jc);
            tailPackedAt = -1;
            for (int pc = k0; pc < k1; pc += kcMax) {
                int kc = Math.min(kcMax, k1 - pc);
                float betaK = pc == k0 ? beta : 1f;
                boolean lastK = finishes && epi != null && pc + kc == k1;
                if (packed != null && !packedInPlace && !segmentB) {
                    packed.copyBlock(pc, kc, jc, nc, bBuf);
                }
                for (int ic = m0; ic < m1; ic += mcMax) {
                    int mc = Math.min(mcMax, m1 - ic);
                    float[] aSrc;
                    int aBase;
                    int lda = 0;
                    if (directA) {
                        aSrc = a.array;
                        lda = (int) a.ld;
                        aBase = (int) a.offset + ic * lda + pc;
                    } else if (stagedA) {
                        lda = stagedLd(kc);
                        Packing.copyRows(a, ic, pc, mc, kc, aBuf, 0, lda);
                        aSrc = aBuf;
                        aBase = 0;
                    } else {
                        Packing.packA(a, ic, mc, pc, kc, mr, kern, aBuf);
                        aSrc = aBuf;
                        aBase = 0;
                    }
                    int nPanels = (nc + nr - 1) / nr;
                    int rowPanels = (mc + mr - 1) / mr;
                    // B panels in groups that fit L2 next to the A block; within a group the A row panel
                    // is the outer loop (its micro-panel stays in L1 while the group's B panels stream).
                    // (Nested loops: a tile index split by divisions cost 4% of a batch of 40x40x64 GEMMs.)
                    int group = Math.max(1, Math.min(nPanels, GROUP_COLS / nr));
                    // the block's last two panels as wide tiles (see wideColumn), or -1
                    int wideCol = segmentB && packed == null && aInRows && cSeg.isNative() && mc > kern.wideRows() / 2
                            ? wideColumn(kern, b, pc, kc, jc, nc) : -1;
                    for (int g0 = 0; g0 < nPanels; g0 += group) {
                        int inGroup = Math.min(group, nPanels - g0);
                        int groupCol = g0 * nr;
                        // the column of the block where bBuf starts: this group's, or the block's first
                        int bufCol = oneGroupBuffer ? groupCol : 0;
                        if (packsB && ic == m0) {
                            Packing.packB(b, pc, kc, jc + groupCol, Math.min(group * nr, nc - groupCol), nr, kern, bBuf,
                                    (groupCol - bufCol) * kc);
                        }
                        // row panels outer (the A micro-panel stays in L1 while the group's B panels
                        // stream past it), or B panels outer for the long K blocks of a pre-packed B
                        // (the last group leaves its last two panels to the wide tiles, when it has them)
                        boolean wide = wideCol >= groupCol && g0 + inGroup == nPanels;
                        int runPanels = wide ? inGroup - 2 : inGroup;
                        int outer = panelOuter ? runPanels : rowPanels;
                        int inner = panelOuter ? rowPanels : runPanels;
                        for (int o = 0; o < outer; o++) {
                            for (int i = 0; i < inner; i++) {
                                int ir = (panelOuter ? i : o) * mr;
                                int p = g0 + (panelOuter ? o : i);
                                int jr = p * nr;
                                int cols = Math.min(nr, nc - jr);
                                float[] bSrc;
                                int bOff;
                                int ldb;
                                if (packedInPlace) {
                                    bSrc = packed.data;
                                    bOff = packed.panelOffset(pc, jc + jr);
                                    ldb = nr;
                                } else if (directB && panelFits(kern, b, pc, kc, jc + jr, cols)) {
                                    bSrc = b.array;
                                    ldb = (int) b.ld;
                                    bOff = (int) b.offset + pc * ldb + jc + jr;
                                } else if (segmentB && (packed != null || panelFits(kern, b, pc, kc, jc + jr, cols))) {
                                    bSrc = null; // read where it lies, by tileFromSegment below
                                    bOff = 0;
                                    ldb = 0;
                                } else if (directB || segmentB) {
                                    // B's last panel, whose vector loads would run past B's end: packed alone
                                    if (tailPackedAt != pc) {
                                        Packing.packB(b, pc, kc, jc + jr, cols, nr, kern, bBuf, 0);
                                        tailPackedAt = pc;
                                    }
                                    bSrc = bBuf;
                                    bOff = 0;
                                    ldb = nr;
                                } else {
                                    bSrc = bBuf;
                                    bOff = (jr - bufCol) * kc;
                                    ldb = nr;
                                }
                                int rows = Math.min(mr, mc - ir);
                                int row = ic + ir;
                                int aAt = aInRows ? aBase + ir * lda : aBase + ir * kc;
                                if (bSrc == null) {
                                    tileFromSegment(kern, rows, cols, kc, aInRows, aSrc, aAt, lda, b, packed, pc, jc + jr,
                                            cSeg, c.offset + row * c.ld + jc + jr, c.ld, alpha, betaK);
                                } else {
                                    tile(kern, rows, cols, kc, aInRows, aSrc, aAt, lda, bSrc, bOff, ldb, c, row, jc + jr,
                                            alpha, betaK);
                                }
                                if (lastK && p == g0 + runPanels - 1) {
                                    // the last tile of a strip: these rows across the group's B panels
                                    finishStrip(epi, c, row, rows, epiCol, jc + groupCol, jr + cols - groupCol);
                                }
                            }
                        }
                        if (wide) {
                            wideStrips(kern, mc, nc - wideCol, kc, aSrc, aBase, lda, b, pc, jc + wideCol, cSeg, c, ic,
                                    alpha, betaK, lastK ? epi : null, epiCol);
                        }
                    }
                }
            }
        }
    }
}
