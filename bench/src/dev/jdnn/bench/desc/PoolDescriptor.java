package dev.jdnn.bench.desc;

import java.util.List;

/**
 * A benchdnn pooling problem: {@code mb#ic#[id#][ih#]iw#[od#][oh#]ow#[kd#][kh#]kw#[s..][p..][d..][n"name"]},
 * resolved as a convolution's spatial part ({@link Spatial}); mb defaults to 2.
 */
public record PoolDescriptor(long mb, long ic, Spatial spatial, String name) {
    private static final List<String> KEYS = List.of("mb", "ic", "id", "ih", "iw", "od", "oh", "ow",
            "kd", "kh", "kw", "sd", "sh", "sw", "pd", "ph", "pw", "dd", "dh", "dw");

    public static PoolDescriptor parse(String descriptor, long mbOverride) {
        DescriptorLexer.Lexed l = DescriptorLexer.lex(descriptor, KEYS, false);
        long mb = mbOverride > 0 ? mbOverride : l.get("mb", ConvDescriptor.DEFAULT_MB);
        long ic = l.get("ic", 0);
        if (ic <= 0 || mb <= 0) {
            throw new BadInputException("descriptor '" + descriptor + "': ic must be given and mb and ic positive");
        }
        return new PoolDescriptor(mb, ic, Spatial.resolve(l, descriptor, false), l.name());
    }

    public long[] srcDims() {
        return dims(spatial.used(spatial.in));
    }

    public long[] dstDims() {
        return dims(spatial.used(spatial.out));
    }

    private long[] dims(long[] sp) {
        long[] d = new long[2 + sp.length];
        d[0] = mb;
        d[1] = ic;
        System.arraycopy(sp, 0, d, 2, sp.length);
        return d;
    }

    /** {@code mb,ic,i..,o..,k..,s..,p..,d..} for the csv perf template. */
    public String csvValues() {
        StringBuilder sb = new StringBuilder().append(mb).append(',').append(ic);
        int first = 3 - spatial.ndims();
        for (long[] values : new long[][] {spatial.in, spatial.out, spatial.kernel, spatial.stride, spatial.padL, spatial.dilation}) {
            ConvDescriptor.appendCsv(sb, values, first);
        }
        return sb.toString();
    }

    /** benchdnn's canonical form, every value explicit, with the name. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("mb").append(mb).append("ic").append(ic);
        int first = 3 - spatial.ndims();
        ConvDescriptor.appendAxes(sb, 'i', spatial.in, first);
        ConvDescriptor.appendAxes(sb, 'o', spatial.out, first);
        ConvDescriptor.appendAxes(sb, 'k', spatial.kernel, first);
        ConvDescriptor.appendAxes(sb, 's', spatial.stride, first);
        ConvDescriptor.appendAxes(sb, 'p', spatial.padL, first);
        ConvDescriptor.appendAxes(sb, 'd', spatial.dilation, first);
        if (!name.isEmpty()) {
            sb.append("n\"").append(name).append('"');
        }
        return sb.toString();
    }
}
