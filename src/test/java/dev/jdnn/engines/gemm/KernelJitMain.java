package dev.jdnn.engines.gemm;

import java.lang.foreign.MemorySegment;

/**
 * Run by {@link KernelJitTest} in a JVM limited to C1 tier 2: calls every micro-kernel (packed and
 * unpacked A, full tiles, tails, narrow and short tiles, the rank kernels of a K of at most 4)
 * often enough that the JIT tries to compile each.
 */
public final class KernelJitMain {
    private KernelJitMain() {
    }

    public static void main(String[] args) {
        MicroKernel k = Kernels.MICRO;
        int mr = k.mr();
        int nr = k.nr();
        int kc = 8;
        float[] a = new float[mr * kc + mr * 64];
        float[] b = new float[kc * nr + nr];
        float[] cArr = new float[mr * nr];
        MemorySegment c = MemorySegment.ofArray(cArr);
        MemorySegment bSeg = java.lang.foreign.Arena.ofAuto().allocate(4L * b.length, 64);
        // rows further apart than a packed panel's (ldb = nr): a packed A meets the segment kernels that
        // take B's stride as a parameter rather than the panel kernels
        int ldWide = nr + k.lanes();
        MemorySegment bWide = java.lang.foreign.Arena.ofAuto().allocate(4L * (kc * ldWide + nr), 64);
        MemorySegment cWide = java.lang.foreign.Arena.ofAuto().allocate(4L * mr * ldWide, 64);
        for (int i = 0; i < 3000; i++) {
            k.tile(mr, nr, kc, a, 0, b, 0, nr, c, 0, nr, 1f, 0f);
            k.tileDirect(mr, nr, kc, a, 0, kc, b, 0, nr, c, 0, nr, 1f, 1f);
            k.tile(mr - 1, nr - 3, kc, a, 0, b, 0, nr, c, 0, nr, 1f, 0f);
            k.tileDirect(1, 5, kc, a, 0, kc, b, 0, nr, c, 0, nr, 2f, 0f);
            k.tile(mr, nr, kc, a, 0, bSeg, 0, nr, c, 0, nr, 1f, 0f);
            k.tileDirect(mr - 1, nr, kc, a, 0, kc, bSeg, 0, nr, c, 0, nr, 1f, 1f);
            k.tile(mr, nr, kc, a, 0, bWide, 0, ldWide, c, 0, nr, 1f, 1f);
            // C in an array: the array-C kernels (whole tiles)
            k.tile(mr, nr, kc, a, 0, b, 0, nr, cArr, 0, nr, 1f, 0f);
            k.tileDirect(mr, nr, kc, a, 0, kc, b, 0, nr, cArr, 0, nr, 1f, 1f);
            k.tile(mr - 2, nr - 1, kc, a, 0, b, 0, nr, cArr, 0, nr, 1f, 1f);
            if (mr == 12) {
                k.tile(8, nr, kc, a, 0, b, 0, nr, cArr, 0, nr, 1f, 1f);
                k.tileDirect(8, nr, kc, a, 0, kc, b, 0, nr, cArr, 0, nr, 1f, 0f);
                k.tile(8, nr, kc, a, 0, b, 0, nr, c, 0, nr, 1f, 0f);
                k.tileDirect(7, nr - 1, kc, a, 0, kc, b, 0, nr, c, 0, nr, 1f, 1f);
                k.tile(6, nr - 1, kc, a, 0, bSeg, 0, nr, c, 0, nr, 1f, 0f);
                k.tile(8, nr, kc, a, 0, bWide, 0, ldWide, c, 0, nr, 1f, 0f);
                k.tileDirect(8, nr, kc, a, 0, kc, bSeg, 0, nr, c, 0, nr, 1f, 1f);
            }
            // column tails of at most one vector: the narrow kernels (full height, and 8 rows)
            int vl = k.lanes();
            k.tile(mr, vl, kc, a, 0, b, 0, nr, c, 0, nr, 1f, 0f);
            k.tileDirect(mr - 1, vl - 3, kc, a, 0, kc, b, 0, nr, c, 0, nr, 1f, 1f);
            k.tile(mr, 5, kc, a, 0, bSeg, 0, nr, c, 0, nr, 1f, 0f);
            k.tile(mr, vl, kc, a, 0, bWide, 0, ldWide, c, 0, nr, 1f, 1f);
            k.tileDirect(mr, vl, kc, a, 0, kc, bSeg, 0, nr, c, 0, nr, 1f, 1f);
            k.tile(mr, vl - 1, kc, a, 0, b, 0, nr, cArr, 0, nr, 1f, 0f);
            if (mr == 12) {
                k.tile(8, vl, kc, a, 0, b, 0, nr, c, 0, nr, 1f, 0f);
                k.tileDirect(7, vl - 3, kc, a, 0, kc, b, 0, nr, cArr, 0, nr, 1f, 1f);
                k.tile(6, 5, kc, a, 0, bSeg, 0, nr, c, 0, nr, 1f, 0f);
                k.tile(7, 3, kc, a, 0, bWide, 0, ldWide, c, 0, nr, 1f, 0f);
                k.tileDirect(8, vl, kc, a, 0, kc, bSeg, 0, nr, c, 0, nr, 1f, 1f);
                // the wide tile (wideRows() rows x 3 vectors; B rows of 3 vectors, C a native segment)
                k.tileWide(k.wideRows(), ldWide - 3, kc, a, 0, kc, bWide, 0, ldWide, cWide, 0, ldWide, 1f, 0f);
                k.tileWide(k.wideRows() - 1, nr + 5, kc, a, 0, kc, bWide, 0, ldWide, cWide, 0, ldWide, 1f, 1f);
            }
            // row tails of 1-4 rows: the short kernels
            for (int rows = 1; rows <= VectorMicroKernel.SHORT_ROWS; rows++) {
                k.tile(rows, nr - 1, kc, a, 0, b, 0, nr, cArr, 0, nr, 1f, 1f);
                k.tile(rows, nr, kc, a, 0, b, 0, nr, c, 0, nr, 1f, 0f);
                k.tileDirect(rows, nr - 1, kc, a, 0, kc, b, 0, nr, c, 0, nr, 1f, 1f);
                k.tile(rows, nr - 2, kc, a, 0, bSeg, 0, nr, c, 0, nr, 1f, 0f);
                k.tile(rows, nr, kc, a, 0, bWide, 0, ldWide, c, 0, nr, 1f, 1f);
                k.tileDirect(rows, nr, kc, a, 0, kc, bSeg, 0, nr, c, 0, nr, 1f, 1f);
            }
            // K <= 4 (SmallK): the rank kernels, two and four K steps, with and without beta, row tails, C native
            // (a heap segment goes to the plain loop) and in an array
            for (float beta : new float[] {0f, 1f}) {
                k.rank4(7, vl + 3, 2, a, 8, b, cWide, 0, vl + 3, 1f, beta);
                k.rank4(3, vl + 3, 4, a, 8, b, cWide, 0, vl + 3, 1f, beta);
                k.rank4(7, vl + 3, 2, a, 8, b, cArr, 0, vl + 3, 1f, beta);
                k.rank4(3, vl + 3, 4, a, 8, b, cArr, 0, vl + 3, 1f, beta);
            }
        }
        awaitQuietCompilers();
        System.out.println("kernel " + k.name());
    }

    /**
     * Lets queued compiles run (and print) before the JVM exits. One second was sometimes too short
     * while C1 worked through the big kernels (the last rank kernels were never attempted).
     */
    private static void awaitQuietCompilers() {
        try {
            Thread.sleep(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
