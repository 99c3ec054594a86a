package dev.jdnn.primitives.cpu;

import dev.jdnn.memory.MemoryDesc;

/**
 * How the 2-D slice (dims {@code rowDim} x {@code colDim}) of a plain tensor is a GEMM operand:
 * stored row-major with leading dimension {@code ld} (element (r, c) at {@code r * ld + c}), or
 * transposed (stored {@code cols x rows}: (r, c) at {@code c * ld + r}). A layout where neither
 * dim has unit stride (gaps between neighbours, blocking) is not a GEMM operand.
 *
 * @param trans whether the slice is stored transposed
 * @param ld    leading dimension in elements
 */
record MatrixView(boolean trans, long ld) {

    /** The view of dims (rowDim, colDim) of {@code md}, or null when it has none. */
    static MatrixView of(MemoryDesc md, int rowDim, int colDim) {
        if (!md.isPlain()) {
            return null;
        }
        long rows = md.dim(rowDim);
        long cols = md.dim(colDim);
        long sr = md.stride(rowDim);
        long sc = md.stride(colDim);
        if ((sc == 1 || cols == 1) && (rows == 1 || sr >= cols)) {
            return new MatrixView(false, rows == 1 ? cols : sr);
        }
        if ((sr == 1 || rows == 1) && (cols == 1 || sc >= rows)) {
            return new MatrixView(true, cols == 1 ? rows : sc);
        }
        return null;
    }

    /** Whether every batch (dim before the last two) of {@code md} has its own matrix: some batch dim is not 1. */
    static boolean variesByBatch(MemoryDesc md) {
        for (int i = 0; i < md.ndims() - 2; i++) {
            if (md.dim(i) != 1) {
                return true;
            }
        }
        return false;
    }

    /** Whether the slice is row-major (the only form a GEMM writes its result in). */
    boolean rowMajor() {
        return !trans;
    }
}
