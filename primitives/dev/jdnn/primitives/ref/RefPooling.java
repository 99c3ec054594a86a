package dev.jdnn.primitives.ref;

import dev.jdnn.engines.Engine;
import dev.jdnn.memory.DataType;
import dev.jdnn.memory.FormatTag;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.primitives.Arg;
import dev.jdnn.primitives.Attr;
import dev.jdnn.primitives.PoolingAlg;
import dev.jdnn.primitives.PoolingDesc;
import dev.jdnn.primitives.spi.ExecContext;
import dev.jdnn.primitives.spi.Implementation;
import dev.jdnn.primitives.spi.Kernel;
import dev.jdnn.primitives.spi.Plan;
import dev.jdnn.primitives.spi.Support;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Reference forward pooling over any layout, parallel over (minibatch, channel). Max pooling in
 * training writes an s32 workspace with dst's dims and plain layout: the position of the maximum
 * inside the window, {@code (kd * KH + kh) * KW + kw}, as oneDNN does.
 */
public final class RefPooling implements Implementation<PoolingDesc> {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfInt S32 = ValueLayout.JAVA_INT_UNALIGNED;

    @Override
    public String name() {
        return "ref";
    }

    /** The workspace layout of a max pooling in training: s32, dst's dims, row-major. */
    public static MemoryDesc workspaceDesc(MemoryDesc dst) {
        return MemoryDesc.of(dst.dims(), DataType.S32, FormatTag.plain(dst.ndims()));
    }

    @Override
    public Plan plan(PoolingDesc desc, Attr attr, Engine engine) {
        Support.requireF32("ref pooling", attr, desc.src(), desc.dst());
        PoolingDesc resolved = desc.withMemory(Support.orPlain(desc.src()), Support.orPlain(desc.dst()));
        Plan.Builder plan = Plan.builder(resolved).input(Arg.SRC, resolved.src());
        PostOpsRef.declareInputs(plan, attr);
        plan.output(Arg.DST, resolved.dst());
        if (resolved.needsWorkspace()) {
            plan.output(Arg.WORKSPACE, workspaceDesc(resolved.dst()));
        }
        return plan.kernel(() -> new PoolKernel(resolved, attr)).build();
    }

    private static final class PoolKernel implements Kernel {
        private final PoolingDesc d;
        private final Attr attr;
        private final long[][] src;
        private final long[][] dst;
        private final long[][] ws;
        private final long[] in = new long[3];
        private final long[] out = new long[3];
        private final long[] k = new long[3];
        private final long[] s = new long[3];
        private final long[] dil = new long[3];
        private final long[] pad = new long[3];

        PoolKernel(PoolingDesc d, Attr attr) {
            this.d = d;
            this.attr = attr;
            this.src = AxisTables.spatial5(d.src());
            this.dst = AxisTables.spatial5(d.dst());
            this.ws = d.needsWorkspace() ? AxisTables.spatial5(workspaceDesc(d.dst())) : null;
            for (int i = 0; i < 3; i++) {
                in[i] = AxisTables.spatialSize(d.src(), i);
                out[i] = AxisTables.spatialSize(d.dst(), i);
                k[i] = AxisTables.spatialParam(d.kernel(), i, 1);
                s[i] = AxisTables.spatialParam(d.strides(), i, 1);
                dil[i] = AxisTables.spatialParam(d.dilations(), i, 0) + 1;
                pad[i] = AxisTables.spatialParam(d.padL(), i, 0);
            }
        }

        @Override
        public void execute(ExecContext ctx) {
            MemorySegment srcSeg = ctx.segment(Arg.SRC);
            MemorySegment dstSeg = ctx.segment(Arg.DST);
            MemorySegment wsSeg = ctx.segment(Arg.WORKSPACE);
            Padding.zero(dstSeg, d.dst());
            long channels = d.src().dim(1);
            ctx.engine().parallelFor(d.src().dim(0) * channels, (begin, end) -> {
                PostOpsRef post = new PostOpsRef(attr, d.dst(), ctx);
                long[] index = new long[d.dst().ndims()];
                for (long job = begin; job < end; job++) {
                    long n = job / channels;
                    long c = job % channels;
                    long base = src[0][(int) n] + src[1][(int) c];
                    for (long od = 0; od < out[0]; od++) {
                        for (long oh = 0; oh < out[1]; oh++) {
                            for (long ow = 0; ow < out[2]; ow++) {
                                long off = dst[0][(int) n] + dst[1][(int) c] + dst[2][(int) od] + dst[3][(int) oh]
                                        + dst[4][(int) ow];
                                float v;
                                if (d.alg() == PoolingAlg.MAX) {
                                    long tap = maxTap(srcSeg, base, od, oh, ow);
                                    v = tap < 0 ? -Float.MAX_VALUE : srcSeg.getAtIndex(F32, tapOffset(base, tap, od, oh, ow));
                                    if (wsSeg != null) {
                                        long wsOff = ws[0][(int) n] + ws[1][(int) c] + ws[2][(int) od]
                                                + ws[3][(int) oh] + ws[4][(int) ow];
                                        wsSeg.setAtIndex(S32, wsOff, (int) Math.max(tap, 0));
                                    }
                                } else {
                                    v = average(srcSeg, base, od, oh, ow);
                                }
                                AxisTables.fillIndex(index, n, c, od, oh, ow);
                                dstSeg.setAtIndex(F32, off, post.apply(v, index, off));
                            }
                        }
                    }
                }
            });
        }

        /** Input coordinate of tap {@code kk} on normalized axis {@code a}, for output point {@code o}. */
        private long coordinate(int a, long o, long kk) {
            return o * s[a] - pad[a] + kk * dil[a];
        }

        /**
         * The window position {@code (kd * KH + kh) * KW + kw} of the first maximum among the taps
         * inside the input, or -1 if the window lies wholly in the padding.
         */
        private long maxTap(MemorySegment srcSeg, long base, long od, long oh, long ow) {
            long best = -1;
            float bestValue = 0;
            for (long kd = 0; kd < k[0]; kd++) {
                long id = coordinate(0, od, kd);
                if (id < 0 || id >= in[0]) {
                    continue;
                }
                for (long kh = 0; kh < k[1]; kh++) {
                    long ih = coordinate(1, oh, kh);
                    if (ih < 0 || ih >= in[1]) {
                        continue;
                    }
                    for (long kw = 0; kw < k[2]; kw++) {
                        long iw = coordinate(2, ow, kw);
                        if (iw < 0 || iw >= in[2]) {
                            continue;
                        }
                        float v = srcSeg.getAtIndex(F32, base + src[2][(int) id] + src[3][(int) ih] + src[4][(int) iw]);
                        if (best < 0 || v > bestValue) {
                            best = (kd * k[1] + kh) * k[2] + kw;
                            bestValue = v;
                        }
                    }
                }
            }
            return best;
        }

        private long tapOffset(long base, long tap, long od, long oh, long ow) {
            long kw = tap % k[2];
            long kh = tap / k[2] % k[1];
            long kd = tap / (k[2] * k[1]);
            return base + src[2][(int) coordinate(0, od, kd)] + src[3][(int) coordinate(1, oh, kh)]
                    + src[4][(int) coordinate(2, ow, kw)];
        }

        /** Window sum over the taps inside the input, divided as the algorithm says. */
        private float average(MemorySegment srcSeg, long base, long od, long oh, long ow) {
            double sum = 0;
            long inside = 0;
            for (long kd = 0; kd < k[0]; kd++) {
                long id = coordinate(0, od, kd);
                if (id < 0 || id >= in[0]) {
                    continue;
                }
                for (long kh = 0; kh < k[1]; kh++) {
                    long ih = coordinate(1, oh, kh);
                    if (ih < 0 || ih >= in[1]) {
                        continue;
                    }
                    for (long kw = 0; kw < k[2]; kw++) {
                        long iw = coordinate(2, ow, kw);
                        if (iw < 0 || iw >= in[2]) {
                            continue;
                        }
                        sum += srcSeg.getAtIndex(F32, base + src[2][(int) id] + src[3][(int) ih] + src[4][(int) iw]);
                        inside++;
                    }
                }
            }
            long divisor = d.alg() == PoolingAlg.AVG_INCLUDE_PADDING ? k[0] * k[1] * k[2] : inside;
            return divisor == 0 ? 0f : (float) (sum / divisor);
        }
    }
}
