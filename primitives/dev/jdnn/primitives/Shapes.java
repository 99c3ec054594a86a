package dev.jdnn.primitives;

import dev.jdnn.memory.DataType;
import dev.jdnn.memory.Dims;
import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.MemoryDesc;
import java.util.Arrays;

/** Validation shared by the primitive builders: ranks, spatial parameters, attributes. */
final class Shapes {
    private Shapes() {
    }

    static MemoryDesc required(MemoryDesc md, String primitive, String what) {
        if (md == null) {
            throw JdnnException.invalid(primitive + ": " + what + " descriptor is null");
        }
        return md;
    }

    static void rank(MemoryDesc md, int min, int max, String primitive, String what) {
        if (md.ndims() < min || md.ndims() > max) {
            throw JdnnException.invalid(primitive + ": " + what + " " + md + " has rank " + md.ndims()
                    + ", expected " + (min == max ? Integer.toString(min) : min + ".." + max));
        }
    }

    /** A spatial parameter array of length {@code n} (null gives {@code fill}), checked against {@code min}. */
    static Dims spatial(long[] values, int n, long fill, long min, String primitive, String what) {
        if (values == null) {
            return Dims.filled(n, fill);
        }
        if (values.length != n) {
            throw JdnnException.invalid(primitive + ": " + what + " " + Arrays.toString(values) + " has "
                    + values.length + " values, the problem has " + n + " spatial dims");
        }
        for (int i = 0; i < n; i++) {
            if (values[i] < min) {
                throw JdnnException.invalid(primitive + ": " + what + "[" + i + "] = " + values[i] + " must be >= " + min);
            }
        }
        return Dims.of(values);
    }

    /** Output size of a sliding window: {@code (in + l + r - ((k - 1) * (d + 1) + 1)) / s + 1}. */
    static long outputSize(long in, long kernel, long stride, long dilation, long padL, long padR) {
        long extent = (kernel - 1) * (dilation + 1) + 1;
        long span = in + padL + padR - extent;
        return span < 0 ? 0 : span / stride + 1;
    }

    static void checkOutput(String primitive, int axis, long in, long out, long kernel, long stride, long dilation,
            long padL, long padR) {
        long expected = outputSize(in, kernel, stride, dilation, padL, padR);
        if (expected < 1) {
            throw JdnnException.invalid(primitive + ": spatial dim " + axis + ": input " + in + " with padding "
                    + padL + "+" + padR + " is smaller than the kernel extent " + ((kernel - 1) * (dilation + 1) + 1));
        }
        if (out != expected) {
            throw JdnnException.invalid(primitive + ": spatial dim " + axis + ": dst size " + out + " is inconsistent: input "
                    + in + ", kernel " + kernel + ", stride " + stride + ", dilation " + dilation + ", padding "
                    + padL + "+" + padR + " give " + expected);
        }
    }

    /** Post-ops and output scales must fit a destination of {@code dstDims}. */
    static void checkAttr(Attr attr, long[] dstDims, String primitive) {
        JdnnException.requireNonNull(attr, primitive + " attributes");
        attr.outputScales().validate(dstDims, primitive);
        for (int i = 0; i < attr.postOps().size(); i++) {
            if (attr.postOps().get(i) instanceof PostOp.Binary b) {
                long[] s1 = b.src1().dims();
                boolean ok = s1.length == dstDims.length;
                for (int d = 0; ok && d < s1.length; d++) {
                    ok = s1[d] == 1 || s1[d] == dstDims[d];
                }
                if (!ok) {
                    throw JdnnException.invalid(primitive + ": binary post-op " + i + " src1 dims " + b.src1().shape()
                            + " do not broadcast to dst dims " + Dims.of(dstDims) + " (each dim must be 1 or equal)");
                }
            }
        }
    }

    /** Every descriptor given must have data type {@code type}, or UNIMPLEMENTED. */
    static void requireDataType(String impl, DataType type, MemoryDesc... mds) {
        for (MemoryDesc md : mds) {
            if (md != null && md.dataType() != type) {
                throw JdnnException.unimplemented(impl + " supports " + type + " only, got " + md.dataType()
                        + " (" + md + ")");
            }
        }
    }
}
