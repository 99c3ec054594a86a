package dev.jdnn.primitives;

import dev.jdnn.memory.JdnnException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An execution argument kind, with oneDNN's name and number ({@code DNNL_ARG_SRC} = 1, ...).
 * Compared by number.
 */
public final class Arg {
    private static final Map<Integer, Arg> KNOWN = new ConcurrentHashMap<>();

    public static final Arg SRC = define(1, "src");
    public static final Arg SRC_1 = define(2, "src_1");
    public static final Arg SRC_2 = define(3, "src_2");
    public static final Arg DST = define(17, "dst");
    public static final Arg WEIGHTS = define(33, "wei");
    public static final Arg WEIGHTS_1 = define(34, "wei_1");
    public static final Arg BIAS = define(41, "bia");
    public static final Arg MEAN = define(49, "mean");
    public static final Arg VARIANCE = define(50, "var");
    public static final Arg SCALE = define(51, "scale");
    public static final Arg SHIFT = define(52, "shift");
    public static final Arg WORKSPACE = define(64, "ws");
    public static final Arg SCRATCHPAD = define(80, "scratchpad");
    public static final Arg DIFF_SRC = define(129, "diff_src");
    public static final Arg DIFF_SRC_1 = define(130, "diff_src_1");
    public static final Arg DIFF_DST = define(145, "diff_dst");
    public static final Arg DIFF_WEIGHTS = define(161, "diff_wei");
    public static final Arg DIFF_BIAS = define(169, "diff_bia");
    public static final Arg DIFF_SCALE = define(255, "diff_scale");
    public static final Arg DIFF_SHIFT = define(256, "diff_shift");

    /** oneDNN's DNNL_ARG_MULTIPLE_SRC: the first of a variable number of sources. */
    public static final int MULTIPLE_SRC_BASE = 1024;
    /** oneDNN's DNNL_ARG_ATTR_MULTIPLE_POST_OP_BASE. */
    public static final int POST_OP_BASE = 32768;

    private final int id;
    private final String name;

    private Arg(int id, String name) {
        this.id = id;
        this.name = name;
    }

    private static Arg define(int id, String name) {
        Arg a = new Arg(id, name);
        KNOWN.put(id, a);
        return a;
    }

    /** The second source of binary post-op number {@code index} (oneDNN's DNNL_ARG_ATTR_MULTIPLE_POST_OP(index) | DNNL_ARG_SRC_1). */
    public static Arg postOpSrc1(int index) {
        if (index < 0 || index >= 32) {
            throw JdnnException.invalid("post-op index = " + index + " must be in 0..31");
        }
        return of(POST_OP_BASE * (index + 1) | SRC_1.id);
    }

    /** Source number {@code index} of a primitive with many sources (sum, concat). */
    public static Arg multipleSrc(int index) {
        if (index < 0 || index >= 1024) {
            throw JdnnException.invalid("source index = " + index + " must be in 0..1023");
        }
        return of(MULTIPLE_SRC_BASE + index);
    }

    /** The argument with oneDNN number {@code id}. */
    public static Arg of(int id) {
        Arg known = KNOWN.get(id);
        if (known != null) {
            return known;
        }
        if (id >= POST_OP_BASE && (id & (POST_OP_BASE - 1)) == SRC_1.id) {
            return KNOWN.computeIfAbsent(id, k -> new Arg(k, "attr_post_op_" + (k / POST_OP_BASE - 1) + "_src_1"));
        }
        if (id >= MULTIPLE_SRC_BASE && id < MULTIPLE_SRC_BASE + 1024) {
            return KNOWN.computeIfAbsent(id, k -> new Arg(k, "multiple_src_" + (k - MULTIPLE_SRC_BASE)));
        }
        throw JdnnException.invalid("unknown argument number " + id);
    }

    /** oneDNN's number of this argument. */
    public int id() {
        return id;
    }

    /** Short name, as in verbose output ({@code src}, {@code wei}, {@code diff_dst}). */
    public String shortName() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Arg a && a.id == id;
    }

    @Override
    public int hashCode() {
        return id;
    }

    @Override
    public String toString() {
        return name.toUpperCase(java.util.Locale.ROOT);
    }
}
