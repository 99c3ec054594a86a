package dev.jdnn.primitives;

import dev.jdnn.memory.JdnnException;
import java.util.Arrays;

/**
 * Output scales (oneDNN 2.x's {@code output_scales} attribute): the primitive's result is
 * multiplied by a scale before post-ops. {@code mask} 0 gives one common scale; a mask with one
 * bit {@code d} gives one scale per index of destination dimension {@code d} (bit 1, the output
 * channels, for convolution; the last dim for matmul).
 */
public final class OutputScales {
    /** No scaling. */
    public static final OutputScales NONE = new OutputScales(0, new float[] {1f});

    private final int mask;
    private final float[] scales;

    private OutputScales(int mask, float[] scales) {
        this.mask = mask;
        this.scales = scales;
    }

    /** One scale for every output value. */
    public static OutputScales common(float scale) {
        return new OutputScales(0, new float[] {scale});
    }

    /** Scales over the destination dims named by {@code mask}, in row-major order of those dims. */
    public static OutputScales of(int mask, float... scales) {
        JdnnException.requireNonNull(scales, "output scales");
        if (mask < 0) {
            throw JdnnException.invalid("output scales mask = " + mask + " must not be negative");
        }
        if (scales.length == 0) {
            throw JdnnException.invalid("output scales: no scale given for mask " + mask);
        }
        if (mask == 0 && scales.length != 1) {
            throw JdnnException.invalid("output scales: mask 0 takes 1 scale, got " + scales.length);
        }
        return new OutputScales(mask, scales.clone());
    }

    public int mask() {
        return mask;
    }

    /** A copy of the scales. */
    public float[] scales() {
        return scales.clone();
    }

    public float scale(int i) {
        return scales[i];
    }

    public int count() {
        return scales.length;
    }

    public boolean isNone() {
        return mask == 0 && scales[0] == 1f;
    }

    /** Checks the mask and the count against destination dims; throws INVALID_ARGUMENTS. */
    public void validate(long[] dstDims, String primitive) {
        if (mask >= 1 << dstDims.length) {
            throw JdnnException.invalid(primitive + ": output scales mask = " + mask + " names a dim beyond the "
                    + dstDims.length + " destination dims");
        }
        long expected = 1;
        for (int d = 0; d < dstDims.length; d++) {
            if ((mask & 1 << d) != 0) {
                expected *= dstDims[d];
            }
        }
        if (expected != scales.length) {
            throw JdnnException.invalid(primitive + ": output scales with mask " + mask + " need " + expected
                    + " values for destination dims " + Arrays.toString(dstDims) + ", got " + scales.length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutputScales s && s.mask == mask && Arrays.equals(s.scales, scales);
    }

    @Override
    public int hashCode() {
        return 31 * mask + Arrays.hashCode(scales);
    }

    @Override
    public String toString() {
        return mask == 0 ? "common:" + PostOps.fmt(scales[0]) : "mask" + mask + ":" + Arrays.toString(scales);
    }
}
