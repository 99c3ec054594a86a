package dev.jdnn.primitives.ref;

import dev.jdnn.memory.MemoryDesc;

/**
 * Offset lookup tables for reference kernels: {@code table[i]} is the offset contribution of
 * index {@code i} along one axis (see {@link MemoryDesc#axisOffset}), so the offset of any element
 * in any layout, blocked ones included, is a sum of table lookups.
 */
final class AxisTables {
    private static final long[] ZERO = {0};

    private AxisTables() {
    }

    /** The table of axis {@code d} of {@code md}. */
    static long[] of(MemoryDesc md, int d) {
        long n = md.dim(d);
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("axis " + d + " of " + md + " is too long for a reference table");
        }
        long[] t = new long[(int) n];
        for (int i = 0; i < t.length; i++) {
            t[i] = md.axisOffset(d, i);
        }
        return t;
    }

    /** Tables of a data tensor {@code [N, C, (D,) (H,) W]} as five axes N, C, D, H, W (missing ones are {0}). */
    static long[][] spatial5(MemoryDesc md) {
        int sp = md.ndims() - 2;
        long[][] t = new long[5][];
        t[0] = of(md, 0);
        t[1] = of(md, 1);
        for (int k = 0; k < 3; k++) {
            int axis = k - (3 - sp);
            t[2 + k] = axis < 0 ? ZERO : of(md, 2 + axis);
        }
        return t;
    }

    /** The size of a data tensor's normalized spatial axis {@code k} (0 = D, 1 = H, 2 = W); 1 when missing. */
    static long spatialSize(MemoryDesc md, int k) {
        int sp = md.ndims() - 2;
        int axis = k - (3 - sp);
        return axis < 0 ? 1 : md.dim(2 + axis);
    }

    /** Value of a per-spatial-dim parameter normalized to D, H, W (missing dims get {@code fill}). */
    static long spatialParam(dev.jdnn.memory.Dims values, int k, long fill) {
        int sp = values.size();
        int axis = k - (3 - sp);
        return axis < 0 ? fill : values.get(axis);
    }

    /** The logical index (rank 3..5) of a data tensor's normalized point (n, c, d, h, w). */
    static void fillIndex(long[] index, long n, long c, long od, long oh, long ow) {
        index[0] = n;
        index[1] = c;
        switch (index.length) {
            case 5 -> {
                index[2] = od;
                index[3] = oh;
                index[4] = ow;
            }
            case 4 -> {
                index[2] = oh;
                index[3] = ow;
            }
            default -> index[2] = ow;
        }
    }
}
