package dev.jdnn.bench.run;

/** benchdnn's problem statuses. */
public enum Status {
    /** Listing mode: parsed only. */
    LISTED,
    /** Skipped on purpose ({@code --skip-impl}, another engine, an implementation not present). */
    SKIPPED,
    /** The request is not valid (counted as a failure). */
    INVALID_ARGUMENTS,
    /** jdnn cannot compute it yet (a failure unless {@code --allow-unimpl}). */
    UNIMPLEMENTED,
    /** Initialization mode: created, not run. */
    INITIALIZED,
    /** Run mode: executed once, not checked. */
    EXECUTED,
    /** Matches the reference (or, in performance mode alone, ran). */
    PASSED,
    /** Matches the reference, but the check is weak (almost every output is zero). */
    MISTRUSTED,
    /** Differs from the reference, or crashed. */
    FAILED
}
