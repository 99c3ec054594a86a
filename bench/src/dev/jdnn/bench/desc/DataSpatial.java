package dev.jdnn.bench.desc;

import java.util.Arrays;

/**
 * The spatial sizes {@code id ih iw} of a descriptor without a kernel (inner product, batch
 * normalization), resolved with benchdnn's rules: the outermost given axis sets the
 * dimensionality, {@code ih} alone is square, {@code id} alone is a cube, and none at all means
 * no spatial dims.
 */
final class DataSpatial {
    private DataSpatial() {
    }

    /** The used spatial sizes, outermost first (0 to 3 of them). */
    static long[] resolve(DescriptorLexer.Lexed l, String descriptor) {
        long d = l.get("id", 0);
        long h = l.get("ih", 0);
        long w = l.get("iw", 0);
        if (d < 0 || h < 0 || w < 0) {
            throw new BadInputException("descriptor '" + descriptor + "': spatial sizes must be positive");
        }
        if (d > 0) {
            if (h == 0 && w == 0) {
                return new long[] {d, d, d};
            }
            if (h == 0 || w == 0) {
                throw new BadInputException("descriptor '" + descriptor + "': a 3-D problem gives only one of ih and iw");
            }
            return new long[] {d, h, w};
        }
        if (h > 0) {
            return new long[] {h, w == 0 ? h : w};
        }
        return w > 0 ? new long[] {w} : new long[0];
    }

    /** {@code [n, c, spatial..]}. */
    static long[] dims(long n, long c, long[] spatial) {
        long[] dims = new long[2 + spatial.length];
        dims[0] = n;
        dims[1] = c;
        System.arraycopy(spatial, 0, dims, 2, spatial.length);
        return dims;
    }

    /** {@code id5ih6iw7}, {@code ih6iw7} or {@code iw7}, every used size written. */
    static String format(long[] spatial) {
        StringBuilder sb = new StringBuilder();
        String axes = "dhw".substring(3 - spatial.length);
        for (int i = 0; i < spatial.length; i++) {
            sb.append('i').append(axes.charAt(i)).append(spatial[i]);
        }
        return sb.toString();
    }

    static long volume(long[] spatial) {
        return Arrays.stream(spatial).reduce(1, (a, b) -> a * b);
    }
}
