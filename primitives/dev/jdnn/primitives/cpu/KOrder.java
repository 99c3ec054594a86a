package dev.jdnn.primitives.cpu;

import dev.jdnn.memory.DataType;
import dev.jdnn.memory.FormatTag;
import dev.jdnn.memory.MemoryDesc;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The order in which an inner product flattens its reduction dims (dims 1.. of src and weights:
 * channels, then spatial) into the K of a GEMM: a permutation, outermost first. A tensor whose
 * dims 1.. are dense in that order is a matrix of rows of K contiguous elements, dim 0 stepping by
 * its stride (the leading dimension). {@code nchw} flattens as (c, h, w), {@code nhwc} as (h, w, c).
 */
record KOrder(int[] dims) {
    private static final String LETTERS = "abcdefghijkl";

    /** The order of a plain {@code md}'s dims 1.. by decreasing stride, or null if they are not dense. */
    static KOrder of(MemoryDesc md) {
        if (!md.isPlain()) {
            return null;
        }
        Integer[] order = new Integer[md.ndims() - 1];
        for (int i = 0; i < order.length; i++) {
            order[i] = i + 1;
        }
        Arrays.sort(order, Comparator.<Integer>comparingLong(d -> -md.stride(d)).thenComparingInt(d -> d));
        KOrder k = new KOrder(Arrays.stream(order).mapToInt(Integer::intValue).toArray());
        return k.isDenseIn(md) ? k : null;
    }

    /** Whether dims 1.. of {@code md} are dense in this order (dims of size 1 may have any stride). */
    boolean isDenseIn(MemoryDesc md) {
        if (!md.isPlain() || md.ndims() != dims.length + 1) {
            return false;
        }
        long running = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            int d = dims[i];
            if (md.dim(d) > 1 && md.stride(d) != running) {
                return false;
            }
            running *= md.dim(d);
        }
        return true;
    }

    /** Row stride of dim 0 (the K of a row when dim 0 has size 1). */
    static long leadingDimension(MemoryDesc md, long k) {
        return md.dim(0) == 1 ? k : md.stride(0);
    }

    /** The plain layout of {@code dims} with dim 0 outermost and the rest in this order. */
    MemoryDesc plain(long[] tensorDims, DataType type) {
        StringBuilder tag = new StringBuilder("a");
        for (int d : dims) {
            tag.append(LETTERS.charAt(d));
        }
        return MemoryDesc.of(tensorDims, type, FormatTag.of(tag.toString()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KOrder k && Arrays.equals(dims, k.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return "KOrder" + Arrays.toString(dims);
    }
}
