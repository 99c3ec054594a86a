package dev.jdnn.primitives;

import dev.jdnn.memory.MemoryDesc;

/** A reorder: copies a tensor into another layout (plain, strided or blocked) of the same dims. */
public record ReorderDesc(MemoryDesc src, MemoryDesc dst) implements OpDesc {

    @Override
    public PrimitiveKind kind() {
        return PrimitiveKind.REORDER;
    }

    /** Reorder has no propagation kind in oneDNN; it is reported as forward inference. */
    @Override
    public PropKind propKind() {
        return PropKind.FORWARD_INFERENCE;
    }

    @Override
    public String algorithm() {
        return "";
    }

    /** benchdnn's reorder descriptor: the dims. */
    @Override
    public String problem() {
        return src.shape().toString();
    }
}
