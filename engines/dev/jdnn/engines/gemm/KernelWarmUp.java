package dev.jdnn.engines.gemm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every micro-kernel until the JIT has compiled it, ahead of real work ({@link Sgemm#warmUp}).
 *
 * <p>C1 cannot compile the vector kernels (on purpose: see {@code VectorMicroKernel}), so a kernel
 * runs interpreted, 100 to 1000 times slower, until C2 has compiled it, which happens only after a
 * few thousand calls. A workload that reaches a new kind of tile (a row tail of 8 rows, a B read
 * from native memory, a column tail) pays that on its first calls: a benchmark that times them
 * measures the interpreter (an inner product at minibatch 32 ran at 1.8 GFLOP/s instead of 90 on
 * its first 300 ms), and a framework sees its first iterations crawl.
 *
 * <p>Each group below reaches one kernel through the dispatch methods the driver uses (so those
 * are compiled too), on small tiles, with C in native memory or an array as in real use (a kernel
 * whose stores meet both kinds of segment would be recompiled). A group is done once a batch of
 * its calls runs at compiled speed (a call under {@link #FAST_NANOS}: compiled, these tiles take
 * well under a microsecond; interpreted, a hundred and more).
 */
final class KernelWarmUp {
    /** K of the warm-up tiles: long enough for a few loop trips, short enough for cheap interpreted calls. */
    private static final int KC = 16;
    /** Calls per timed batch. */
    private static final int BATCH = 64;
    /**
     * A call counts as compiled when it takes at most this many ns (batch average) plus
     * {@link #FAST_NANOS_PER_FMA} per vector multiply-add of its tile: compiled kernels run about
     * one multiply-add per ns or faster, interpreted ones 100 ns and more per vector operation.
     */
    private static final long FAST_NANOS = 200;
    private static final long FAST_NANOS_PER_FMA = 4;

    private KernelWarmUp() {
    }

    /** A way of calling the kernel that reaches one compiled method. */
    private interface Body {
        void run(MicroKernel k);
    }

    /** One kernel call, given beta. */
    private interface TileBody {
        void run(MicroKernel k, float beta);
    }

    /** A group: its body and the most vector multiply-adds one call does. */
    private record Call(Body body, int fmas) {
    }

    /**
     * Runs the groups until each is fast or {@code maxNanos} have passed; returns the number of groups
     * still slow (0: every kernel compiled).
     */
    static int run(MicroKernel kern, long maxNanos) {
        long deadline = System.nanoTime() + maxNanos;
        touchEveryKindOfMemory();
        List<Call> pending = groups(kern);
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            List<Call> still = new ArrayList<>();
            for (int g = 0; g < pending.size(); g++) {
                Call call = pending.get(g);
                long t0 = System.nanoTime();
                for (int i = 0; i < BATCH; i++) {
                    call.body().run(kern);
                }
                if ((System.nanoTime() - t0) / BATCH > FAST_NANOS + FAST_NANOS_PER_FMA * call.fmas()) {
                    still.add(call);
                }
                if (System.nanoTime() >= deadline) {
                    still.addAll(pending.subList(g + 1, pending.size())); // not run this round
                    break;
                }
            }
            pending = still;
        }
        return pending.size();
    }

    /**
     * Accesses memory of each kind a caller may pass (a confined arena's, a shared one's, an array's)
     * before any kernel is compiled, for two things the JIT assumes from what it has seen:
     * <ul>
     *   <li>the JDK's segment access check branches on whether the segment has an owner thread: with
     *       only shared memory seen, the first GEMM on a confined segment trapped in every kernel,
     *       which ran interpreted until C2 had compiled them all again (2304 x 768 x 2: 13 ms, then a
     *       median of 0.67 ms over its first 15 batches, against 0.4 and 0.15 ms on shared memory);
     *   <li>while native segments are the only kind loaded, C2 compiles the kernels for that one
     *       class, and the first array-backed segment (loading its class) deoptimized every kernel.
     * </ul>
     */
    private static void touchEveryKindOfMemory() {
        try (Arena confined = Arena.ofConfined(); Arena shared = Arena.ofShared()) {
            MemorySegment[] kinds = {confined.allocate(4L * 256, 64), shared.allocate(4L * 256, 64),
                MemorySegment.ofArray(new float[256]), MemorySegment.ofArray(new byte[4 * 256])};
            for (int i = 0; i < 50_000; i++) {
                MemorySegment s = kinds[i & 3];
                int at = (i >> 2) & 255;
                float v = s.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, at);
                s.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, at, v + 1f);
            }
        }
    }

    /** One call per kernel method: each A form x B form x C form x tile height x full or narrow width. */
    private static List<Call> groups(MicroKernel kern) {
        int mr = kern.mr();
        int nr = kern.nr();
        int vl = kern.lanes();
        int kc = KC;
        float[] a = new float[mr * kc];
        float[] b = new float[kc * nr];
        float[] cArr = new float[mr * nr];
        // shared, as jdnn's memory is; never closed: the groups' operands live as long as the JVM
        Arena arena = Arena.ofShared();
        MemorySegment bSeg = arena.allocate(4L * b.length, 64);
        // B's rows wider apart than a packed panel's: the segment kernels taking the stride as a
        // parameter (rows nr apart reach the panel kernels, see VectorMicroKernel)
        int ldWide = nr + vl;
        MemorySegment bWide = arena.allocate(4L * kc * ldWide, 64);
        MemorySegment c = arena.allocate(4L * cArr.length, 64);
        List<Integer> heights = new ArrayList<>(List.of(mr));
        if (mr == 12) {
            heights.add(8); // row tails of 5-8 rows
        }
        for (int h = 1; h <= 4 && h < mr; h++) {
            heights.add(h); // the short kernels
        }
        List<TileBody> bodies = new ArrayList<>();
        List<Call> calls = new ArrayList<>();
        // (rows, cols) of the tiles: every height whole, one vector wide and between. A narrow tile (a column
        // tail) stores only its rows, each past the fifth under a guard, so its kernel also gets the
        // fewest rows it serves (9 for the 12-row kernel, 5 for the 8- and 6-row ones) and every guard
        // sees both ways: a kernel compiled having seen only whole tiles trapped on a 9-row tail (in
        // SgemmTimer's mixed GEMMs) and ran interpreted until recompiled.
        List<int[]> tiles = new ArrayList<>();
        for (int height : heights) {
            tiles.add(new int[] {height, nr});
            tiles.add(new int[] {height, vl});
            tiles.add(new int[] {height, nr - 3}); // a column tail wider than a vector: the scratch tile
            if (height > 5) {
                tiles.add(new int[] {height == 12 ? 9 : 5, vl});
            }
        }
        for (int[] tile : tiles) {
            int rows = tile[0];
            int cols = tile[1];
            bodies.clear();
            bodies.add((k, beta) -> k.tile(rows, cols, kc, a, 0, b, 0, nr, c, 0, nr, 1f, beta));
            bodies.add((k, beta) -> k.tileDirect(rows, cols, kc, a, 0, kc, b, 0, nr, c, 0, nr, 1f, beta));
            if (kern.readsSegmentB()) {
                bodies.add((k, beta) -> k.tile(rows, cols, kc, a, 0, bSeg, 0, nr, c, 0, nr, 1f, beta));
                bodies.add((k, beta) -> k.tileDirect(rows, cols, kc, a, 0, kc, bSeg, 0, nr, c, 0, nr, 1f, beta));
                bodies.add((k, beta) -> k.tile(rows, cols, kc, a, 0, bWide, 0, ldWide, c, 0, nr, 1f, beta));
                bodies.add((k, beta) -> k.tileDirect(rows, cols, kc, a, 0, kc, bWide, 0, ldWide, c, 0, nr, 1f, beta));
            }
            bodies.add((k, beta) -> k.tile(rows, cols, kc, a, 0, b, 0, nr, cArr, 0, nr, 1f, beta));
            bodies.add((k, beta) -> k.tileDirect(rows, cols, kc, a, 0, kc, b, 0, nr, cArr, 0, nr, 1f, beta));
            // beta 0 and 1 in turn: the kernels' two store paths (a kernel compiled having seen
            // one of them trapped on the other, at the second K block of a 512^3 GEMM)
            for (TileBody body : bodies) {
                calls.add(new Call(k -> {
                    body.run(k, 0f);
                    body.run(k, 1f);
                }, 2 * rows * 2 * kc));
            }
        }
        // The wide tile (a column tail of at most one vector after a full panel): every height (wideRows() in
        // a block's strips, fewer at its end: the row guards of its stores see both ways), a partial and a
        // whole third vector, beta 0 and 1
        if (kern.wideRows() > 0) {
            int wr = kern.wideRows();
            MemorySegment cWide = arena.allocate(4L * wr * ldWide, 64);
            int[] turn = {0};
            calls.add(new Call(k -> {
                int t = turn[0]++;
                int rows = wr - t % wr;
                int cols = t % 2 == 0 ? ldWide : ldWide - 3;
                k.tileWide(rows, cols, kc, a, 0, kc, bWide, 0, ldWide, cWide, 0, ldWide, 1f, 0f);
                k.tileWide(rows, cols, kc, a, 0, kc, bWide, 0, ldWide, cWide, 0, ldWide, 1f, 1f);
            }, 2 * wr * 3 * kc));
        }
        // GEMMs with K <= 4 (SmallK, e.g. a minibatch-2 weight gradient), through the same driver
        // code as real calls (its staging loops are compiled with a real profile too). The rank
        // kernels, like the tile kernels, run interpreted until C2 compiles them: a minibatch-2
        // weight gradient took 10 ms instead of 0.13 meanwhile. K of 2 and 4, beta 0 and 1, the
        // transposed A of a weight gradient, 3 rows (the one-row kernels of a row tail, too rarely
        // called in 70 rows to be compiled soon), and N with and without a column tail (a kernel
        // compiled having seen only one of them traps on the other, and runs interpreted again); C in
        // native memory and in an array (each has kernels of its own, see VectorMicroKernel.rank4)
        for (int sm : new int[] {70, 3}) {
            for (int sn : new int[] {8 * vl, 8 * vl + 3}) {
                MemorySegment sa = arena.allocate(4L * 4 * sm, 64);
                MemorySegment sb = arena.allocate(4L * 4 * sn, 64);
                MemorySegment sc = arena.allocate(4L * sm * sn, 64);
                Operand[] cs = {Operand.of(sc, 0, sn, false), Operand.of(new float[sm * sn], 0, sn, false)};
                for (int k : new int[] {2, 4}) {
                    for (float beta : new float[] {0f, 1f}) {
                        for (Operand sOut : cs) {
                            calls.add(new Call(m -> SmallK.run(null, 1, sm, sn, k, 1f, Operand.of(sa, 0, sm, true),
                                    Operand.of(sb, 0, sn, false), beta, sOut, null),
                                    sm * 8 * (sn / vl + 1))); // per vector of C: up to 4 steps + staging, as 8
                        }
                    }
                }
            }
        }
        // The B panel copy of Packing.packB (arrays and segments, whole and partial width): C1 compiles
        // it, but its Vector API code then runs on the API's Java fallback, hundreds of times slower,
        // until C2 takes over (about a second of GEMM calls on a 2-core machine)
        float[] panel = new float[kc * nr];
        // (every branch of the narrower panel: a vector past the columns, zeros; one inside the source,
        // blended; one reaching past its end, on the last row of a panel that ends where B does, masked)
        calls.add(new Call(k -> {
            k.copyPanel(b, 0, nr, kc, nr, panel, 0, nr);
            k.copyPanel(b, 0, nr, kc, nr - 3, panel, 0, nr);
            k.copyPanel(b, 0, nr, kc, vl - 3, panel, 0, nr);
            k.copyPanel(b, 3, nr, kc, nr - 3, panel, 0, nr);
        }, 4 * 2 * kc));
        calls.add(new Call(k -> {
            k.copyPanel(bSeg, 0, nr, kc, nr, panel, 0, nr);
            k.copyPanel(bSeg, 0, nr, kc, nr - 3, panel, 0, nr);
            k.copyPanel(bSeg, 0, nr, kc, vl - 3, panel, 0, nr);
            k.copyPanel(bSeg, 3, nr, kc, nr - 3, panel, 0, nr);
        }, 4 * 2 * kc));
        // (the GEMV kernels are left to the JIT: a matrix-vector product is memory-bound, and C1's
        // code for it is slower, not unusable)
        return calls;
    }
}
