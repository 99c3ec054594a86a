package dev.jdnn.bench.ops;

import dev.jdnn.bench.desc.BadInputException;
import dev.jdnn.memory.FormatTag;
import dev.jdnn.memory.JdnnException;

/**
 * Layout tags as benchdnn's options write them. Besides jdnn's {@link FormatTag} names
 * ({@code nchw}, {@code acdb}, {@code nChw16c}, {@code any}), benchdnn's rank-free forms are
 * accepted: {@code x} stands for the dimensions not written, in order, so {@code abx} is plain,
 * {@code axb} channels-last and {@code aBx16b} channel-blocked at any rank.
 */
public final class Tags {
    private static final String LETTERS = "abcdefghijkl";

    private Tags() {
    }

    public static FormatTag resolve(String tag, int ndims, String option) {
        if (tag == null || tag.isEmpty() || tag.equals("any")) {
            return FormatTag.ANY;
        }
        String t = tag;
        int split = 0;
        while (split < t.length() && Character.isLetter(t.charAt(split))) {
            split++;
        }
        String outer = t.substring(0, split);
        if (outer.indexOf('x') >= 0 && !(outer.equals("x") && ndims == 1 && split == t.length())) {
            outer = dropLettersBeyond(outer, ndims);
            StringBuilder rest = new StringBuilder();
            for (int i = 0; i < ndims; i++) {
                char c = LETTERS.charAt(i);
                if (outer.toLowerCase(java.util.Locale.ROOT).indexOf(c) < 0) {
                    rest.append(c);
                }
            }
            t = outer.replace("x", rest) + t.substring(split);
        }
        try {
            FormatTag f = FormatTag.of(t);
            if (f.ndims() != ndims) {
                throw new BadInputException(option + "=" + tag + " has " + f.ndims() + " dims, the tensor has " + ndims);
            }
            return f;
        } catch (JdnnException e) {
            throw new BadInputException(option + "=" + tag + ": " + e.getMessage());
        }
    }

    /** benchdnn's rank-free tags name more dims than a low-rank tensor has: {@code abx} at rank 1 is {@code a}. */
    private static String dropLettersBeyond(String outer, int ndims) {
        StringBuilder sb = new StringBuilder();
        for (char c : outer.toCharArray()) {
            int d = LETTERS.indexOf(Character.toLowerCase(c));
            if (c == 'x' || d < ndims) {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
