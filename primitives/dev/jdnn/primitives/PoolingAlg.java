package dev.jdnn.primitives;

import dev.jdnn.memory.JdnnException;
import java.util.Locale;

/** Pooling algorithms. */
public enum PoolingAlg {
    /** Maximum over the window (points in the padding are ignored). */
    MAX("pooling_max", "max"),
    /** Sum over the window divided by the full window size: padding counts as zeros. */
    AVG_INCLUDE_PADDING("pooling_avg_include_padding", "avg_p"),
    /** Sum over the window divided by the number of points inside the input. */
    AVG_EXCLUDE_PADDING("pooling_avg_exclude_padding", "avg_np");

    private final String oneDnnName;
    private final String shortName;

    PoolingAlg(String oneDnnName, String shortName) {
        this.oneDnnName = oneDnnName;
        this.shortName = shortName;
    }

    public String oneDnnName() {
        return oneDnnName;
    }

    /** benchdnn's name: {@code max}, {@code avg_p}, {@code avg_np}. */
    public String shortName() {
        return shortName;
    }

    /** Parses benchdnn's or oneDNN's name. */
    public static PoolingAlg of(String name) {
        JdnnException.requireNonNull(name, "pooling algorithm");
        String n = name.toLowerCase(Locale.ROOT);
        for (PoolingAlg a : values()) {
            if (a.shortName.equals(n) || a.oneDnnName.equals(n) || a.name().equalsIgnoreCase(n)) {
                return a;
            }
        }
        if (n.equals("avg") || n.equals("pooling_avg")) {
            return AVG_EXCLUDE_PADDING;
        }
        throw JdnnException.invalid("unknown pooling algorithm '" + name + "' (expected max, avg_p or avg_np)");
    }
}
