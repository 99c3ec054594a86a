package dev.jdnn.bench.cli;

import dev.jdnn.bench.desc.BadInputException;
import dev.jdnn.bench.ops.Options;

/**
 * One benchdnn option of a driver ({@code --dir}, {@code --stag}, {@code --attr-post-ops}, ...).
 * Its value is a comma list; every element is checked when the option is read, and each element
 * makes one set of {@link Options} in the cartesian product of a problem's settings.
 *
 * @param name         the option's name without {@code --}
 * @param defaultValue the element the driver uses when the option is not given
 * @param check        throws {@link BadInputException} for an element benchdnn would reject
 * @param apply        applies one element to the options
 */
record DriverOption(String name, String defaultValue, Check check, Apply apply) {
    /** Validates one element of the option's comma list. */
    @FunctionalInterface
    interface Check {
        void check(String element);
    }

    /** Applies one element of the option's comma list. */
    @FunctionalInterface
    interface Apply {
        Options apply(Options options, String element);
    }

    /** An option jdnn has no typed field for: a non-default element goes to {@link Options#extras}. */
    static DriverOption extra(String name, String defaultValue, Check check) {
        return new DriverOption(name, defaultValue, check, (o, v) -> v.isEmpty() || v.equalsIgnoreCase(defaultValue)
                ? o : o.withExtra(name, v));
    }

    /** An option accepted for compatibility that changes nothing in jdnn (documented in the README). */
    static DriverOption noEffect(String name) {
        return new DriverOption(name, "", v -> { }, (o, v) -> o);
    }
}
