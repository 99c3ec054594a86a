package dev.jdnn.memory;

/**
 * Walks every logical index of a descriptor in row-major logical order, giving the linear
 * logical position and the element offset in the layout. For glue code and tests, not kernels.
 */
public final class LogicalIndex {
    private LogicalIndex() {
    }

    /** Receives the row-major position of a logical index and its offset in elements. */
    @FunctionalInterface
    public interface Visitor {
        void visit(long position, long offset);
    }

    /** Calls {@code visitor} for every logical index of {@code desc}, in row-major order. */
    public static void forEach(MemoryDesc desc, Visitor visitor) {
        int n = desc.ndims();
        long[] dims = desc.dims();
        long[] index = new long[n];
        long total = desc.nelems();
        boolean blocked = desc.isBlocked();
        long[] strides = desc.strides();
        long offset = 0;
        for (long pos = 0; pos < total; pos++) {
            visitor.visit(pos, blocked ? desc.offsetUnchecked(index) : offset);
            for (int d = n - 1; d >= 0; d--) {
                if (++index[d] < dims[d]) {
                    offset += strides[d];
                    break;
                }
                offset -= (dims[d] - 1) * strides[d];
                index[d] = 0;
            }
        }
    }

    /** Advances {@code index} to the next row-major logical index of {@code dims}; false at the end. */
    public static boolean next(long[] index, long[] dims) {
        for (int d = index.length - 1; d >= 0; d--) {
            if (++index[d] < dims[d]) {
                return true;
            }
            index[d] = 0;
        }
        return false;
    }
}
