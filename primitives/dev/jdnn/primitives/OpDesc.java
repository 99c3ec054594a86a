package dev.jdnn.primitives;

/**
 * An operation descriptor: what to compute (kind, propagation, shapes, parameters), independent of
 * any engine or implementation. Immutable and compared by value. Memory descriptors in it may be
 * {@code ANY} until an implementation settles them.
 */
public interface OpDesc {
    PrimitiveKind kind();

    PropKind propKind();

    /** The problem in benchdnn's descriptor syntax ({@code mb2ic3ih8iw8oc4oh8ow8kh3kw3ph1pw1}). */
    String problem();

    /** oneDNN's algorithm name for verbose output ({@code convolution_direct}); empty if none. */
    String algorithm();
}
