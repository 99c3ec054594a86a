package dev.jdnn.bench.desc;

/**
 * A user mistake in a benchmark or op-test input: a malformed descriptor, an unknown option, a
 * missing file. Its message names the offending token; drivers print it as one line.
 */
public final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean located;

    public BadInputException(String message) {
        this(message, null, false);
    }

    public BadInputException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private BadInputException(String message, Throwable cause, boolean located) {
        super(message, cause);
        this.located = located;
    }

    /** This mistake with the place of the offending token in front ({@code shapes_x:12: ...}). */
    public BadInputException at(String where) {
        return new BadInputException(where + ": " + getMessage(), this, true);
    }

    /** Whether the message already names the place of the mistake. */
    public boolean isLocated() {
        return located;
    }
}
