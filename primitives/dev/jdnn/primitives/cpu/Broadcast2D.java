package dev.jdnn.primitives.cpu;

import dev.jdnn.memory.MemoryDesc;

/**
 * An operand read along the rows and columns of a GEMM's C with broadcast (bias, a binary post-op's
 * src1): element (m, n) of C's batch {@code b} is at {@code base(b) + m * rowStride + n * colStride}
 * in the operand, a stride being 0 where the operand has size 1. Only plain layouts are affine
 * like this.
 *
 * @param md        the operand's descriptor (same rank as C)
 * @param rowDim    C's row dim in the operand
 * @param colDim    C's column dim in the operand
 * @param rowStride elements per row step (0: broadcast)
 * @param colStride elements per column step (0: broadcast)
 */
record Broadcast2D(MemoryDesc md, int rowDim, int colDim, long rowStride, long colStride) {

    /** The addressing of {@code md} against C's dims, or null when its layout is not plain. */
    static Broadcast2D of(MemoryDesc md, int rowDim, int colDim) {
        if (!md.isPlain()) {
            return null;
        }
        long rs = md.dim(rowDim) == 1 ? 0 : md.stride(rowDim);
        long cs = md.dim(colDim) == 1 ? 0 : md.stride(colDim);
        return new Broadcast2D(md, rowDim, colDim, rs, cs);
    }

    /** Offset of batch index {@code batch} (C's dims other than rows and columns; entries for those are ignored). */
    long base(long[] batch) {
        long off = 0;
        for (int d = 0; d < batch.length; d++) {
            if (d != rowDim && d != colDim && md.dim(d) != 1) {
                off += batch[d] * md.stride(d);
            }
        }
        return off;
    }
}
