package dev.jdnn.bench.run;

/**
 * The element-wise comparison of an output with the reference's: a value passes when it equals
 * the reference (NaN matching NaN) or its relative difference {@code |got - exp| / max(1, |exp|)}
 * is within the threshold.
 *
 * @param errors        values outside the threshold
 * @param total         values compared
 * @param zeros         reference values that are zero (many zeros make the check weak)
 * @param firstMismatch a description of the first failing value, or null
 */
public record Comparison(long errors, long total, long zeros, String firstMismatch) {
    public static Comparison of(String argName, float[] got, float[] expected, double threshold) {
        long errors = 0;
        long zeros = 0;
        String first = null;
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float g = got[i];
            if (e == 0f) {
                zeros++;
            }
            boolean same = Float.compare(g, e) == 0 || (g == e);
            double diff = Math.abs((double) g - e);
            if (!same && !(diff <= threshold * Math.max(1, Math.abs(e)))) {
                errors++;
                if (first == null) {
                    first = "[" + argName + "][" + i + "] exp:" + e + " got:" + g + " diff:" + (float) diff
                            + " rdiff:" + (float) (diff / Math.max(1, Math.abs(e)));
                }
            }
        }
        return new Comparison(errors, expected.length, zeros, first);
    }

    /** Both comparisons, as one. */
    public Comparison plus(Comparison other) {
        return new Comparison(errors + other.errors, total + other.total, zeros + other.zeros,
                firstMismatch != null ? firstMismatch : other.firstMismatch);
    }

    /** benchdnn does not trust a check where more than this share of the reference is zero. */
    static final double ZERO_TRUST = 0.9;

    /** Whether the outputs are mostly zeros, so that agreement proves little. */
    public boolean mistrusted() {
        return total >= 10 && zeros > ZERO_TRUST * total;
    }
}
