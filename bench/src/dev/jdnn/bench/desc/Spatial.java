package dev.jdnn.bench.desc;

import java.util.Arrays;

/**
 * The spatial geometry of a convolution, deconvolution or pooling descriptor, resolved with
 * benchdnn's rules:
 * <ul>
 *   <li>per axis (d, h, w): strides default to 1, dilations to 0 (dense); a missing output is
 *       computed from the input, kernel, stride, dilation and (default 0) padding; a missing
 *       padding is deduced from a given output;</li>
 *   <li>the problem's dimensionality is that of its outermost given axis; a 2-D problem that
 *       gives only h is square (w copies h), a 3-D one that gives only d is a cube;</li>
 *   <li>right padding is derived: {@code (o - 1) * s - i + ((k - 1) * (d + 1) + 1) - p}, so it
 *       may differ from the left one (and be negative, as in benchdnn).</li>
 * </ul>
 * Arrays are indexed d, h, w; {@link #ndims} of them (the last ones) are used.
 */
public final class Spatial {
    private static final char[] AXES = {'d', 'h', 'w'};

    public final long[] in = new long[3];
    public final long[] out = new long[3];
    public final long[] kernel = new long[3];
    public final long[] stride = {1, 1, 1};
    public final long[] dilation = new long[3];
    public final long[] padL = {-1, -1, -1};
    public final long[] padR = new long[3];
    private int ndims;

    private Spatial() {
    }

    /** Reads {@code id ih iw od oh ow kd kh kw sd sh sw pd ph pw dd dh dw} from {@code lexed} and resolves them. */
    public static Spatial resolve(DescriptorLexer.Lexed lexed, String descriptor, boolean transposed) {
        Spatial sp = new Spatial();
        for (int a = 0; a < 3; a++) {
            char ax = AXES[a];
            sp.in[a] = lexed.get("i" + ax, 0);
            sp.out[a] = lexed.get("o" + ax, 0);
            sp.kernel[a] = lexed.get("k" + ax, 0);
            sp.stride[a] = lexed.get("s" + ax, 1);
            sp.dilation[a] = lexed.get("d" + ax, 0);
            sp.padL[a] = lexed.get("p" + ax, -1);
        }
        sp.resolveAxes(descriptor, transposed);
        return sp;
    }

    private void resolveAxes(String descriptor, boolean transposed) {
        boolean[] given = new boolean[3];
        for (int a = 0; a < 3; a++) {
            // A dilation alone does not make an axis given: benchdnn's pooling files write
            // "ih3oh3kh3ph1dh2dw2", where w then copies h (dilation included).
            given[a] = (in[a] | kernel[a] | out[a]) != 0 || stride[a] != 1 || padL[a] >= 1;
            if (given[a]) {
                resolveAxis(a, descriptor, transposed);
            }
        }
        ndims = given[0] ? 3 : given[1] ? 2 : given[2] ? 1 : 0;
        if (ndims == 0) {
            throw new BadInputException("descriptor '" + descriptor + "': no spatial dimension given");
        }
        if (ndims == 3 && !given[1] && !given[2]) {
            copyAxis(0, 1);
            copyAxis(0, 2);
        } else if (ndims == 3 && (!given[1] || !given[2])) {
            throw new BadInputException("descriptor '" + descriptor + "': a 3-D problem gives only one of h and w");
        } else if (ndims == 2 && !given[2]) {
            copyAxis(1, 2);
        }
        for (int a = 0; a < 3 - ndims; a++) {
            in[a] = out[a] = kernel[a] = stride[a] = 1;
            dilation[a] = padL[a] = 0;
        }
        for (int a = 0; a < 3; a++) {
            long extent = extent(a);
            padR[a] = transposed ? (in[a] - 1) * stride[a] - out[a] + extent - padL[a]
                    : (out[a] - 1) * stride[a] - in[a] + extent - padL[a];
        }
    }

    private void resolveAxis(int a, String descriptor, boolean transposed) {
        char ax = AXES[a];
        if (in[a] <= 0 || kernel[a] <= 0) {
            throw new BadInputException("descriptor '" + descriptor + "': axis " + ax + " needs i" + ax + " and k" + ax);
        }
        if (stride[a] <= 0) {
            throw new BadInputException("descriptor '" + descriptor + "': s" + ax + " must be positive");
        }
        long extent = extent(a);
        if (out[a] == 0) {
            if (padL[a] < 0) {
                padL[a] = 0;
            }
            out[a] = transposed ? (in[a] - 1) * stride[a] + extent - 2 * padL[a]
                    : Math.floorDiv(in[a] - extent + 2 * padL[a], stride[a]) + 1;
            if (out[a] <= 0) {
                throw new BadInputException("descriptor '" + descriptor + "': output size along " + ax + " is " + out[a]
                        + " (kernel extent " + extent + " larger than the padded input)");
            }
        } else if (padL[a] < 0) {
            padL[a] = Math.max(0, transposed ? ((in[a] - 1) * stride[a] - out[a] + extent) / 2
                    : ((out[a] - 1) * stride[a] - in[a] + extent) / 2);
        }
    }

    private void copyAxis(int from, int to) {
        in[to] = in[from];
        out[to] = out[from];
        kernel[to] = kernel[from];
        stride[to] = stride[from];
        dilation[to] = dilation[from];
        padL[to] = padL[from];
    }

    /** Dilated kernel extent along axis {@code a}. */
    public long extent(int a) {
        return (kernel[a] - 1) * (dilation[a] + 1) + 1;
    }

    /** Number of spatial dims (1..3). */
    public int ndims() {
        return ndims;
    }

    /** The used part (the last {@link #ndims}) of a d/h/w array. */
    public long[] used(long[] values) {
        return Arrays.copyOfRange(values, 3 - ndims, 3);
    }

    /** Product of the used entries of a d/h/w array. */
    public long volume(long[] values) {
        long v = 1;
        for (int a = 3 - ndims; a < 3; a++) {
            v *= values[a];
        }
        return v;
    }
}
