package dev.jdnn.bench.desc;

import java.util.List;

/**
 * A benchdnn convolution (or deconvolution) problem:
 * {@code [g#]mb#ic#[id#][ih#]iw#oc#[od#][oh#][ow#][kd#][kh#]kw#[sd..][pd..][dd..][n"name"]},
 * with benchdnn's defaults (mb 2, g 1, strides 1, dilations 0) and inference rules
 * ({@link Spatial}).
 *
 * @param groups    g (1 when absent)
 * @param mb        minibatch
 * @param ic        input channels (all groups)
 * @param oc        output channels (all groups)
 * @param spatial   resolved spatial geometry
 * @param name      the name given with {@code n"..."}, or empty
 * @param explicitGroups whether {@code g} was written (benchdnn then uses grouped weights)
 * @param transposed whether this is a deconvolution (output size from the transposed relation)
 */
public record ConvDescriptor(long groups, long mb, long ic, long oc, Spatial spatial, String name,
        boolean explicitGroups, boolean transposed) {
    /** benchdnn's default minibatch. */
    public static final long DEFAULT_MB = 2;

    private static final List<String> KEYS = List.of("g", "mb", "ic", "oc", "id", "ih", "iw", "od", "oh", "ow",
            "kd", "kh", "kw", "sd", "sh", "sw", "pd", "ph", "pw", "dd", "dh", "dw");

    /** Parses {@code descriptor}; {@code mbOverride > 0} replaces its minibatch (benchdnn's {@code --mb}). */
    public static ConvDescriptor parse(String descriptor, long mbOverride, boolean deconvolution) {
        DescriptorLexer.Lexed l = DescriptorLexer.lex(descriptor, KEYS, false);
        long g = l.get("g", 1);
        long mb = mbOverride > 0 ? mbOverride : l.get("mb", DEFAULT_MB);
        long ic = l.get("ic", 0);
        long oc = l.get("oc", 0);
        if (ic <= 0 || oc <= 0) {
            throw new BadInputException("descriptor '" + descriptor + "': ic and oc must be given and positive");
        }
        if (g <= 0 || mb <= 0) {
            throw new BadInputException("descriptor '" + descriptor + "': g and mb must be positive");
        }
        if (ic % g != 0 || oc % g != 0) {
            throw new BadInputException("descriptor '" + descriptor + "': ic " + ic + " and oc " + oc
                    + " must be multiples of g " + g);
        }
        Spatial sp = Spatial.resolve(l, descriptor, deconvolution);
        return new ConvDescriptor(g, mb, ic, oc, sp, l.name(), l.has("g"), deconvolution);
    }

    /** Whether the weights have a groups dim: benchdnn uses grouped weights when {@code g} is written and > 1. */
    public boolean grouped() {
        return groups > 1;
    }

    /** Source dims {@code [mb, ic, spatial..]}. */
    public long[] srcDims() {
        return data(mb, ic, spatial.used(spatial.in));
    }

    /** Destination dims {@code [mb, oc, spatial..]}. */
    public long[] dstDims() {
        return data(mb, oc, spatial.used(spatial.out));
    }

    /** Weights dims {@code [oc, ic, k..]} or {@code [g, oc/g, ic/g, k..]}. */
    public long[] weightsDims() {
        long[] k = spatial.used(spatial.kernel);
        int first = grouped() ? 1 : 0;
        long[] w = new long[first + 2 + k.length];
        if (grouped()) {
            w[0] = groups;
        }
        w[first] = oc / groups;
        w[first + 1] = ic / groups;
        System.arraycopy(k, 0, w, first + 2, k.length);
        return w;
    }

    private static long[] data(long n, long c, long[] sp) {
        long[] d = new long[2 + sp.length];
        d[0] = n;
        d[1] = c;
        System.arraycopy(sp, 0, d, 2, sp.length);
        return d;
    }

    /**
     * Multiply-adds counted as benchdnn counts them, times 2: only kernel taps that fall inside the
     * input (not on padding) count. A deconvolution is counted as the convolution it transposes
     * (its output plays the convolution's input).
     */
    public double flops() {
        double taps = 1;
        for (int a = 3 - spatial.ndims(); a < 3; a++) {
            taps *= transposed ? tapsInside(a, spatial.in[a], spatial.out[a]) : tapsInside(a, spatial.out[a], spatial.in[a]);
        }
        return 2.0 * mb * (oc / groups) * (ic / groups) * groups * taps;
    }

    /**
     * Sum over the {@code outer} positions of a convolution of the kernel taps that land inside its
     * {@code inner}-sized input, along axis {@code a}.
     */
    private double tapsInside(int a, long outer, long inner) {
        long count = 0;
        for (long o = 0; o < outer; o++) {
            for (long k = 0; k < spatial.kernel[a]; k++) {
                long i = o * spatial.stride[a] - spatial.padL[a] + k * (spatial.dilation[a] + 1);
                if (i >= 0 && i < inner) {
                    count++;
                }
            }
        }
        return count;
    }

    /** {@code g,mb,ic,i..,oc,o..,k..,s..,p..,d..} for the csv perf template. */
    public String csvValues() {
        StringBuilder sb = new StringBuilder().append(groups).append(',').append(mb).append(',').append(ic);
        int first = 3 - spatial.ndims();
        appendCsv(sb, spatial.in, first);
        sb.append(',').append(oc);
        for (long[] values : new long[][] {spatial.out, spatial.kernel, spatial.stride, spatial.padL, spatial.dilation}) {
            appendCsv(sb, values, first);
        }
        return sb.toString();
    }

    static void appendCsv(StringBuilder sb, long[] values, int first) {
        for (int a = first; a < 3; a++) {
            sb.append(',').append(values[a]);
        }
    }

    /** benchdnn's canonical form, every value explicit, with the name. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (explicitGroups || groups > 1) {
            sb.append('g').append(groups);
        }
        sb.append("mb").append(mb).append("ic").append(ic);
        String axes = "dhw";
        int first = 3 - spatial.ndims();
        for (int a = first; a < 3; a++) {
            sb.append('i').append(axes.charAt(a)).append(spatial.in[a]);
        }
        sb.append("oc").append(oc);
        for (int a = first; a < 3; a++) {
            sb.append('o').append(axes.charAt(a)).append(spatial.out[a]);
        }
        appendAxes(sb, 'k', spatial.kernel, first);
        appendAxes(sb, 's', spatial.stride, first);
        appendAxes(sb, 'p', spatial.padL, first);
        appendAxes(sb, 'd', spatial.dilation, first);
        if (!name.isEmpty()) {
            sb.append("n\"").append(name).append('"');
        }
        return sb.toString();
    }

    static void appendAxes(StringBuilder sb, char prefix, long[] values, int first) {
        String axes = "dhw";
        for (int a = first; a < 3; a++) {
            sb.append(prefix).append(axes.charAt(a)).append(values[a]);
        }
    }
}
