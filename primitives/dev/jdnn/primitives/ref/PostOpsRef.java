package dev.jdnn.primitives.ref;

import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.primitives.Arg;
import dev.jdnn.primitives.Attr;
import dev.jdnn.primitives.OutputScales;
import dev.jdnn.primitives.PostOp;
import dev.jdnn.primitives.spi.ExecContext;
import dev.jdnn.primitives.spi.Plan;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Applies attributes to one output value the reference way: {@code post_ops(scale * value)}.
 * Sum reads the destination's previous value; binary reads src1 at the broadcast index. Holds a
 * scratch index, so use one instance per thread.
 */
public final class PostOpsRef {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private final PostOp[] ops;
    private final OutputScales scales;
    private final long[] dstDims;
    private final MemorySegment dst;
    private final MemorySegment[] src1;
    private final MemoryDesc[] src1Desc;
    private final long[] src1Index;

    public PostOpsRef(Attr attr, MemoryDesc dstDesc, ExecContext ctx) {
        this.ops = attr.postOps().ops().toArray(new PostOp[0]);
        this.scales = attr.outputScales();
        this.dstDims = dstDesc.dims();
        this.dst = ctx.segment(Arg.DST);
        this.src1 = new MemorySegment[ops.length];
        this.src1Desc = new MemoryDesc[ops.length];
        for (int i = 0; i < ops.length; i++) {
            if (ops[i] instanceof PostOp.Binary b) {
                src1[i] = ctx.segment(Arg.postOpSrc1(i));
                src1Desc[i] = b.src1();
            }
        }
        this.src1Index = new long[dstDims.length];
    }

    /** Declares the binary post-ops' src1 arguments as inputs of {@code plan}. */
    public static void declareInputs(Plan.Builder plan, Attr attr) {
        for (int i = 0; i < attr.postOps().size(); i++) {
            if (attr.postOps().get(i) instanceof PostOp.Binary b) {
                plan.input(Arg.postOpSrc1(i), b.src1());
            }
        }
    }

    /** Whether {@link #apply} changes anything. */
    public boolean isIdentity() {
        return ops.length == 0 && scales.isNone();
    }

    /**
     * The final value for the dst element at logical index {@code index} (offset {@code dstOffset}
     * in elements), given the primitive's raw result {@code value}.
     */
    public float apply(float value, long[] index, long dstOffset) {
        float v = value * scale(index);
        for (int i = 0; i < ops.length; i++) {
            switch (ops[i]) {
                case PostOp.Eltwise e -> v = e.scale() * EltwiseMath.forward(e.alg(), e.alpha(), e.beta(), v);
                case PostOp.Sum s -> v += s.scale() * dst.getAtIndex(F32, dstOffset);
                case PostOp.Binary b -> v = b.alg().apply(v, src1Value(i, index));
            }
        }
        return v;
    }

    private float scale(long[] index) {
        int mask = scales.mask();
        if (mask == 0) {
            return scales.scale(0);
        }
        long pos = 0;
        for (int d = 0; d < dstDims.length; d++) {
            if ((mask & 1 << d) != 0) {
                pos = pos * dstDims[d] + index[d];
            }
        }
        return scales.scale((int) pos);
    }

    private float src1Value(int op, long[] index) {
        MemoryDesc md = src1Desc[op];
        for (int d = 0; d < index.length; d++) {
            src1Index[d] = md.dim(d) == 1 ? 0 : index[d];
        }
        return src1[op].getAtIndex(F32, md.offsetUnchecked(src1Index));
    }
}
