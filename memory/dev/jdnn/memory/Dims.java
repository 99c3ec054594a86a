package dev.jdnn.memory;

import java.util.Arrays;

/**
 * An immutable vector of {@code long}s compared by value: the dimensions, strides or paddings of
 * a descriptor. Descriptors are cache keys, so their arrays need value equality.
 */
public final class Dims {
    private static final Dims EMPTY = new Dims(new long[0]);

    private final long[] values;

    private Dims(long[] values) {
        this.values = values;
    }

    /** A copy of {@code values} (null is read as empty). */
    public static Dims of(long... values) {
        return values == null || values.length == 0 ? EMPTY : new Dims(values.clone());
    }

    /** {@code n} copies of {@code value}. */
    public static Dims filled(int n, long value) {
        long[] v = new long[n];
        Arrays.fill(v, value);
        return new Dims(v);
    }

    public int size() {
        return values.length;
    }

    public long get(int i) {
        return values[i];
    }

    /** A copy of the values. */
    public long[] toArray() {
        return values.clone();
    }

    /** Product of the values; throws INVALID_ARGUMENTS on overflow. */
    public long product() {
        long p = 1;
        for (long v : values) {
            p = Checks.multiply(p, v, "product of " + this);
        }
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dims d && Arrays.equals(values, d.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    /** {@code 2x3x4}, the way benchdnn writes shapes. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append('x');
            }
            sb.append(values[i]);
        }
        return sb.toString();
    }
}
