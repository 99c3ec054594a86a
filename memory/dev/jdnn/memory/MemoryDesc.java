package dev.jdnn.memory;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/**
 * An immutable description of a tensor in memory: logical dimensions (row-major logical order,
 * e.g. N, C, H, W), a {@link DataType}, and a layout. The layout is either {@code ANY} (a
 * primitive will choose) or oneDNN's "blocked" form: the strides of every logical dimension plus
 * optional inner blocks. Plain layouts ({@code nchw}, {@code nhwc}, explicit strides) are the
 * case with no inner blocks; {@code nChw16c} has one inner block of 16 channels; padded
 * dimensions round a blocked dimension up to a multiple of its block.
 *
 * <p>The offset of logical index {@code (i0, .., in-1)} in elements is
 * {@code sum_d (i_d / B_d) * stride_d + inner(i)}, where {@code B_d} is the product of the blocks
 * of dimension {@code d} and {@code inner(i)} places the remainders inside the block.
 *
 * <p>Equality is by value. Indexing is {@code long}: tensors of more than 2^31 elements are legal.
 */
public final class MemoryDesc {
    /** Ranks accepted by jdnn. */
    public static final int MAX_NDIMS = 6;

    private final Dims dims;
    private final DataType dataType;
    private final boolean any;
    private final Dims paddedDims;
    private final Dims strides;
    private final int[] blockDims;
    private final int[] blockSizes;
    private final long[] blockTotal;
    private final long[] innerStrides;
    private final long spanElements;

    private MemoryDesc(Dims dims, DataType dataType, boolean any, Dims paddedDims, Dims strides,
            int[] blockDims, int[] blockSizes) {
        this.dims = dims;
        this.dataType = dataType;
        this.any = any;
        this.paddedDims = paddedDims;
        this.strides = strides;
        this.blockDims = blockDims;
        this.blockSizes = blockSizes;
        this.blockTotal = new long[dims.size()];
        Arrays.fill(blockTotal, 1);
        this.innerStrides = new long[blockDims.length];
        long inner = 1;
        for (int b = blockDims.length - 1; b >= 0; b--) {
            blockTotal[blockDims[b]] *= blockSizes[b];
            innerStrides[b] = inner;
            inner *= blockSizes[b];
        }
        this.spanElements = any ? 0 : computeSpan(inner);
    }

    private long computeSpan(long innerElements) {
        long last = innerElements - 1;
        for (int d = 0; d < dims.size(); d++) {
            long outer = paddedDims.get(d) / blockTotal[d];
            last = Checks.add(last, Checks.multiply(outer - 1, strides.get(d), "memory span"), "memory span");
        }
        long span = Checks.add(last, 1, "memory span");
        Checks.multiply(span, dataType.size(), "size in bytes of " + dims + " " + dataType);
        return span;
    }

    // ---------------------------------------------------------------- factories

    /** A descriptor with the layout of {@code tag} ({@link FormatTag#ANY} gives an ANY descriptor). */
    public static MemoryDesc of(long[] dims, DataType dataType, FormatTag tag) {
        Dims d = checkedDims(dims);
        JdnnException.requireNonNull(dataType, "data type");
        JdnnException.requireNonNull(tag, "format tag");
        if (tag.isAny()) {
            return new MemoryDesc(d, dataType, true, d, Dims.of(), new int[0], new int[0]);
        }
        if (tag.ndims() != d.size()) {
            throw JdnnException.invalid("format tag '" + tag + "' has " + tag.ndims()
                    + " dimensions but dims " + d + " have " + d.size());
        }
        return fromTag(d, dataType, tag);
    }

    /** A descriptor with the layout named by {@code tag} ({@code "nchw"}, {@code "nChw16c"}, {@code "any"}). */
    public static MemoryDesc of(long[] dims, DataType dataType, String tag) {
        return of(dims, dataType, FormatTag.of(tag));
    }

    /** A row-major plain descriptor ({@code a}, {@code ab}, {@code abc}, ...). */
    public static MemoryDesc plain(long[] dims, DataType dataType) {
        Dims d = checkedDims(dims);
        return of(dims, dataType, FormatTag.plain(d.size()));
    }

    /** A descriptor whose layout the primitive chooses. */
    public static MemoryDesc any(long[] dims, DataType dataType) {
        return of(dims, dataType, FormatTag.ANY);
    }

    /**
     * A plain descriptor with explicit strides in elements (transposed views, padded rows). Strides
     * must be positive (zero is accepted only for a dimension of size 1).
     */
    public static MemoryDesc ofStrides(long[] dims, DataType dataType, long[] strides) {
        Dims d = checkedDims(dims);
        JdnnException.requireNonNull(dataType, "data type");
        JdnnException.requireNonNull(strides, "strides");
        if (strides.length != d.size()) {
            throw JdnnException.invalid("strides " + Arrays.toString(strides) + " have " + strides.length
                    + " entries but dims " + d + " have " + d.size());
        }
        for (int i = 0; i < strides.length; i++) {
            if (strides[i] < 0 || (strides[i] == 0 && d.get(i) > 1)) {
                throw JdnnException.invalid("strides[" + i + "] = " + strides[i] + " must be positive (dims = " + d + ")");
            }
        }
        return new MemoryDesc(d, dataType, false, d, Dims.of(strides), new int[0], new int[0]);
    }

    private static Dims checkedDims(long[] dims) {
        JdnnException.requireNonNull(dims, "dims");
        if (dims.length < 1 || dims.length > MAX_NDIMS) {
            throw JdnnException.invalid("dims " + Arrays.toString(dims) + ": rank " + dims.length
                    + " is not in 1.." + MAX_NDIMS);
        }
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] <= 0) {
                throw JdnnException.invalid("dims[" + i + "] = " + dims[i] + " must be positive (dims = "
                        + Arrays.toString(dims) + ")");
            }
        }
        Dims d = Dims.of(dims);
        d.product();
        return d;
    }

    /** oneDNN's memory_desc_init_by_tag: pad blocked dims, then strides from the innermost outward. */
    private static MemoryDesc fromTag(Dims dims, DataType dataType, FormatTag tag) {
        int n = dims.size();
        int[] blockDims = tag.blockDims();
        int[] blockSizes = tag.blockSizes();
        long[] total = new long[n];
        Arrays.fill(total, 1);
        long inner = 1;
        for (int b = 0; b < blockDims.length; b++) {
            total[blockDims[b]] *= blockSizes[b];
            inner *= blockSizes[b];
        }
        long[] padded = new long[n];
        for (int d = 0; d < n; d++) {
            padded[d] = Checks.multiply((dims.get(d) + total[d] - 1) / total[d], total[d], "padded dims");
        }
        long[] strides = new long[n];
        long running = inner;
        int[] order = tag.outerOrder();
        for (int k = n - 1; k >= 0; k--) {
            int d = order[k];
            strides[d] = running;
            running = Checks.multiply(running, padded[d] / total[d], "strides of " + dims + " " + tag);
        }
        return new MemoryDesc(dims, dataType, false, Dims.of(padded), Dims.of(strides), blockDims, blockSizes);
    }

    // ---------------------------------------------------------------- derived descriptors

    /** The same layout with another data type. */
    public MemoryDesc withDataType(DataType type) {
        JdnnException.requireNonNull(type, "data type");
        return new MemoryDesc(dims, type, any, paddedDims, strides, blockDims, blockSizes);
    }

    /** The same dims and data type with the layout of {@code tag}. */
    public MemoryDesc withFormat(FormatTag tag) {
        return of(dims.toArray(), dataType, tag);
    }

    // ---------------------------------------------------------------- queries

    public int ndims() {
        return dims.size();
    }

    /** A copy of the logical dims. */
    public long[] dims() {
        return dims.toArray();
    }

    public long dim(int i) {
        return dims.get(i);
    }

    /** The logical dims as a value. */
    public Dims shape() {
        return dims;
    }

    public DataType dataType() {
        return dataType;
    }

    /** Whether the layout is still to be chosen by a primitive. */
    public boolean isAny() {
        return any;
    }

    /** Whether the layout has inner blocks ({@code nChw16c}). */
    public boolean isBlocked() {
        return blockDims.length > 0;
    }

    /** A concrete layout without inner blocks: a tag like {@code nhwc} or explicit strides. */
    public boolean isPlain() {
        return !any && blockDims.length == 0;
    }

    /** Dims rounded up to whole blocks (equal to dims for plain layouts). */
    public long[] paddedDims() {
        requireConcrete("padded dims");
        return paddedDims.toArray();
    }

    /** Strides in elements of each dimension's (outer) index. */
    public long[] strides() {
        requireConcrete("strides");
        return strides.toArray();
    }

    public long stride(int i) {
        requireConcrete("strides");
        return strides.get(i);
    }

    /** Logical dimension of each inner block, outermost first (empty when plain). */
    public int[] innerBlockDims() {
        return blockDims.clone();
    }

    /** Size of each inner block, outermost first (empty when plain). */
    public int[] innerBlockSizes() {
        return blockSizes.clone();
    }

    /** Number of logical elements. */
    public long nelems() {
        return dims.product();
    }

    /** Elements from the first to one past the last addressable one, padding included. */
    public long spanElements() {
        requireConcrete("size");
        return spanElements;
    }

    /** Bytes a buffer must have to hold this tensor. */
    public long sizeInBytes() {
        requireConcrete("size");
        return spanElements * dataType.size();
    }

    /** Whether the tensor fills its span without gaps (padding of blocked dims aside). */
    public boolean isDense() {
        return !any && spanElements == paddedDims.product();
    }

    /**
     * Offset in elements of the logical index {@code index}. Checks the rank and the bounds, so it
     * is meant for tests and slow paths; kernels use the strides.
     */
    public long offset(long... index) {
        requireConcrete("offsets");
        JdnnException.requireNonNull(index, "index");
        if (index.length != dims.size()) {
            throw JdnnException.invalid("index " + Arrays.toString(index) + " has rank " + index.length
                    + ", dims " + dims + " have rank " + dims.size());
        }
        for (int d = 0; d < index.length; d++) {
            if (index[d] < 0 || index[d] >= dims.get(d)) {
                throw JdnnException.invalid("index[" + d + "] = " + index[d] + " is outside dims " + dims);
            }
        }
        return offsetUnchecked(index);
    }

    /** {@link #offset} without checks; also valid for indices inside the padding of blocked dims. */
    public long offsetUnchecked(long[] index) {
        long off = 0;
        for (int d = 0; d < index.length; d++) {
            off += axisOffset(d, index[d]);
        }
        return off;
    }

    /**
     * The part of an element's offset due to index {@code i} of dimension {@code d}. Every layout
     * jdnn describes is separable: the offset of an index is the sum of its axes' parts, blocked
     * layouts included (a block digit of one dim never mixes with another dim's).
     */
    public long axisOffset(int d, long i) {
        if (blockTotal[d] == 1) {
            return i * strides.get(d);
        }
        long off = (i / blockTotal[d]) * strides.get(d);
        long rest = i % blockTotal[d];
        for (int b = blockDims.length - 1; b >= 0; b--) {
            if (blockDims[b] == d) {
                off += (rest % blockSizes[b]) * innerStrides[b];
                rest /= blockSizes[b];
            }
        }
        return off;
    }

    /**
     * oneDNN's short format string: dimension letters from outermost to innermost stride,
     * capitals and a suffix for blocks: {@code abcd}, {@code acdb}, {@code aBcd16b}; {@code any}.
     */
    public String format() {
        if (any) {
            return "any";
        }
        int n = dims.size();
        Integer[] order = new Integer[n];
        for (int d = 0; d < n; d++) {
            order[d] = d;
        }
        Arrays.sort(order, Comparator.<Integer>comparingLong(d -> -strides.get(d))
                .thenComparingLong(d -> -(paddedDims.get(d) / blockTotal[d]))
                .thenComparingInt(d -> d));
        StringBuilder sb = new StringBuilder();
        for (int d : order) {
            char c = (char) ('a' + d);
            sb.append(blockTotal[d] > 1 ? Character.toUpperCase(c) : c);
        }
        for (int b = 0; b < blockDims.length; b++) {
            sb.append(blockSizes[b]).append((char) ('a' + blockDims[b]));
        }
        return sb.toString();
    }

    /** Whether this descriptor equals the one {@code tag} gives for the same dims and type. */
    public boolean matches(FormatTag tag) {
        JdnnException.requireNonNull(tag, "format tag");
        if (tag.isAny()) {
            return any;
        }
        return !any && tag.ndims() == dims.size() && equals(fromTag(dims, dataType, tag));
    }

    private void requireConcrete(String what) {
        if (any) {
            throw JdnnException.invalid("memory descriptor " + this + " has format any: it has no " + what
                    + " until a primitive chooses its layout");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MemoryDesc m
                && any == m.any
                && dataType == m.dataType
                && dims.equals(m.dims)
                && paddedDims.equals(m.paddedDims)
                && strides.equals(m.strides)
                && Arrays.equals(blockDims, m.blockDims)
                && Arrays.equals(blockSizes, m.blockSizes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dims, dataType, any, strides, Arrays.hashCode(blockSizes));
    }

    /** {@code f32 2x64x56x56 acdb}, with the strides when they are not dense. */
    @Override
    public String toString() {
        String s = dataType + " " + dims + " " + format();
        if (!any && !isDense()) {
            s += " strides=" + strides.toString().replace('x', ':');
        }
        return s;
    }
}
