package dev.jdnn.primitives.ref;

import dev.jdnn.engines.Engine;
import dev.jdnn.memory.FormatTag;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.primitives.Arg;
import dev.jdnn.primitives.Attr;
import dev.jdnn.primitives.InnerProductDesc;
import dev.jdnn.primitives.PropKind;
import dev.jdnn.primitives.spi.ExecContext;
import dev.jdnn.primitives.spi.Implementation;
import dev.jdnn.primitives.spi.Kernel;
import dev.jdnn.primitives.spi.Plan;
import dev.jdnn.primitives.spi.Support;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Reference inner product, forward and backward, over any layouts: sums in double over logical
 * indices (the source's channel and spatial dims flattened in logical order), parallel over the
 * outputs of each pass. {@code ANY} resolves to plain row-major layouts.
 */
public final class RefInnerProduct implements Implementation<InnerProductDesc> {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;

    @Override
    public String name() {
        return "ref";
    }

    @Override
    public Plan plan(InnerProductDesc desc, Attr attr, Engine engine) {
        Support.requireF32("ref inner_product", attr, desc.src(), desc.weights(), desc.bias(), desc.dst());
        InnerProductDesc d = desc.withMemory(Support.orPlain(desc.src()), Support.orPlain(desc.weights()),
                Support.orDefault(desc.bias(), FormatTag.A), Support.orPlain(desc.dst()));
        Plan.Builder plan = Plan.builder(d);
        switch (d.propKind()) {
            case FORWARD_TRAINING, FORWARD_INFERENCE -> {
                plan.input(Arg.SRC, d.src()).input(Arg.WEIGHTS, d.weights());
                if (d.hasBias()) {
                    plan.input(Arg.BIAS, d.bias());
                }
                PostOpsRef.declareInputs(plan, attr);
                plan.output(Arg.DST, d.dst());
            }
            case BACKWARD_DATA -> plan.input(Arg.DIFF_DST, d.dst()).input(Arg.WEIGHTS, d.weights()).output(Arg.DIFF_SRC, d.src());
            case BACKWARD_WEIGHTS -> {
                plan.input(Arg.SRC, d.src()).input(Arg.DIFF_DST, d.dst()).output(Arg.DIFF_WEIGHTS, d.weights());
                if (d.hasBias()) {
                    plan.output(Arg.DIFF_BIAS, d.bias());
                }
            }
            default -> throw dev.jdnn.memory.JdnnException.unimplemented("ref inner_product: " + d.propKind());
        }
        return plan.kernel(() -> new IpKernel(d, attr)).build();
    }

    /** The three passes, with the offset tables of every tensor precomputed. */
    private static final class IpKernel implements Kernel {
        private final InnerProductDesc d;
        private final Attr attr;
        /** Offsets of src (and weights) of flattened (ic, spatial) index k, per tensor. */
        private final long[] srcK;
        private final long[] weiK;
        private final long[] srcN;
        private final long[] weiO;
        private final long[] dstN;
        private final long[] dstO;

        IpKernel(InnerProductDesc d, Attr attr) {
            this.d = d;
            this.attr = attr;
            this.srcK = flattenedOffsets(d.src());
            this.weiK = flattenedOffsets(d.weights());
            this.srcN = AxisTables.of(d.src(), 0);
            this.weiO = AxisTables.of(d.weights(), 0);
            this.dstN = AxisTables.of(d.dst(), 0);
            this.dstO = AxisTables.of(d.dst(), 1);
        }

        /** Offset of each (ic, spatial..) index, row-major in logical order, ignoring dim 0. */
        private static long[] flattenedOffsets(MemoryDesc md) {
            long[] dims = md.dims();
            long count = 1;
            for (int i = 1; i < dims.length; i++) {
                count *= dims[i];
            }
            long[] out = new long[Math.toIntExact(count)];
            long[] index = new long[dims.length];
            for (int k = 0; k < out.length; k++) {
                long off = 0;
                for (int i = 1; i < dims.length; i++) {
                    off += md.axisOffset(i, index[i]);
                }
                out[k] = off;
                for (int i = dims.length - 1; i >= 1; i--) {
                    if (++index[i] < dims[i]) {
                        break;
                    }
                    index[i] = 0;
                }
            }
            return out;
        }

        @Override
        public void execute(ExecContext ctx) {
            switch (d.propKind()) {
                case BACKWARD_DATA -> backwardData(ctx);
                case BACKWARD_WEIGHTS -> backwardWeights(ctx);
                default -> forward(ctx);
            }
        }

        private void forward(ExecContext ctx) {
            MemorySegment src = ctx.segment(Arg.SRC);
            MemorySegment wei = ctx.segment(Arg.WEIGHTS);
            MemorySegment bias = ctx.segment(Arg.BIAS);
            MemorySegment dst = ctx.segment(Arg.DST);
            long oc = d.oc();
            ctx.engine().parallelFor(d.mb() * oc, (begin, end) -> {
                PostOpsRef post = new PostOpsRef(attr, d.dst(), ctx);
                long[] index = new long[2];
                for (long job = begin; job < end; job++) {
                    int n = (int) (job / oc);
                    int o = (int) (job % oc);
                    double acc = bias == null ? 0 : bias.getAtIndex(F32, d.bias().axisOffset(0, o));
                    for (int k = 0; k < srcK.length; k++) {
                        acc += (double) src.getAtIndex(F32, srcN[n] + srcK[k]) * wei.getAtIndex(F32, weiO[o] + weiK[k]);
                    }
                    index[0] = n;
                    index[1] = o;
                    long off = dstN[n] + dstO[o];
                    dst.setAtIndex(F32, off, post.apply((float) acc, index, off));
                }
            });
        }

        private void backwardData(ExecContext ctx) {
            MemorySegment diffDst = ctx.segment(Arg.DIFF_DST);
            MemorySegment wei = ctx.segment(Arg.WEIGHTS);
            MemorySegment diffSrc = ctx.segment(Arg.DIFF_SRC);
            long kk = srcK.length;
            ctx.engine().parallelFor(d.mb() * kk, (begin, end) -> {
                for (long job = begin; job < end; job++) {
                    int n = (int) (job / kk);
                    int k = (int) (job % kk);
                    double acc = 0;
                    for (int o = 0; o < d.oc(); o++) {
                        acc += (double) diffDst.getAtIndex(F32, dstN[n] + dstO[o]) * wei.getAtIndex(F32, weiO[o] + weiK[k]);
                    }
                    diffSrc.setAtIndex(F32, srcN[n] + srcK[k], (float) acc);
                }
            });
        }

        private void backwardWeights(ExecContext ctx) {
            MemorySegment src = ctx.segment(Arg.SRC);
            MemorySegment diffDst = ctx.segment(Arg.DIFF_DST);
            MemorySegment diffWei = ctx.segment(Arg.DIFF_WEIGHTS);
            MemorySegment diffBias = ctx.segment(Arg.DIFF_BIAS);
            long kk = weiK.length;
            ctx.engine().parallelFor(d.oc(), (begin, end) -> {
                for (int o = (int) begin; o < end; o++) {
                    for (int k = 0; k < kk; k++) {
                        double acc = 0;
                        for (int n = 0; n < d.mb(); n++) {
                            acc += (double) diffDst.getAtIndex(F32, dstN[n] + dstO[o]) * src.getAtIndex(F32, srcN[n] + srcK[k]);
                        }
                        diffWei.setAtIndex(F32, weiO[o] + weiK[k], (float) acc);
                    }
                    if (diffBias != null) {
                        double sum = 0;
                        for (int n = 0; n < d.mb(); n++) {
                            sum += diffDst.getAtIndex(F32, dstN[n] + dstO[o]);
                        }
                        diffBias.setAtIndex(F32, d.bias().axisOffset(0, o), (float) sum);
                    }
                }
            });
        }
    }
}
