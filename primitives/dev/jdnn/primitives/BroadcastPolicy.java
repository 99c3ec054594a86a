package dev.jdnn.primitives;

import dev.jdnn.memory.JdnnException;
import java.util.Locale;

/**
 * benchdnn's names for the shape of a broadcast operand (a binary post-op's src1, per-channel
 * scales) relative to a destination: which destination dims the operand spans (a bit mask), the
 * others being 1.
 */
public final class BroadcastPolicy {
    private BroadcastPolicy() {
    }

    /** The mask of dims where {@code src1Dims} is not 1 (the dims it does not broadcast over). */
    public static int mask(long[] src1Dims) {
        int mask = 0;
        for (int d = 0; d < src1Dims.length; d++) {
            if (src1Dims[d] != 1) {
                mask |= 1 << d;
            }
        }
        return mask;
    }

    /** The benchdnn policy name of {@code src1Dims} against {@code dstDims}. */
    public static String name(long[] src1Dims, long[] dstDims) {
        int n = dstDims.length;
        int full = (1 << n) - 1;
        int mask = mask(src1Dims);
        if (mask == 0) {
            return "common";
        }
        if (mask == full) {
            return "per_tensor";
        }
        if (mask == 2) {
            return "per_oc";
        }
        if (mask == 1) {
            return "per_dim_0";
        }
        if (mask == 3) {
            return "per_dim_01";
        }
        if (n >= 3 && mask == (full & ~2)) {
            return "per_mb_spatial";
        }
        if (n >= 3 && mask == (full & ~3)) {
            return "per_spatial";
        }
        if (n >= 2 && mask == (1 | 1 << (n - 1))) {
            return "per_mb_w";
        }
        if (n >= 2 && mask == 1 << (n - 1)) {
            return "per_w";
        }
        if (mask == 4) {
            return "per_dim_2";
        }
        if (mask == 8) {
            return "per_dim_3";
        }
        return "mask" + mask;
    }

    /** The mask a policy name means for a destination of {@code ndims} dims. */
    public static int maskOf(String policy, int ndims) {
        int full = (1 << ndims) - 1;
        String p = policy.toLowerCase(Locale.ROOT);
        int mask = switch (p) {
            case "common" -> 0;
            case "per_tensor" -> full;
            case "per_oc", "per_dim_1" -> 2;
            case "per_dim_0" -> 1;
            case "per_dim_01" -> 3;
            case "per_dim_2" -> 4;
            case "per_dim_3" -> 8;
            case "per_mb_spatial" -> full & ~2;
            case "per_spatial" -> full & ~3;
            case "per_mb_w" -> 1 | 1 << (ndims - 1);
            case "per_w" -> 1 << (ndims - 1);
            default -> {
                if (p.startsWith("mask")) {
                    try {
                        yield Integer.parseInt(p.substring(4));
                    } catch (NumberFormatException e) {
                        // reported below
                    }
                }
                throw JdnnException.invalid("unknown broadcast policy '" + policy + "'");
            }
        };
        return mask & full;
    }

    /** The dims of an operand with policy {@code policy} against {@code dstDims}. */
    public static long[] dims(String policy, long[] dstDims) {
        int mask = maskOf(policy, dstDims.length);
        long[] dims = new long[dstDims.length];
        for (int d = 0; d < dims.length; d++) {
            dims[d] = (mask & 1 << d) != 0 ? dstDims[d] : 1;
        }
        return dims;
    }
}
