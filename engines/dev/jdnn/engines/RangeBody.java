package dev.jdnn.engines;

/** The body of a parallel loop over a half-open range of items. */
@FunctionalInterface
public interface RangeBody {
    void run(long begin, long end);
}
