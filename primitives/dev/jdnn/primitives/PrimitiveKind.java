package dev.jdnn.primitives;

import java.util.Locale;

/** What a primitive computes. */
public enum PrimitiveKind {
    REORDER,
    CONVOLUTION,
    DECONVOLUTION,
    POOLING,
    ELTWISE,
    SOFTMAX,
    INNER_PRODUCT,
    MATMUL,
    BINARY,
    BATCH_NORMALIZATION,
    LAYER_NORMALIZATION,
    SUM,
    CONCAT;

    /** oneDNN's spelling: {@code convolution}, {@code inner_product}. */
    public String oneDnnName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
