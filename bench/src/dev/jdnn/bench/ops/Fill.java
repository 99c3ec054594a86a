package dev.jdnn.bench.ops;

import dev.jdnn.memory.Memory;

/**
 * Deterministic fills with small integers, so that f32 sums are exact whatever the summation
 * order (benchdnn's trick for comparing optimized and reference results tightly).
 */
public final class Fill {
    private Fill() {
    }

    /** Integers in {@code [min, max]}, from a hash of ({@code seed}, logical position). */
    public static float[] ints(long count, long seed, int min, int max) {
        float[] v = new float[Math.toIntExact(count)];
        long span = (long) max - min + 1;
        for (int i = 0; i < v.length; i++) {
            v[i] = min + Math.floorMod(mix(seed * 0x9E3779B97F4A7C15L + i), span);
        }
        return v;
    }

    /** Fills {@code memory} (f32, any layout) with {@link #ints}. */
    public static void ints(Memory memory, long seed, int min, int max) {
        memory.copyFrom(ints(memory.desc().nelems(), seed, min, max));
    }

    /** A 64-bit mixer (splitmix64's finalizer). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
