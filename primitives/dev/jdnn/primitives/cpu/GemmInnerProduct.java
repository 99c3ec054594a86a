package dev.jdnn.primitives.cpu;

import dev.jdnn.engines.Engine;
import dev.jdnn.engines.gemm.PackedB;
import dev.jdnn.engines.gemm.Sgemm;
import dev.jdnn.memory.DataType;
import dev.jdnn.memory.FormatTag;
import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.primitives.Arg;
import dev.jdnn.primitives.Attr;
import dev.jdnn.primitives.InnerProductDesc;
import dev.jdnn.primitives.PropKind;
import dev.jdnn.primitives.ref.PostOpsRef;
import dev.jdnn.primitives.spi.ExecContext;
import dev.jdnn.primitives.spi.Implementation;
import dev.jdnn.primitives.spi.Kernel;
import dev.jdnn.primitives.spi.Plan;
import dev.jdnn.primitives.spi.Support;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Inner product on the SGEMM core, the source's channel and spatial dims flattened into K in the
 * order they are dense in ({@link KOrder}); the weights must flatten the same way.
 * <pre>
 * forward            dst[MB, OC]        = src[MB, K] * W[OC, K]^T     (+ bias, scales, post-ops fused)
 * backward data      diff_src[MB, K]    = diff_dst[MB, OC] * W[OC, K]
 * backward weights   diff_W[OC, K]      = diff_dst[MB, OC]^T * src[MB, K];  diff_bias = column sums of diff_dst
 * </pre>
 * Forward weights given as {@code ANY} settle on the SGEMM's packed layout in the source's K order
 * ({@code Abcd<nr>a} for nchw, {@code Acdb<nr>a} for nhwc). Backward-data weights settle on the
 * packed layout of W itself (OC x K, blocked by {@code nr} input channels), as oneDNN's primitive
 * picks its own layout for them: {@code Ba<nr>b} (or {@code Bcda<nr>b} with 1 x 1 spatial dims);
 * with spatial extent only when the channels are innermost in K and a multiple of {@code nr}
 * ({@code cdBa<nr>b} for nhwc; a source given as {@code ANY} with such weights is then channels
 * last), since a panel of channel-and-spatial columns flattened otherwise is no format tag. Other
 * backward weights are plain in the source's K order.
 */
public final class GemmInnerProduct implements Implementation<InnerProductDesc> {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;

    @Override
    public String name() {
        return "gemm:" + Sgemm.kernelName();
    }

    @Override
    public Plan plan(InnerProductDesc desc, Attr attr, Engine engine) {
        String name = name();
        Support.requireF32(name, attr, desc.src(), desc.weights(), desc.bias(), desc.dst());
        long k = desc.ic() * desc.spatial();
        if (desc.mb() > Integer.MAX_VALUE || desc.oc() > Integer.MAX_VALUE || k > Integer.MAX_VALUE) {
            throw JdnnException.unimplemented(name + ": dims beyond 2^31");
        }
        boolean backwardData = desc.propKind() == PropKind.BACKWARD_DATA;
        int ndims = desc.src().ndims();
        // backward data with spatial extent reads W packed only with the channels innermost in K and a
        // multiple of nr of them: each panel of nr flattened columns is then nr channels at one point
        boolean channelsLastPacks = ndims > 2 && desc.ic() % PackedB.panelWidth() == 0;
        KOrder channelsLast = channelsLast(ndims);
        // the K order comes from the data, or from the weights when only they are given (with neither,
        // backward data picks channels last where that lets it pack W)
        MemoryDesc data = desc.src().isAny() && !desc.weights().isAny() && KOrder.of(desc.weights()) != null
                ? KOrder.of(desc.weights()).plain(desc.src().dims(), DataType.F32)
                : desc.src().isAny() && desc.weights().isAny() && backwardData && desc.spatial() > 1 && channelsLastPacks
                ? channelsLast.plain(desc.src().dims(), DataType.F32)
                : Support.orPlain(desc.src());
        KOrder order = KOrder.of(data);
        if (order == null) {
            throw JdnnException.unimplemented(name + ": " + desc.src() + " is not dense in its channel and spatial dims");
        }
        MemoryDesc dst = Support.orPlain(desc.dst());
        MemoryDesc bias = Support.orDefault(desc.bias(), FormatTag.A);
        boolean forward = desc.propKind().isForward();
        long[] weiDims = desc.weights().dims();
        // the GEMM's B pre-packed: W^T (K x OC) forward, W (OC x K) for backward data as above
        boolean packsBackward = backwardData
                && (desc.spatial() == 1 || channelsLastPacks && order.equals(channelsLast));
        MemoryDesc packedWei = forward ? PackedWeights.desc(weiDims, 0, order.dims())
                : packsBackward ? PackedWeights.desc(weiDims, 1, new int[] {0}) : null;
        MemoryDesc wei = !desc.weights().isAny() ? desc.weights()
                : packedWei != null ? packedWei : order.plain(weiDims, DataType.F32);
        boolean packed = packedWei != null && wei.equals(packedWei);
        if (!packed && !order.isDenseIn(wei)) {
            throw JdnnException.unimplemented(name + ": weights " + wei + " do not flatten like " + data + " (" + order + ")");
        }
        InnerProductDesc d = desc.withMemory(data, wei, bias, dst);
        Shape shape = new Shape((int) d.mb(), (int) d.oc(), (int) k, packed);
        return switch (d.propKind()) {
            case FORWARD_TRAINING, FORWARD_INFERENCE -> planForward(name, d, shape, attr);
            case BACKWARD_DATA -> planBackwardData(name, d, shape);
            case BACKWARD_WEIGHTS -> planBackwardWeights(name, d, shape);
            default -> throw JdnnException.unimplemented(name + ": " + d.propKind());
        };
    }

    /** Channels innermost in K: dims 2.. in order, then 1 (nwc, nhwc, ndhwc). */
    private static KOrder channelsLast(int ndims) {
        int[] dims = new int[ndims - 1];
        for (int i = 0; i < ndims - 2; i++) {
            dims[i] = i + 2;
        }
        dims[ndims - 2] = 1;
        return new KOrder(dims);
    }

    /** GEMM sizes: M = minibatch, the K of the reduction, OC; whether the weights are packed (forward, backward data). */
    private record Shape(int mb, int oc, int k, boolean packed) {
    }

    private Plan planForward(String name, InnerProductDesc d, Shape s, Attr attr) {
        MatrixView c = MatrixView.of(d.dst(), 0, 1);
        if (c == null || !c.rowMajor()) {
            throw JdnnException.unimplemented(name + ": dst " + d.dst() + " is not row-major");
        }
        MemoryDesc biasView = d.hasBias() ? MemoryDesc.ofStrides(new long[] {1, s.oc}, DataType.F32,
                new long[] {s.oc * d.bias().stride(0), d.bias().stride(0)}) : null;
        FusedEpilogue.Plan epilogue = FusedEpilogue.plan(name, attr, d.dst(), biasView, 0, 1);
        Plan.Builder plan = Plan.builder(d).input(Arg.SRC, d.src()).input(Arg.WEIGHTS, d.weights());
        if (d.hasBias()) {
            plan.input(Arg.BIAS, d.bias());
        }
        PostOpsRef.declareInputs(plan, attr);
        return plan.output(Arg.DST, d.dst()).kernel(() -> new ForwardKernel(d, s, c.ld(), epilogue)).build();
    }

    private Plan planBackwardData(String name, InnerProductDesc d, Shape s) {
        MatrixView a = MatrixView.of(d.dst(), 0, 1);
        if (a == null) {
            throw JdnnException.unimplemented(name + ": diff_dst " + d.dst() + " is not a GEMM operand");
        }
        long ldc = KOrder.leadingDimension(d.src(), s.k);
        Plan.Builder plan = Plan.builder(d).input(Arg.DIFF_DST, d.dst()).input(Arg.WEIGHTS, d.weights())
                .output(Arg.DIFF_SRC, d.src());
        if (s.packed) {
            // W (OC x K) pre-packed; its view cached per memory, as forward's
            return plan.kernel(() -> {
                PackedWeights packed = new PackedWeights();
                return ctx -> Sgemm.sgemm(ctx.engine(), a.trans(), s.mb, 1f, ctx.segment(Arg.DIFF_DST), 0, a.ld(),
                        packed.view(ctx.segment(Arg.WEIGHTS), s.oc, s.k), 0f, ctx.segment(Arg.DIFF_SRC), 0, ldc);
            }).build();
        }
        return plan.kernel(() -> ctx -> Sgemm.sgemm(ctx.engine(), a.trans(), false, s.mb, s.k, s.oc, 1f,
                        ctx.segment(Arg.DIFF_DST), 0, a.ld(), ctx.segment(Arg.WEIGHTS), 0,
                        KOrder.leadingDimension(d.weights(), s.k), 0f, ctx.segment(Arg.DIFF_SRC), 0, ldc))
                .build();
    }

    private Plan planBackwardWeights(String name, InnerProductDesc d, Shape s) {
        // op(A) = diff_dst^T: OC x MB, i.e. diff_dst's (dim 1, dim 0) slice
        MatrixView a = MatrixView.of(d.dst(), 1, 0);
        if (a == null) {
            throw JdnnException.unimplemented(name + ": diff_dst " + d.dst() + " is not a GEMM operand");
        }
        Plan.Builder plan = Plan.builder(d).input(Arg.SRC, d.src()).input(Arg.DIFF_DST, d.dst())
                .output(Arg.DIFF_WEIGHTS, d.weights());
        if (d.hasBias()) {
            plan.output(Arg.DIFF_BIAS, d.bias());
        }
        return plan.kernel(() -> new BackwardWeightsKernel(d, s, a)).build();
    }

    /** dst = src * W^T with the epilogue; the packed weights' view is cached per memory. */
    private static final class ForwardKernel implements Kernel {
        private final InnerProductDesc d;
        private final Shape s;
        private final long ldc;
        private final FusedEpilogue.Plan plan;
        private final PackedWeights packed = new PackedWeights();
        private final ThreadLocal<FusedEpilogue> epilogue;
        private final long[] noBatch = new long[2];

        ForwardKernel(InnerProductDesc d, Shape s, long ldc, FusedEpilogue.Plan plan) {
            this.d = d;
            this.s = s;
            this.ldc = ldc;
            this.plan = plan;
            this.epilogue = ThreadLocal.withInitial(() -> plan.isEmpty() ? null : new FusedEpilogue(plan));
        }

        @Override
        public void execute(ExecContext ctx) {
            FusedEpilogue epi = epilogue.get();
            if (epi != null) {
                epi.bind(ctx.args(), noBatch);
            }
            MemorySegment src = ctx.segment(Arg.SRC);
            MemorySegment wei = ctx.segment(Arg.WEIGHTS);
            MemorySegment dst = ctx.segment(Arg.DST);
            long lda = KOrder.leadingDimension(d.src(), s.k);
            if (s.packed) {
                PackedB pb = packed.view(wei, s.k, s.oc);
                Sgemm.sgemm(ctx.engine(), false, s.mb, plan.alpha, src, 0, lda, pb, plan.beta, dst, 0, ldc, epi);
            } else {
                Sgemm.sgemm(ctx.engine(), false, true, s.mb, s.oc, s.k, plan.alpha, src, 0, lda, wei, 0,
                        KOrder.leadingDimension(d.weights(), s.k), plan.beta, dst, 0, ldc, epi);
            }
        }
    }

    /** diff_W = diff_dst^T * src, then diff_bias as the column sums of diff_dst. */
    private static final class BackwardWeightsKernel implements Kernel {
        private final InnerProductDesc d;
        private final Shape s;
        private final MatrixView a;
        private final ThreadLocal<float[][]> rows;

        BackwardWeightsKernel(InnerProductDesc d, Shape s, MatrixView a) {
            this.d = d;
            this.s = s;
            this.a = a;
            this.rows = ThreadLocal.withInitial(() -> new float[][] {new float[s.oc], new float[s.oc]});
        }

        @Override
        public void execute(ExecContext ctx) {
            MemorySegment diffDst = ctx.segment(Arg.DIFF_DST);
            Sgemm.sgemm(ctx.engine(), a.trans(), false, s.oc, s.k, s.mb, 1f, diffDst, 0, a.ld(), ctx.segment(Arg.SRC), 0,
                    KOrder.leadingDimension(d.src(), s.k), 0f, ctx.segment(Arg.DIFF_WEIGHTS), 0,
                    KOrder.leadingDimension(d.weights(), s.k));
            MemorySegment diffBias = ctx.segment(Arg.DIFF_BIAS);
            if (diffBias != null) {
                sumColumns(diffDst, diffBias);
            }
        }

        /** diff_bias[o] = sum over n of diff_dst[n][o], row by row (contiguous when diff_dst is row-major). */
        private void sumColumns(MemorySegment diffDst, MemorySegment diffBias) {
            float[][] buf = rows.get();
            float[] acc = buf[0];
            float[] row = buf[1];
            java.util.Arrays.fill(acc, 0f);
            MemoryDesc dd = d.dst();
            long sn = dd.stride(0);
            long so = dd.stride(1);
            for (int n = 0; n < s.mb; n++) {
                if (so == 1) {
                    MemorySegment.copy(diffDst, F32, n * sn * 4, row, 0, s.oc);
                } else {
                    for (int o = 0; o < s.oc; o++) {
                        row[o] = diffDst.getAtIndex(F32, n * sn + o * so);
                    }
                }
                RowOps.addScaled(acc, 0, row, 0, s.oc, 1f);
            }
            long sb = d.bias().stride(0);
            for (int o = 0; o < s.oc; o++) {
                diffBias.setAtIndex(F32, o * sb, acc[o]);
            }
        }
    }
}
