package dev.jdnn.engines;

/**
 * Static partitioning of {@code n} items over {@code parts} workers, as even as possible: the
 * first {@code n % parts} parts get one item more (oneDNN's balance211).
 */
public final class Partition {
    private Partition() {
    }

    /** First item of part {@code part}. */
    public static long start(long n, int parts, int part) {
        long base = n / parts;
        long extra = n % parts;
        return part * base + Math.min(part, extra);
    }

    /** One past the last item of part {@code part}. */
    public static long end(long n, int parts, int part) {
        return start(n, parts, part + 1);
    }

    /** How many parts to use so that each gets at least {@code grain} items (at least 1, at most {@code maxParts}). */
    public static int parts(long n, long grain, int maxParts) {
        long byGrain = grain <= 1 ? n : n / grain;
        return (int) Math.max(1, Math.min(maxParts, byGrain));
    }
}
