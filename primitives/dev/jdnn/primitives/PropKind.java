package dev.jdnn.primitives;

import java.util.Locale;

/** Propagation kind, as oneDNN's {@code prop_kind}. */
public enum PropKind {
    /** Forward pass that keeps what backward needs (a max-pooling workspace, ...). */
    FORWARD_TRAINING,
    /** Forward pass for inference only. */
    FORWARD_INFERENCE,
    /** Backward pass: gradients of data and weights together. */
    BACKWARD,
    /** Backward pass: gradient with respect to the data. */
    BACKWARD_DATA,
    /** Backward pass: gradient with respect to the weights (and bias). */
    BACKWARD_WEIGHTS;

    /** oneDNN's spelling: {@code forward_training}. */
    public String oneDnnName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isForward() {
        return this == FORWARD_TRAINING || this == FORWARD_INFERENCE;
    }
}
