package dev.jdnn.bench.desc;

/**
 * A user mistake in a benchmark or op-test input: a malformed descriptor, an unknown option, a
 * missing file. Its message names the offending token; drivers print it as one line.
 */
public final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
