package dev.jdnn.primitives.cpu;

import dev.jdnn.engines.gemm.PackedB;
import dev.jdnn.memory.DataType;
import dev.jdnn.memory.FormatTag;
import dev.jdnn.memory.MemoryDesc;
import java.lang.foreign.MemorySegment;

/**
 * Weights pre-packed for the SGEMM: the layout a GEMM-based primitive reports for weights given as
 * {@code ANY} (a caller reorders its weights into it once), and views of such memory at execution.
 *
 * <p>The packed layout of a K x N operand is the blocked format {@code Ba<nr>b} (see
 * {@link PackedB}); on a tensor it is spelled with the tensor's own dims, the K dims outer in the
 * order given and the N dim blocked by {@code nr} innermost.
 */
final class PackedWeights {
    private static final String LETTERS = "abcdefghijkl";

    /** The last packed view made, reused while the same memory comes back (execution allocates nothing). */
    private volatile Cached cached;

    private record Cached(MemorySegment segment, PackedB view) {
    }

    /**
     * The packed descriptor of weights {@code dims} whose GEMM columns (N) are dim {@code nDim} and
     * rows (K) the dims {@code kDims}, outermost first; every other dim must have size 1.
     */
    static MemoryDesc desc(long[] dims, int nDim, int[] kDims) {
        StringBuilder tag = new StringBuilder();
        boolean[] used = new boolean[dims.length];
        used[nDim] = true;
        for (int d : kDims) {
            used[d] = true;
        }
        for (int d = 0; d < dims.length; d++) {
            if (!used[d]) {
                tag.append(LETTERS.charAt(d));
            }
        }
        tag.append(Character.toUpperCase(LETTERS.charAt(nDim)));
        for (int d : kDims) {
            tag.append(LETTERS.charAt(d));
        }
        tag.append(PackedB.panelWidth()).append(LETTERS.charAt(nDim));
        return MemoryDesc.of(dims, DataType.F32, FormatTag.of(tag.toString()));
    }

    /** A view of packed weights of K x N in {@code segment}, cached per segment. */
    PackedB view(MemorySegment segment, int k, int n) {
        Cached c = cached;
        if (c != null && c.segment == segment) {
            return c.view;
        }
        PackedB view = PackedB.wrap(k, n, segment, 0);
        cached = new Cached(segment, view);
        return view;
    }
}
