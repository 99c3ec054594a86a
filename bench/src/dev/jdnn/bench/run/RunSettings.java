package dev.jdnn.bench.run;

import java.util.List;

/**
 * The common (driver-independent) options in force when a problem was read: how to run it and
 * how to report it. {@code --reset} does not touch them, as in benchdnn.
 *
 * @param mode            {@code --mode}
 * @param maxMsPerPrb     {@code --max-ms-per-prb}: time budget of the timed loop (10..60000 ms)
 * @param fixTimesPerPrb  {@code --fix-times-per-prb}: exact number of timed runs (0: by time)
 * @param minTimesPerPrb  {@code --min-times-per-prb} (jdnn's): fewest timed runs when timing by budget
 * @param perfTemplate    {@code --perf-template}: {@code def}, {@code csv} or a custom template
 * @param threads         {@code --threads} (jdnn's): engine threads, 0 for the default
 * @param engine          {@code --engine}: {@code cpu} (anything else is skipped)
 * @param skipImpl        {@code --skip-impl}: implementation name fragments to skip
 * @param allowUnimpl     {@code --allow-unimpl}: UNIMPLEMENTED does not count as a failure
 * @param checkRefImpl    {@code --check-ref-impl}: a problem dispatched to {@code ref} fails
 * @param repeatsPerPrb   {@code --repeats-per-prb}: how many times each problem is run
 * @param verbose         {@code -vN} / {@code --verbose=N}
 */
public record RunSettings(Mode mode, double maxMsPerPrb, int fixTimesPerPrb, int minTimesPerPrb, String perfTemplate,
        int threads, String engine, List<String> skipImpl, boolean allowUnimpl, boolean checkRefImpl, int repeatsPerPrb,
        int verbose) {

    /** benchdnn's defaults (3 s per problem, at least 5 timed runs), all threads. */
    public static final RunSettings DEFAULTS = new RunSettings(Mode.CORRECTNESS, 3000, 0, 5, "def", 0, "cpu", List.of(),
            false, false, 1, 0);
}
