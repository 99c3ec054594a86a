package dev.jdnn.primitives.ref;

import dev.jdnn.engines.Engine;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.primitives.Arg;
import dev.jdnn.primitives.Attr;
import dev.jdnn.primitives.MatMulDesc;
import dev.jdnn.primitives.spi.ExecContext;
import dev.jdnn.primitives.spi.Implementation;
import dev.jdnn.primitives.spi.Kernel;
import dev.jdnn.primitives.spi.Plan;
import dev.jdnn.primitives.spi.Support;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Reference matmul: dot products summed in double over any layout (strided or transposed operands
 * included), batch and bias broadcast over dims of size 1. Parallel over (batch, row).
 */
public final class RefMatMul implements Implementation<MatMulDesc> {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;

    @Override
    public String name() {
        return "ref";
    }

    @Override
    public Plan plan(MatMulDesc desc, Attr attr, Engine engine) {
        Support.requireF32("ref matmul", attr, desc.src(), desc.weights(), desc.bias(), desc.dst());
        MatMulDesc resolved = desc.withMemory(Support.orPlain(desc.src()), Support.orPlain(desc.weights()),
                Support.orPlain(desc.bias()), Support.orPlain(desc.dst()));
        Plan.Builder plan = Plan.builder(resolved)
                .input(Arg.SRC, resolved.src())
                .input(Arg.WEIGHTS, resolved.weights());
        if (resolved.hasBias()) {
            plan.input(Arg.BIAS, resolved.bias());
        }
        PostOpsRef.declareInputs(plan, attr);
        return plan.output(Arg.DST, resolved.dst()).kernel(() -> new MatMulKernel(resolved, attr)).build();
    }

    private static final class MatMulKernel implements Kernel {
        private final MatMulDesc d;
        private final Attr attr;
        private final long[][] src;
        private final long[][] wei;
        private final long[][] dst;
        private final long[][] bias;

        MatMulKernel(MatMulDesc d, Attr attr) {
            this.d = d;
            this.attr = attr;
            this.src = tables(d.src());
            this.wei = tables(d.weights());
            this.dst = tables(d.dst());
            this.bias = d.hasBias() ? tables(d.bias()) : null;
        }

        private static long[][] tables(MemoryDesc md) {
            long[][] t = new long[md.ndims()][];
            for (int i = 0; i < t.length; i++) {
                t[i] = AxisTables.of(md, i);
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
            int nd = d.ndims();
            long m = d.m();
            long n = d.n();
            long k = d.k();
            ctx.engine().parallelFor(d.batch() * m, (begin, end) -> {
                PostOpsRef post = new PostOpsRef(attr, d.dst(), ctx);
                long[] index = new long[nd];
                for (long row = begin; row < end; row++) {
                    decodeBatch(index, row / m);
                    int mi = (int) (row % m);
                    index[nd - 2] = mi;
                    long srcRow = batchOffset(src, d.src(), index) + src[nd - 2][mi];
                    long weiBatch = batchOffset(wei, d.weights(), index);
                    long dstRow = batchOffset(dst, d.dst(), index) + dst[nd - 2][mi];
                    for (int ni = 0; ni < n; ni++) {
                        double acc = 0;
                        long weiCol = weiBatch + wei[nd - 1][ni];
                        for (int ki = 0; ki < k; ki++) {
                            acc += (double) srcSeg.getAtIndex(F32, srcRow + src[nd - 1][ki])
                                    * weiSeg.getAtIndex(F32, weiCol + wei[nd - 2][ki]);
                        }
                        index[nd - 1] = ni;
                        if (bias != null) {
                            acc += biasSeg.getAtIndex(F32, broadcastOffset(bias, d.bias(), index));
                        }
                        long off = dstRow + dst[nd - 1][ni];
                        dstSeg.setAtIndex(F32, off, post.apply((float) acc, index, off));
                    }
                }
            });
        }

        /** Writes the dst batch index number {@code b} (row-major over dst's batch dims) into {@code index}. */
        private void decodeBatch(long[] index, long b) {
            for (int i = d.ndims() - 3; i >= 0; i--) {
                long size = d.dst().dim(i);
                index[i] = b % size;
                b /= size;
            }
        }

        /** Offset of the batch part of {@code index} in an operand, broadcasting its dims of size 1. */
        private long batchOffset(long[][] t, MemoryDesc md, long[] index) {
            long off = 0;
            for (int i = 0; i < d.ndims() - 2; i++) {
                off += t[i][md.dim(i) == 1 ? 0 : (int) index[i]];
            }
            return off;
        }

        private static long broadcastOffset(long[][] t, MemoryDesc md, long[] index) {
            long off = 0;
            for (int i = 0; i < index.length; i++) {
                off += t[i][md.dim(i) == 1 ? 0 : (int) index[i]];
            }
            return off;
        }
    }
}
