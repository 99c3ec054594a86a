package dev.jdnn.primitives.ref;

import dev.jdnn.memory.MemoryDesc;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * The padding of a blocked layout (the elements past the logical dims in a partial block, as in
 * {@code nChw16c} with 17 channels) must hold zeros in every output, as oneDNN requires: kernels
 * reading a blocked input may treat the padded channels as data.
 */
final class Padding {
    private Padding() {
    }

    /** Writes f32 zeros at every padded index of {@code md} in {@code segment}; nothing for unpadded layouts. */
    static void zero(MemorySegment segment, MemoryDesc md) {
        if (!md.isBlocked()) {
            return;
        }
        long[] padded = md.paddedDims();
        long[] dims = md.dims();
        if (Arrays.equals(padded, dims)) {
            return;
        }
        long total = 1;
        for (long p : padded) {
            total *= p;
        }
        long[] index = new long[padded.length];
        for (long p = 0; p < total; p++) {
            for (int i = 0; i < dims.length; i++) {
                if (index[i] >= dims[i]) {
                    segment.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, md.offsetUnchecked(index), 0f);
                    break;
                }
            }
            Positions.increment(index, padded);
        }
    }
}
