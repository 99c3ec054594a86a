package dev.jdnn.primitives;

import dev.jdnn.memory.JdnnException;
import java.util.Objects;

/**
 * Primitive attributes: output scales and post-ops. Immutable; compared by value (it is part of
 * the primitive cache key). The result of a primitive is
 * {@code dst = post_ops(output_scale * (op(src, weights) + bias))}.
 */
public final class Attr {
    /** No attributes. */
    public static final Attr NONE = new Attr(PostOps.NONE, OutputScales.NONE);

    private final PostOps postOps;
    private final OutputScales outputScales;

    private Attr(PostOps postOps, OutputScales outputScales) {
        this.postOps = postOps;
        this.outputScales = outputScales;
    }

    public static Attr of(PostOps postOps) {
        return NONE.withPostOps(postOps);
    }

    public static Attr of(OutputScales scales) {
        return NONE.withOutputScales(scales);
    }

    public Attr withPostOps(PostOps ops) {
        return new Attr(JdnnException.requireNonNull(ops, "post-ops"), outputScales);
    }

    public Attr withOutputScales(OutputScales scales) {
        return new Attr(postOps, JdnnException.requireNonNull(scales, "output scales"));
    }

    public PostOps postOps() {
        return postOps;
    }

    public OutputScales outputScales() {
        return outputScales;
    }

    public boolean isEmpty() {
        return postOps.isEmpty() && outputScales.isNone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attr a && a.postOps.equals(postOps) && a.outputScales.equals(outputScales);
    }

    @Override
    public int hashCode() {
        return Objects.hash(postOps, outputScales);
    }

    @Override
    public String toString() {
        return "Attr{scales=" + outputScales + ", post-ops=" + postOps + "}";
    }
}
