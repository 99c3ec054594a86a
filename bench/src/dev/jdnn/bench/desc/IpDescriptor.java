package dev.jdnn.bench.desc;

import java.util.List;

/**
 * A benchdnn inner-product problem {@code mb#ic#[id#][ih#][iw#]oc#[n"name"]}: mb defaults to 2,
 * spatial sizes follow {@link DataSpatial} (none given: a plain {@code mb x ic} source).
 */
public record IpDescriptor(long mb, long ic, long oc, long[] spatial, String name) {
    private static final List<String> KEYS = List.of("mb", "ic", "oc", "id", "ih", "iw");

    public static IpDescriptor parse(String descriptor, long mbOverride) {
        DescriptorLexer.Lexed l = DescriptorLexer.lex(descriptor, KEYS, false);
        long mb = mbOverride > 0 ? mbOverride : l.get("mb", ConvDescriptor.DEFAULT_MB);
        long ic = l.get("ic", 0);
        long oc = l.get("oc", 0);
        if (mb <= 0 || ic <= 0 || oc <= 0) {
            throw new BadInputException("descriptor '" + descriptor + "': ic and oc must be given, and mb, ic and oc positive");
        }
        return new IpDescriptor(mb, ic, oc, DataSpatial.resolve(l, descriptor), l.name());
    }

    public long[] srcDims() {
        return DataSpatial.dims(mb, ic, spatial);
    }

    public long[] weightsDims() {
        return DataSpatial.dims(oc, ic, spatial);
    }

    public long[] dstDims() {
        return new long[] {mb, oc};
    }

    /** Inputs per output: ic times the spatial volume. */
    public long icTimesSpatial() {
        return ic * DataSpatial.volume(spatial);
    }

    /** 2 * mb * oc * ic * spatial volume, as benchdnn counts. */
    public double flops() {
        return 2.0 * mb * oc * ic * DataSpatial.volume(spatial);
    }

    public String csvValues() {
        StringBuilder sb = new StringBuilder().append(mb).append(',').append(oc).append(',').append(ic);
        for (long s : spatial) {
            sb.append(',').append(s);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "mb" + mb + "ic" + ic + DataSpatial.format(spatial) + "oc" + oc + (name.isEmpty() ? "" : "n\"" + name + "\"");
    }
}
