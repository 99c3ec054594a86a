package dev.jdnn.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A tensor: a {@link MemoryDesc} and the {@link MemorySegment} that holds its elements.
 *
 * <p>{@link #allocate} gives memory owned by this object (64-byte aligned, zeroed, freed by
 * {@link #close}); {@code wrap} shares the caller's storage without copying: a {@code float[]},
 * a heap segment or a native one. Closing a wrapper frees nothing. Offsets and sizes are
 * {@code long} throughout.
 */
public final class Memory implements AutoCloseable {
    /** Alignment of memory jdnn allocates (a cache line, and a 512-bit vector). */
    public static final long ALIGNMENT = 64;

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;

    private final MemoryDesc desc;
    private final MemorySegment segment;
    private final Arena arena;
    /** The array behind a heap segment (null for native memory): with {@link #start}, where the bytes are. */
    private final Object base;
    private final long start;
    private final long bytes;

    private Memory(MemoryDesc desc, MemorySegment segment, Arena arena) {
        this.desc = desc;
        this.segment = segment;
        this.arena = arena;
        this.base = segment.heapBase().orElse(null);
        this.start = segment.address();
        this.bytes = desc.sizeInBytes();
    }

    /** Allocates zeroed, 64-byte aligned native memory for {@code desc}; {@link #close} frees it. */
    public static Memory allocate(MemoryDesc desc) {
        requireConcrete(desc);
        Arena arena = Arena.ofShared();
        try {
            return new Memory(desc, arena.allocate(desc.sizeInBytes(), ALIGNMENT), arena);
        } catch (OutOfMemoryError | IllegalArgumentException e) {
            arena.close();
            throw new JdnnException(Status.OUT_OF_MEMORY, "cannot allocate " + desc.sizeInBytes()
                    + " bytes for " + desc + ": " + e.getMessage(), e);
        }
    }

    /** Allocates in the caller's arena (zeroed, 64-byte aligned); the arena decides its lifetime. */
    public static Memory allocate(MemoryDesc desc, Arena arena) {
        requireConcrete(desc);
        JdnnException.requireNonNull(arena, "arena");
        try {
            return new Memory(desc, arena.allocate(desc.sizeInBytes(), ALIGNMENT), null);
        } catch (OutOfMemoryError | IllegalArgumentException e) {
            throw new JdnnException(Status.OUT_OF_MEMORY, "cannot allocate " + desc.sizeInBytes()
                    + " bytes for " + desc + ": " + e.getMessage(), e);
        }
    }

    /** Wraps a {@code float[]} without copying; {@code desc} must be f32 and fit in the array. */
    public static Memory wrap(MemoryDesc desc, float[] data) {
        JdnnException.requireNonNull(data, "data");
        requireConcrete(desc);
        if (desc.dataType() != DataType.F32) {
            throw JdnnException.invalid("cannot wrap a float[] as " + desc.dataType() + " memory (" + desc + ")");
        }
        return wrap(desc, MemorySegment.ofArray(data));
    }

    /** Wraps any segment (heap or native) without copying; it must hold {@code desc.sizeInBytes()}. */
    public static Memory wrap(MemoryDesc desc, MemorySegment segment) {
        requireConcrete(desc);
        JdnnException.requireNonNull(segment, "segment");
        if (segment.byteSize() < desc.sizeInBytes()) {
            throw JdnnException.invalid("segment of " + segment.byteSize() + " bytes is too small for " + desc
                    + ", which needs " + desc.sizeInBytes() + " bytes");
        }
        if (segment.isReadOnly()) {
            throw JdnnException.invalid("segment is read-only; jdnn memory must be writable (" + desc + ")");
        }
        return new Memory(desc, segment, null);
    }

    private static void requireConcrete(MemoryDesc desc) {
        JdnnException.requireNonNull(desc, "memory descriptor");
        if (desc.isAny()) {
            throw JdnnException.invalid("memory descriptor " + desc
                    + " has format any; ask the primitive descriptor for the layout it chose");
        }
    }

    public MemoryDesc desc() {
        return desc;
    }

    /** The storage; its first {@code desc().sizeInBytes()} bytes hold the tensor. */
    public MemorySegment segment() {
        return segment;
    }

    /**
     * Whether the tensor's bytes ({@code desc().sizeInBytes()} from the segment's start) share any
     * byte with {@code other}'s. Allocation-free, for checks on every execution.
     */
    public boolean overlaps(Memory other) {
        return base == other.base && start < other.start + other.bytes && other.start < start + bytes;
    }

    /** Whether both tensors start at the same byte of the same storage. */
    public boolean sameStart(Memory other) {
        return base == other.base && start == other.start;
    }

    /** Whether this object frees its storage on {@link #close}. */
    public boolean ownsStorage() {
        return arena != null;
    }

    /** Frees owned storage; a wrapper frees nothing. Idempotent. */
    @Override
    public void close() {
        if (arena != null && arena.scope().isAlive()) {
            arena.close();
        }
    }

    // ---------------------------------------------------------------- element access (tests, glue)

    /** The f32 element at a logical index. */
    public float getFloat(long... index) {
        requireType(DataType.F32);
        return segment.getAtIndex(FLOAT, desc.offset(index));
    }

    /** Sets the f32 element at a logical index. */
    public void setFloat(float value, long... index) {
        requireType(DataType.F32);
        segment.setAtIndex(FLOAT, desc.offset(index), value);
    }

    /** The s32 element at a logical index (workspaces). */
    public int getInt(long... index) {
        requireType(DataType.S32);
        return segment.getAtIndex(INT, desc.offset(index));
    }

    /** The f32 elements in logical row-major order (padding skipped), as a new array. */
    public float[] toFloatArray() {
        requireType(DataType.F32);
        long n = desc.nelems();
        if (n > Integer.MAX_VALUE - 8) {
            throw JdnnException.invalid("tensor " + desc + " has " + n + " elements, too many for a float[]");
        }
        float[] out = new float[(int) n];
        LogicalIndex.forEach(desc, (i, offset) -> out[(int) i] = segment.getAtIndex(FLOAT, offset));
        return out;
    }

    /** Writes {@code values} (logical row-major order) into the tensor, whatever its layout. */
    public void copyFrom(float[] values) {
        requireType(DataType.F32);
        JdnnException.requireNonNull(values, "values");
        if (values.length != desc.nelems()) {
            throw JdnnException.invalid("values has " + values.length + " elements, " + desc + " has "
                    + desc.nelems());
        }
        LogicalIndex.forEach(desc, (i, offset) -> segment.setAtIndex(FLOAT, offset, values[(int) i]));
    }

    private void requireType(DataType type) {
        if (desc.dataType() != type) {
            throw JdnnException.invalid("memory " + desc + " is not " + type);
        }
    }

    @Override
    public String toString() {
        return "Memory[" + desc + (arena != null ? ", owned" : ", wrapped") + "]";
    }
}
