package dev.jdnn.primitives.ref;

import dev.jdnn.engines.Engine;
import dev.jdnn.memory.FormatTag;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.primitives.Arg;
import dev.jdnn.primitives.Attr;
import dev.jdnn.primitives.ConvolutionDesc;
import dev.jdnn.primitives.spi.ExecContext;
import dev.jdnn.primitives.spi.Implementation;
import dev.jdnn.primitives.spi.Kernel;
import dev.jdnn.primitives.spi.Plan;
import dev.jdnn.primitives.spi.Support;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Reference forward convolution: the definition, summed in double, over any layout (offsets come
 * from per-axis tables). 1-D and 2-D problems run as 3-D ones with unit depth/height. Parallel
 * over (minibatch, output channel). {@code ANY} resolves to plain row-major layouts.
 */
public final class RefConvolution implements Implementation<ConvolutionDesc> {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;

    @Override
    public String name() {
        return "ref";
    }

    @Override
    public Plan plan(ConvolutionDesc desc, Attr attr, Engine engine) {
        Support.requireF32("ref convolution", attr, desc.src(), desc.weights(), desc.bias(), desc.dst());
        ConvolutionDesc resolved = desc.withMemory(Support.orPlain(desc.src()), Support.orPlain(desc.weights()),
                Support.orDefault(desc.bias(), FormatTag.A), Support.orPlain(desc.dst()));
        Plan.Builder plan = Plan.builder(resolved)
                .input(Arg.SRC, resolved.src())
                .input(Arg.WEIGHTS, resolved.weights());
        if (resolved.hasBias()) {
            plan.input(Arg.BIAS, resolved.bias());
        }
        PostOpsRef.declareInputs(plan, attr);
        return plan.output(Arg.DST, resolved.dst()).kernel(() -> new ConvKernel(resolved, attr)).build();
    }

    /** The loops, with every table precomputed at creation. */
    private static final class ConvKernel implements Kernel {
        private final ConvolutionDesc d;
        private final Attr attr;
        private final long[][] src;
        private final long[][] dst;
        private final long[][] wei;
        private final long[] bias;
        private final long g;
        private final long icg;
        private final long ocg;
        private final long[] in = new long[3];
        private final long[] out = new long[3];
        private final long[] k = new long[3];
        private final long[] s = new long[3];
        private final long[] dil = new long[3];
        private final long[] pad = new long[3];

        ConvKernel(ConvolutionDesc d, Attr attr) {
            this.d = d;
            this.attr = attr;
            this.src = AxisTables.spatial5(d.src());
            this.dst = AxisTables.spatial5(d.dst());
            this.g = d.groups();
            this.icg = d.ic() / g;
            this.ocg = d.oc() / g;
            this.wei = weightTables(d.weights(), d.grouped(), d.spatialDims());
            this.bias = d.hasBias() ? AxisTables.of(d.bias(), 0) : null;
            for (int i = 0; i < 3; i++) {
                in[i] = AxisTables.spatialSize(d.src(), i);
                out[i] = AxisTables.spatialSize(d.dst(), i);
                k[i] = AxisTables.spatialParam(weightKernel(d), i, 1);
                s[i] = AxisTables.spatialParam(d.strides(), i, 1);
                dil[i] = AxisTables.spatialParam(d.dilations(), i, 0) + 1;
                pad[i] = AxisTables.spatialParam(d.padL(), i, 0);
            }
        }

        private static dev.jdnn.memory.Dims weightKernel(ConvolutionDesc d) {
            long[] kk = new long[d.spatialDims()];
            for (int i = 0; i < kk.length; i++) {
                kk[i] = d.kernel(i);
            }
            return dev.jdnn.memory.Dims.of(kk);
        }

        /** Weights as six axes G, OC, IC, KD, KH, KW (missing ones are {0}). */
        private static long[][] weightTables(MemoryDesc w, boolean grouped, int sp) {
            long[][] t = new long[6][];
            int first = grouped ? 1 : 0;
            t[0] = grouped ? AxisTables.of(w, 0) : new long[] {0};
            t[1] = AxisTables.of(w, first);
            t[2] = AxisTables.of(w, first + 1);
            for (int kk = 0; kk < 3; kk++) {
                int axis = kk - (3 - sp);
                t[3 + kk] = axis < 0 ? new long[] {0} : AxisTables.of(w, first + 2 + axis);
            }
            return t;
        }

        @Override
        public void execute(ExecContext ctx) {
            MemorySegment srcSeg = ctx.segment(Arg.SRC);
            MemorySegment weiSeg = ctx.segment(Arg.WEIGHTS);
            MemorySegment biasSeg = ctx.segment(Arg.BIAS);
            MemorySegment dstSeg = ctx.segment(Arg.DST);
            Padding.zero(dstSeg, d.dst());
            long mb = d.mb();
            long oc = d.oc();
            ctx.engine().parallelFor(mb * oc, (begin, end) -> {
                PostOpsRef post = new PostOpsRef(attr, d.dst(), ctx);
                long[] index = new long[d.dst().ndims()];
                for (long job = begin; job < end; job++) {
                    long n = job / oc;
                    long c = job % oc;
                    long group = c / ocg;
                    double b = bias == null ? 0 : biasSeg.getAtIndex(F32, bias[(int) c]);
                    for (long od = 0; od < out[0]; od++) {
                        for (long oh = 0; oh < out[1]; oh++) {
                            for (long ow = 0; ow < out[2]; ow++) {
                                double acc = b + sum(srcSeg, weiSeg, n, group, c % ocg, od, oh, ow);
                                long off = dst[0][(int) n] + dst[1][(int) c] + dst[2][(int) od] + dst[3][(int) oh]
                                        + dst[4][(int) ow];
                                AxisTables.fillIndex(index, n, c, od, oh, ow);
                                dstSeg.setAtIndex(F32, off, post.apply((float) acc, index, off));
                            }
                        }
                    }
                }
            });
        }

        private double sum(MemorySegment srcSeg, MemorySegment weiSeg, long n, long group, long ocInGroup,
                long od, long oh, long ow) {
            double acc = 0;
            long srcN = src[0][(int) n];
            long weiGO = wei[0][(int) group] + wei[1][(int) ocInGroup];
            for (long ic = 0; ic < icg; ic++) {
                long srcC = srcN + src[1][(int) (group * icg + ic)];
                long weiC = weiGO + wei[2][(int) ic];
                for (long kd = 0; kd < k[0]; kd++) {
                    long id = od * s[0] - pad[0] + kd * dil[0];
                    if (id < 0 || id >= in[0]) {
                        continue;
                    }
                    for (long kh = 0; kh < k[1]; kh++) {
                        long ih = oh * s[1] - pad[1] + kh * dil[1];
                        if (ih < 0 || ih >= in[1]) {
                            continue;
                        }
                        long srcDH = srcC + src[2][(int) id] + src[3][(int) ih];
                        long weiDH = weiC + wei[3][(int) kd] + wei[4][(int) kh];
                        for (long kw = 0; kw < k[2]; kw++) {
                            long iw = ow * s[2] - pad[2] + kw * dil[2];
                            if (iw < 0 || iw >= in[2]) {
                                continue;
                            }
                            acc += (double) srcSeg.getAtIndex(F32, srcDH + src[4][(int) iw])
                                    * weiSeg.getAtIndex(F32, weiDH + wei[5][(int) kw]);
                        }
                    }
                }
            }
            return acc;
        }
    }
}
