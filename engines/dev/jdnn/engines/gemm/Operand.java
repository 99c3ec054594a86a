package dev.jdnn.engines.gemm;

import java.lang.foreign.MemorySegment;
import java.util.Optional;

/**
 * A stored row-major matrix operand: a {@code float[]} or a {@link MemorySegment}, an offset and a
 * leading dimension in floats, and whether the operation uses it transposed. Stored element
 * {@code (r, c)} is at {@code offset + r * ld + c}; {@code op(X)(i, j)} is stored {@code (i, j)},
 * or {@code (j, i)} when {@code trans}.
 *
 * <p>A heap segment over a {@code float[]} becomes an array operand (same memory, faster loads).
 */
final class Operand {
    final float[] array;
    final MemorySegment segment;
    final long offset;
    final long ld;
    final boolean trans;

    private Operand(float[] array, MemorySegment segment, long offset, long ld, boolean trans) {
        this.array = array;
        this.segment = segment;
        this.offset = offset;
        this.ld = ld;
        this.trans = trans;
    }

    static Operand of(float[] array, int offset, int ld, boolean trans) {
        return new Operand(array, null, offset, ld, trans);
    }

    /**
     * An operand over {@code segment}; a writable heap segment backed by a {@code float[]} (with the
     * element offset, leading dimension and extent within int range) becomes an array operand.
     */
    static Operand of(MemorySegment segment, long offset, long ld, boolean trans) {
        Optional<Object> base = segment.heapBase();
        if (base.isPresent() && base.get() instanceof float[] arr && segment.address() % 4 == 0) {
            long off = segment.address() / 4 + offset;
            if (off <= Integer.MAX_VALUE && ld <= Integer.MAX_VALUE) {
                return new Operand(arr, null, off, ld, trans);
            }
        }
        return new Operand(null, segment, offset, ld, trans);
    }

    /** The operand whose stored element (0, 0) is this one's (r, c). */
    Operand shifted(long r, long c) {
        return new Operand(array, segment, offset + r * ld + c, ld, trans);
    }

    boolean isArray() {
        return array != null;
    }

    /** Stored element (r, c). */
    float get(long r, long c) {
        long at = offset + r * ld + c;
        return array != null ? array[(int) at] : segment.getAtIndex(Packing.F, at);
    }

    /** Element (i, j) of op(X). */
    float op(long i, long j) {
        return trans ? get(j, i) : get(i, j);
    }

    void set(long r, long c, float v) {
        long at = offset + r * ld + c;
        if (array != null) {
            array[(int) at] = v;
        } else {
            segment.setAtIndex(Packing.F, at, v);
        }
    }
}
