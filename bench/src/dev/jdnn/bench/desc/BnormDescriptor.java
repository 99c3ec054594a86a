package dev.jdnn.bench.desc;

import java.util.List;

/**
 * A benchdnn batch-normalization problem {@code mb#ic#[id#][ih#][iw#][eps#][n"name"]}: mb
 * defaults to 2, spatial sizes follow {@link DataSpatial}, epsilon defaults to 1/16 as in benchdnn.
 */
public record BnormDescriptor(long mb, long ic, long[] spatial, double eps, String name) {
    private static final List<String> KEYS = List.of("mb", "ic", "id", "ih", "iw");
    /** benchdnn's default epsilon. */
    public static final double DEFAULT_EPS = 1.0 / 16;

    public static BnormDescriptor parse(String descriptor, long mbOverride) {
        DescriptorLexer.Lexed l = DescriptorLexer.lex(descriptor, KEYS, true);
        long mb = mbOverride > 0 ? mbOverride : l.get("mb", ConvDescriptor.DEFAULT_MB);
        long ic = l.get("ic", 0);
        if (mb <= 0 || ic <= 0) {
            throw new BadInputException("descriptor '" + descriptor + "': ic must be given, and mb and ic positive");
        }
        double eps = Double.isNaN(l.eps()) ? DEFAULT_EPS : l.eps();
        return new BnormDescriptor(mb, ic, DataSpatial.resolve(l, descriptor), eps, l.name());
    }

    public long[] dataDims() {
        return DataSpatial.dims(mb, ic, spatial);
    }

    public String csvValues() {
        StringBuilder sb = new StringBuilder().append(mb).append(',').append(ic);
        for (long s : spatial) {
            sb.append(',').append(s);
        }
        return sb.append(',').append(eps).toString();
    }

    @Override
    public String toString() {
        return "mb" + mb + "ic" + ic + DataSpatial.format(spatial) + (eps == DEFAULT_EPS ? "" : "eps" + eps)
                + (name.isEmpty() ? "" : "n\"" + name + "\"");
    }
}
