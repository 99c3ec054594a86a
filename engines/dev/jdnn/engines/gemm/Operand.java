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
    // Set once per GEMM call before any work starts, then only read (the worker threads see them
    // through the pool's hand-off). Not final so that a call can reuse its thread's operands
    // ({@link Scratch#operands}) and allocate nothing.
    float[] array;
    MemorySegment segment;
    long offset;
    long ld;
    boolean trans;

    Operand() {
    }

    static Operand of(float[] array, int offset, int ld, boolean trans) {
        return new Operand().set(array, offset, ld, trans);
    }

    static Operand of(MemorySegment segment, long offset, long ld, boolean trans) {
        return new Operand().set(segment, offset, ld, trans);
    }

    /** This operand made to be an array operand; returns it. */
    Operand set(float[] array, int offset, int ld, boolean trans) {
        return set(array, null, offset, ld, trans);
    }

    /**
     * This operand made to be one over {@code segment}; returns it. A writable heap segment backed
     * by a {@code float[]} (with the element offset, leading dimension and extent within int range)
     * becomes an array operand.
     */
    Operand set(MemorySegment segment, long offset, long ld, boolean trans) {
        Optional<Object> base = segment.heapBase();
        if (base.isPresent() && base.get() instanceof float[] arr && segment.address() % 4 == 0) {
            long off = segment.address() / 4 + offset;
            if (off <= Integer.MAX_VALUE && ld <= Integer.MAX_VALUE) {
                return set(arr, null, off, ld, trans);
            }
        }
        return set(null, segment, offset, ld, trans);
    }

    private Operand set(float[] array, MemorySegment segment, long offset, long ld, boolean trans) {
        this.array = array;
        this.segment = segment;
        this.offset = offset;
        this.ld = ld;
        this.trans = trans;
        return this;
    }

    /** The operand whose stored element (0, 0) is this one's (r, c). */
    Operand shifted(long r, long c) {
        return new Operand().set(array, segment, offset + r * ld + c, ld, trans);
    }

    /** The operand's memory as a segment: its own, or a heap view of its array (cached per thread). */
    MemorySegment asSegment() {
        return segment != null ? segment : Scratch.get().heapView(array);
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
