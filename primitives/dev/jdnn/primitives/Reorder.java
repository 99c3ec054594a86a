package dev.jdnn.primitives;

import dev.jdnn.engines.Engine;
import dev.jdnn.engines.Stream;
import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.Memory;
import dev.jdnn.memory.MemoryDesc;

/**
 * Creates reorder primitive descriptors, which copy a tensor into another layout (plain, strided,
 * blocked; the padding of a blocked destination is zeroed), optionally scaled by output scales.
 */
public final class Reorder {
    private Reorder() {
    }

    public static Builder of(Engine engine, MemoryDesc src, MemoryDesc dst) {
        return new Builder(engine, src, dst);
    }

    /**
     * Returns a new memory with {@code src}'s contents in the layout {@code dst} (e.g. a primitive's
     * weights descriptor). If {@code dst} already equals src's descriptor the result is a new copy
     * all the same. The caller closes the result.
     */
    public static Memory to(Engine engine, Memory src, MemoryDesc dst) {
        JdnnException.requireNonNull(src, "reorder src memory");
        PrimitiveDesc pd = of(engine, src.desc(), dst).build();
        Memory out = Memory.allocate(pd.dstDesc());
        try (Stream stream = engine.newStream()) {
            pd.create().execute(stream, Args.of(Arg.SRC, src, Arg.DST, out));
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
        return out;
    }

    /** Validates and dispatches. */
    public static final class Builder {
        private static final String NAME = "reorder";
        private final Engine engine;
        private final MemoryDesc src;
        private final MemoryDesc dst;
        private Attr attr = Attr.NONE;
        private String implementation;

        private Builder(Engine engine, MemoryDesc src, MemoryDesc dst) {
            this.engine = engine;
            this.src = src;
            this.dst = dst;
        }

        /** Output scales only (post-ops are not supported by reorder). */
        public Builder attr(Attr value) {
            attr = JdnnException.requireNonNull(value, "attributes");
            return this;
        }

        public Builder implementation(String name) {
            implementation = name;
            return this;
        }

        public PrimitiveDesc build() {
            return Dispatch.select(engine, desc(), attr, Implementations.of(PrimitiveKind.REORDER), implementation);
        }

        public ReorderDesc desc() {
            Shapes.required(src, NAME, "src");
            Shapes.required(dst, NAME, "dst");
            if (src.isAny()) {
                throw JdnnException.invalid(NAME + ": src " + src + " must have a concrete layout");
            }
            if (!src.shape().equals(dst.shape())) {
                throw JdnnException.invalid(NAME + ": dst dims " + dst.shape() + " differ from src dims " + src.shape());
            }
            if (!attr.postOps().isEmpty()) {
                throw JdnnException.unimplemented(NAME + ": post-ops are not supported, only output scales");
            }
            Shapes.checkAttr(attr, dst.dims(), NAME);
            return new ReorderDesc(src, dst.isAny() ? src : dst);
        }
    }
}
