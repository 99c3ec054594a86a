package dev.jdnn.memory;

/**
 * The one exception jdnn throws for its own failures. It carries a {@link Status} and a message
 * that names the offending argument and its value. A call that throws it has not written to any
 * memory the caller passed in.
 *
 * <p>It lives in the lowest layer (memory) so that every layer above can throw it.
 */
public final class JdnnException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Status status;

    public JdnnException(Status status, String message) {
        super(message);
        this.status = status;
    }

    public JdnnException(Status status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public Status status() {
        return status;
    }

    @Override
    public String toString() {
        return "JdnnException[" + status + "]: " + getMessage();
    }

    /** An {@link Status#INVALID_ARGUMENTS} exception. */
    public static JdnnException invalid(String message) {
        return new JdnnException(Status.INVALID_ARGUMENTS, message);
    }

    /** An {@link Status#UNIMPLEMENTED} exception. */
    public static JdnnException unimplemented(String message) {
        return new JdnnException(Status.UNIMPLEMENTED, message);
    }

    /** Throws {@link Status#INVALID_ARGUMENTS} with {@code message} unless {@code condition}. */
    public static void require(boolean condition, String message) {
        if (!condition) {
            throw invalid(message);
        }
    }

    /** Returns {@code value}, or throws {@link Status#INVALID_ARGUMENTS} naming it when null. */
    public static <T> T requireNonNull(T value, String what) {
        if (value == null) {
            throw invalid(what + " is null");
        }
        return value;
    }
}
