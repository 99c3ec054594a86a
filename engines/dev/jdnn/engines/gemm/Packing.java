package dev.jdnn.engines.gemm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * Packing of A and B blocks into the contiguous layouts the micro-kernel reads.
 *
 * <ul>
 * <li>A block {@code op(A)[i0 .. i0+rows, k0 .. k0+kc]}: micro-panels of {@code mr} rows (the last
 * one has the rows left, zero-padded to its kernel's height {@link MicroKernel#panelRows}), panel
 * {@code ir} at {@code ir * kc}, each k-major: element (i, k) at {@code k * panelRows + i}, so the
 * micro-kernel reads one sequential stream. For a transposed A
 * (stored K x M) that is a copy of {@code panelRows} floats per k; for an untransposed A a
 * transpose.</li>
 * <li>B block {@code op(B)[k0 .. k0+kc, j0 .. j0+cols]}: panels of {@code nr} columns, panel
 * {@code p} at {@code p * nr * kc}, each {@code kc} rows of {@code nr} floats (zero-padded past
 * the block's columns): the layout of {@link PackedB} for a K of {@code kc}.</li>
 * </ul>
 */
final class Packing {
    static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;
    /** Square tile of the blocked transposes (keeps both sides of a transpose in L1). */
    private static final int T = 16;

    private Packing() {
    }

    static void packA(Operand a, int i0, int rows, int k0, int kc, int mr, MicroKernel kern, float[] dst) {
        for (int ir = 0; ir < rows; ir += mr) {
            int r = Math.min(mr, rows - ir);
            int pr = kern.panelRows(r);
            if (a.trans) {
                // op(A)(i, k) = stored(k, i): row k of the panel is stored[k0 + k, i0 + ir ..]
                copyRows(a, k0, i0 + ir, kc, r, dst, ir * kc, pr);
            } else {
                // op(A)(i, k) = stored(i, k): transpose stored[i0 + ir .., k0 ..] into dst[k * pr + i]
                transpose(a, i0 + ir, k0, r, kc, dst, ir * kc, pr);
            }
            if (pr > r) {
                for (int k = 0; k < kc; k++) {
                    Arrays.fill(dst, ir * kc + k * pr + r, ir * kc + k * pr + pr, 0f);
                }
            }
        }
    }

    /** Packs {@code op(B)[k0 .. k0+kc, j0 .. j0+cols]} into panels of {@code nr} at {@code dst[dstOff..]}. */
    static void packB(Operand b, int k0, int kc, int j0, int cols, int nr, MicroKernel kern, float[] dst, int dstOff) {
        for (int p = 0; p * nr < cols; p++) {
            int jc = p * nr;
            int w = Math.min(nr, cols - jc);
            int pw = nr;
            int base = dstOff + p * nr * kc;
            long from = b.offset + (long) k0 * b.ld + j0 + jc;
            if (!b.trans && b.array != null) {
                kern.copyPanel(b.array, (int) from, (int) b.ld, kc, w, dst, base, pw);
                continue;
            }
            if (!b.trans) {
                kern.copyPanel(b.segment, from, b.ld, kc, w, dst, base, pw);
                continue;
            }
            // op(B)(k, j) = stored(j, k): transpose stored[j.., k0..] into dst[k * pw + j]
            transpose(b, j0 + jc, k0, w, kc, dst, base, pw);
            if (pw > w) {
                for (int k = 0; k < kc; k++) {
                    Arrays.fill(dst, base + k * pw + w, base + k * pw + pw, 0f);
                }
            }
        }
    }

    /** Size of a packed B block of {@code kc x cols}: whole panels of {@code nr}. */
    static int packedBSize(int kc, int cols, int nr) {
        return kc * ((cols + nr - 1) / nr * nr);
    }

    /** dst[dstOff + r * ldd + c] = stored(r0 + r, c0 + c) for r < rows, c < cols. */
    static void copyRows(Operand x, long r0, long c0, int rows, int cols, float[] dst, int dstOff, int ldd) {
        if (x.ld == cols && ldd == cols) {
            // the rows are contiguous on both sides: one copy (a batch of small matrices)
            long s = x.offset + r0 * x.ld + c0;
            if (x.array != null) {
                System.arraycopy(x.array, (int) s, dst, dstOff, rows * cols);
            } else {
                MemorySegment.copy(x.segment, F, s * 4L, dst, dstOff, rows * cols);
            }
            return;
        }
        if (x.array != null) {
            float[] src = x.array;
            int ld = (int) x.ld;
            int s = (int) (x.offset + r0 * ld + c0);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(src, s + r * ld, dst, dstOff + r * ldd, cols);
            }
        } else {
            MemorySegment seg = x.segment;
            long s = x.offset + r0 * x.ld + c0;
            for (int r = 0; r < rows; r++) {
                MemorySegment.copy(seg, F, (s + r * x.ld) * 4L, dst, dstOff + r * ldd, cols);
            }
        }
    }

    /** dst[dstOff + c * ldd + r] = stored(r0 + r, c0 + c) for r < rows, c < cols (a blocked transpose). */
    static void transpose(Operand x, long r0, long c0, int rows, int cols, float[] dst, int dstOff, int ldd) {
        if (x.array != null) {
            float[] src = x.array;
            int ld = (int) x.ld;
            int s = (int) (x.offset + r0 * ld + c0);
            for (int rb = 0; rb < rows; rb += T) {
                int re = Math.min(rows, rb + T);
                for (int cb = 0; cb < cols; cb += T) {
                    int ce = Math.min(cols, cb + T);
                    for (int r = rb; r < re; r++) {
                        int row = s + r * ld;
                        for (int c = cb; c < ce; c++) {
                            dst[dstOff + c * ldd + r] = src[row + c];
                        }
                    }
                }
            }
        } else {
            // each stored row read with one bulk copy, then scattered (per-element segment reads are slow)
            MemorySegment seg = x.segment;
            long s = x.offset + r0 * x.ld + c0;
            float[] row = Scratch.get().v(cols);
            for (int r = 0; r < rows; r++) {
                MemorySegment.copy(seg, F, (s + r * x.ld) * 4L, row, 0, cols);
                for (int c = 0; c < cols; c++) {
                    dst[dstOff + c * ldd + r] = row[c];
                }
            }
        }
    }
}
