package dev.jdnn.bench.json;

import dev.jdnn.bench.ops.Options;
import java.util.List;
import java.util.Map;

/**
 * One JSON op-test case (schema: {@code src/test/resources/ops/README.md}).
 *
 * @param file      the file it came from (for messages)
 * @param op        benchdnn driver name
 * @param name      the case's name
 * @param desc      benchdnn problem descriptor
 * @param options   benchdnn options of the case
 * @param inputs    argument name -> data in logical row-major order, or a fill
 * @param expected  argument name -> expected values in logical row-major order
 * @param tolerance allowed |got - expected| / max(1, |expected|)
 * @param compareToReference whether to compare every output with the reference implementation
 * @param error     the expected failure, or null
 * @param omit      arguments to leave out at execution (to test the error)
 * @param substitute argument name -> a descriptor to use instead of the primitive's (to test the error)
 */
public record OpCase(String file, String op, String name, String desc, Options options, Map<String, Input> inputs,
        Map<String, double[]> expected, double tolerance, boolean compareToReference, ExpectedError error,
        List<String> omit, Map<String, Substitute> substitute) {

    /** Data for one input argument: explicit values, or a seeded integer fill. */
    public record Input(double[] values, long seed, int min, int max) {
        public boolean isFill() {
            return values == null;
        }
    }

    /** The failure a case expects: a status name and a fragment of the message. */
    public record ExpectedError(String status, String message) {
    }

    /** A memory descriptor passed instead of the one the primitive expects. */
    public record Substitute(long[] dims, String tag) {
    }

    /** {@code file: name}. */
    public String title() {
        return file + ": " + name;
    }
}
