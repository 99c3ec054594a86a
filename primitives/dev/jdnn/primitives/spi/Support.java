package dev.jdnn.primitives.spi;

import dev.jdnn.memory.DataType;
import dev.jdnn.memory.FormatTag;
import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.primitives.Attr;
import dev.jdnn.primitives.PostOp;

/** Checks implementations make when they plan: data types, layouts. They throw UNIMPLEMENTED. */
public final class Support {
    private Support() {
    }

    /** Every non-null descriptor must be f32, and so must binary post-ops' src1. */
    public static void requireF32(String impl, Attr attr, MemoryDesc... mds) {
        for (MemoryDesc md : mds) {
            if (md != null && md.dataType() != DataType.F32) {
                throw JdnnException.unimplemented(impl + " supports f32 only, got " + md);
            }
        }
        for (PostOp op : attr.postOps().ops()) {
            if (op instanceof PostOp.Binary b && b.src1().dataType() != DataType.F32) {
                throw JdnnException.unimplemented(impl + " supports f32 binary post-ops only, got src1 " + b.src1());
            }
        }
    }

    /** {@code md}, or the layout {@code tag} gives its dims when it is {@code ANY}; null stays null. */
    public static MemoryDesc orDefault(MemoryDesc md, FormatTag tag) {
        if (md == null || !md.isAny()) {
            return md;
        }
        return md.withFormat(tag);
    }

    /** {@code md}, or row-major plain when it is {@code ANY}; null stays null. */
    public static MemoryDesc orPlain(MemoryDesc md) {
        return md == null ? null : orDefault(md, FormatTag.plain(md.ndims()));
    }
}
