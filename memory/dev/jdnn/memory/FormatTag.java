package dev.jdnn.memory;

import java.util.Arrays;
import java.util.Objects;

/**
 * A memory format tag in oneDNN's notation: the order in which a tensor's logical dimensions are
 * laid out in memory, outermost first, and optional inner blocks.
 *
 * <p>Two spellings are accepted, as in oneDNN:
 * <ul>
 *   <li>Domain-agnostic: the letters {@code a}..{@code l} name the logical dimensions 1..12
 *       ({@code abcd} is row-major 4-D, {@code acdb} puts the second dimension innermost). A
 *       capital letter marks a blocked dimension and the suffix gives its blocks, innermost last:
 *       {@code aBcd16b}, {@code ABcd16b16a}.</li>
 *   <li>Domain-specific aliases: {@code n} batch, {@code c} channels, {@code o}/{@code i}
 *       output/input channels, {@code g} groups, {@code t} time, {@code d h w} spatial, {@code x}
 *       one dimension: {@code nchw} = {@code abcd}, {@code nhwc} = {@code acdb},
 *       {@code hwio} = {@code cdba}, {@code nChw16c} = {@code aBcd16b},
 *       {@code OIhw16i16o} = {@code ABcd16b16a}.</li>
 * </ul>
 * Every permutation is accepted, a superset of the plain tags oneDNN names. Tags are compared by
 * their canonical (domain-agnostic) form, so {@code nchw} equals {@code oihw} equals {@code abcd}.
 *
 * <p>{@link #ANY} is not a layout: it lets a primitive choose one.
 */
public final class FormatTag {
    /** Logical order of the alias letters: the first present is dimension a, and so on. */
    private static final String ALIAS_PRIORITY = "gtnoicdhwx";
    private static final String CANONICAL_LETTERS = "abcdefghijkl";

    /** Let the primitive choose the layout. */
    public static final FormatTag ANY = new FormatTag("any", "any", 0, new int[0], new int[0], new int[0]);

    public static final FormatTag A = of("a");
    public static final FormatTag AB = of("ab");
    public static final FormatTag BA = of("ba");
    public static final FormatTag ABC = of("abc");
    public static final FormatTag ACB = of("acb");
    public static final FormatTag ABCD = of("abcd");
    public static final FormatTag ACDB = of("acdb");
    public static final FormatTag ABCDE = of("abcde");
    public static final FormatTag ACDEB = of("acdeb");
    public static final FormatTag ABCDEF = of("abcdef");

    public static final FormatTag X = of("x");
    public static final FormatTag NC = of("nc");
    public static final FormatTag NCW = of("ncw");
    public static final FormatTag NWC = of("nwc");
    public static final FormatTag NCHW = of("nchw");
    public static final FormatTag NHWC = of("nhwc");
    public static final FormatTag CHWN = of("chwn");
    public static final FormatTag NCDHW = of("ncdhw");
    public static final FormatTag NDHWC = of("ndhwc");
    public static final FormatTag OI = of("oi");
    public static final FormatTag IO = of("io");
    public static final FormatTag OIW = of("oiw");
    public static final FormatTag OIHW = of("oihw");
    public static final FormatTag HWIO = of("hwio");
    public static final FormatTag OHWI = of("ohwi");
    public static final FormatTag OIDHW = of("oidhw");
    public static final FormatTag GOIW = of("goiw");
    public static final FormatTag GOIHW = of("goihw");
    public static final FormatTag GOIDHW = of("goidhw");

    public static final FormatTag NCW8C = of("nCw8c");
    public static final FormatTag NCW16C = of("nCw16c");
    public static final FormatTag NCHW8C = of("nChw8c");
    public static final FormatTag NCHW16C = of("nChw16c");
    public static final FormatTag NCDHW8C = of("nCdhw8c");
    public static final FormatTag NCDHW16C = of("nCdhw16c");
    public static final FormatTag OIHW16I16O = of("OIhw16i16o");
    public static final FormatTag GOIHW16I16O = of("gOIhw16i16o");

    private final String name;
    private final String canonical;
    private final int ndims;
    private final int[] outerOrder;
    private final int[] blockDims;
    private final int[] blockSizes;

    private FormatTag(String name, String canonical, int ndims, int[] outerOrder, int[] blockDims,
            int[] blockSizes) {
        this.name = name;
        this.canonical = canonical;
        this.ndims = ndims;
        this.outerOrder = outerOrder;
        this.blockDims = blockDims;
        this.blockSizes = blockSizes;
    }

    /**
     * Parses a tag: {@code any}, a domain-agnostic tag ({@code acdb}, {@code aBcd16b}) or an
     * alias ({@code nhwc}, {@code OIhw16i16o}). Throws INVALID_ARGUMENTS naming the tag.
     */
    public static FormatTag of(String name) {
        JdnnException.requireNonNull(name, "format tag");
        if (name.equals("any")) {
            return ANY;
        }
        int split = 0;
        while (split < name.length() && Character.isLetter(name.charAt(split))) {
            split++;
        }
        String outer = name.substring(0, split);
        String blocks = name.substring(split);
        if (outer.isEmpty() || outer.length() > 12) {
            throw bad(name, "expected 1 to 12 dimension letters");
        }
        String letters = toCanonicalLetters(name, outer);
        int n = letters.length();
        int[] order = new int[n];
        boolean[] seen = new boolean[n];
        boolean[] blocked = new boolean[n];
        for (int i = 0; i < n; i++) {
            char c = letters.charAt(i);
            int d = Character.toLowerCase(c) - 'a';
            if (d < 0 || d >= n || seen[d]) {
                throw bad(name, "letters must name each of the " + n + " dimensions once");
            }
            seen[d] = true;
            blocked[d] = Character.isUpperCase(c);
            order[i] = d;
        }
        int[][] parsedBlocks = parseBlocks(name, blocks, outer, letters);
        int[] blockDims = parsedBlocks[0];
        int[] blockSizes = parsedBlocks[1];
        boolean[] hasBlock = new boolean[n];
        for (int b = 0; b < blockDims.length; b++) {
            int d = blockDims[b];
            if (d >= n || !blocked[d]) {
                throw bad(name, "block '" + blockSizes[b] + (char) ('a' + d)
                        + "' refers to a dimension not written in capitals");
            }
            hasBlock[d] = true;
        }
        for (int d = 0; d < n; d++) {
            if (blocked[d] && !hasBlock[d]) {
                throw bad(name, "dimension '" + Character.toUpperCase((char) ('a' + d)) + "' is capital but has no block");
            }
        }
        StringBuilder canon = new StringBuilder(letters);
        for (int b = 0; b < blockDims.length; b++) {
            canon.append(blockSizes[b]).append((char) ('a' + blockDims[b]));
        }
        return new FormatTag(name, canon.toString(), n, order, blockDims, blockSizes);
    }

    /** Maps alias letters (n, c, h, w, o, i, g, ...) to a..l; canonical tags pass through. */
    private static String toCanonicalLetters(String tag, String outer) {
        boolean alias = false;
        for (int i = 0; i < outer.length(); i++) {
            if (CANONICAL_LETTERS.indexOf(Character.toLowerCase(outer.charAt(i))) < 0) {
                alias = true;
                break;
            }
        }
        if (!alias) {
            return outer;
        }
        String lower = outer.toLowerCase(java.util.Locale.ROOT);
        int[] rank = new int[lower.length()];
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            int p = ALIAS_PRIORITY.indexOf(c);
            if (p < 0) {
                throw bad(tag, "'" + c + "' is neither a dimension letter a..l nor an alias letter of "
                        + ALIAS_PRIORITY);
            }
            if (lower.indexOf(c) != i) {
                throw bad(tag, "'" + c + "' appears twice");
            }
            rank[i] = p;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lower.length(); i++) {
            int logical = 0;
            for (int r : rank) {
                if (r < rank[i]) {
                    logical++;
                }
            }
            char c = (char) ('a' + logical);
            sb.append(Character.isUpperCase(outer.charAt(i)) ? Character.toUpperCase(c) : c);
        }
        return sb.toString();
    }

    /** Parses a block suffix like {@code 16b16a} (alias letters allowed: {@code 16i16o}). */
    private static int[][] parseBlocks(String tag, String blocks, String outer, String letters) {
        int count = 0;
        int[] dims = new int[blocks.length()];
        int[] sizes = new int[blocks.length()];
        int i = 0;
        while (i < blocks.length()) {
            int start = i;
            while (i < blocks.length() && Character.isDigit(blocks.charAt(i))) {
                i++;
            }
            if (start == i || i == blocks.length() || !Character.isLetter(blocks.charAt(i)) || i - start > 6) {
                throw bad(tag, "malformed block suffix '" + blocks + "' (expected e.g. 16b or 16i16o)");
            }
            int size = Integer.parseInt(blocks.substring(start, i));
            char letter = Character.toLowerCase(blocks.charAt(i));
            i++;
            int pos = outer.toLowerCase(java.util.Locale.ROOT).indexOf(letter);
            if (pos < 0 || size < 1) {
                throw bad(tag, "block '" + size + letter + "' names no dimension of the tag");
            }
            dims[count] = Character.toLowerCase(letters.charAt(pos)) - 'a';
            sizes[count] = size;
            count++;
        }
        return new int[][] {Arrays.copyOf(dims, count), Arrays.copyOf(sizes, count)};
    }

    private static JdnnException bad(String tag, String why) {
        return JdnnException.invalid("format tag '" + tag + "': " + why);
    }

    /** The name this tag was created with ({@code nchw}). */
    public String name() {
        return name;
    }

    /** The domain-agnostic spelling ({@code abcd}, {@code aBcd16b}). */
    public String canonical() {
        return canonical;
    }

    public boolean isAny() {
        return this == ANY;
    }

    /** Number of dimensions the tag describes (0 for {@link #ANY}). */
    public int ndims() {
        return ndims;
    }

    /** Whether the tag has inner blocks. */
    public boolean isBlocked() {
        return blockDims.length > 0;
    }

    /** The logical dimensions from outermost to innermost. */
    public int[] outerOrder() {
        return outerOrder.clone();
    }

    /** The logical dimension of each inner block, outermost block first. */
    public int[] blockDims() {
        return blockDims.clone();
    }

    /** The size of each inner block, outermost block first. */
    public int[] blockSizes() {
        return blockSizes.clone();
    }

    /** The row-major plain tag of {@code ndims} dimensions ({@code a}, {@code ab}, {@code abc}, ...). */
    public static FormatTag plain(int ndims) {
        if (ndims < 1 || ndims > 12) {
            throw JdnnException.invalid("plain format tag: ndims = " + ndims + " must be in 1..12");
        }
        return of(CANONICAL_LETTERS.substring(0, ndims));
    }

    /**
     * The channels-last tag of {@code ndims} dimensions ({@code ab}, {@code acb}, {@code acdb},
     * {@code acdeb}): batch, spatial, then channels.
     */
    public static FormatTag channelsLast(int ndims) {
        if (ndims < 2 || ndims > 12) {
            throw JdnnException.invalid("channels-last format tag: ndims = " + ndims + " must be in 2..12");
        }
        return of("a" + CANONICAL_LETTERS.substring(2, ndims) + "b");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FormatTag t && canonical.equals(t.canonical);
    }

    @Override
    public int hashCode() {
        return Objects.hash(canonical);
    }

    @Override
    public String toString() {
        return name;
    }
}
