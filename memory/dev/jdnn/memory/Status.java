package dev.jdnn.memory;

/**
 * Why a jdnn call failed; the values mirror oneDNN's {@code dnnl_status_t}.
 */
public enum Status {
    /** An argument is wrong: a bad dimension, a mismatched descriptor, a missing memory. */
    INVALID_ARGUMENTS(2),
    /** The request is valid but no implementation supports it (a data type, a layout). */
    UNIMPLEMENTED(3),
    /** Memory for a tensor or a buffer could not be allocated. */
    OUT_OF_MEMORY(1),
    /** Something failed while a primitive ran (an exception in a worker thread, a closed engine). */
    RUNTIME_ERROR(5),
    /** The queried item does not exist for this primitive. */
    NOT_REQUIRED(6);

    private final int code;

    Status(int code) {
        this.code = code;
    }

    /** oneDNN's numeric value of this status. */
    public int code() {
        return code;
    }
}
