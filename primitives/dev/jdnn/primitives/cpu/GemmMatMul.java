package dev.jdnn.primitives.cpu;

import dev.jdnn.engines.Engine;
import dev.jdnn.engines.gemm.PackedB;
import dev.jdnn.engines.gemm.Sgemm;
import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.primitives.Arg;
import dev.jdnn.primitives.Attr;
import dev.jdnn.primitives.MatMulDesc;
import dev.jdnn.primitives.ref.PostOpsRef;
import dev.jdnn.primitives.spi.ExecContext;
import dev.jdnn.primitives.spi.Implementation;
import dev.jdnn.primitives.spi.Kernel;
import dev.jdnn.primitives.spi.Plan;
import dev.jdnn.primitives.spi.Support;
import java.lang.foreign.MemorySegment;

/**
 * MatMul on the SGEMM core: one GEMM per batch (batches in parallel when each is too small to
 * share; many small ones from memory in staged runs, C written to a cached buffer first, see
 * {@link BatchStaging}), transposed operands
 * read through their strides, bias, output scales and post-ops fused into the GEMM's epilogue on
 * each finished tile. Weights given as {@code ANY} (and the same for
 * every batch) settle on the SGEMM's pre-packed layout, so execution never packs them.
 *
 * <p>Refuses (the reference then runs) layouts that are not GEMM operands (blocked, or neither dim
 * of unit stride), a dst that is not row-major, and attributes the epilogue cannot fuse.
 */
public final class GemmMatMul implements Implementation<MatMulDesc> {
    /** Below this many multiply-adds per batch, batches are spread over threads instead. */
    private static final long SHARED_GEMM_MIN_MACS = 1L << 18;
    /** Above this many multiply-adds per batch, each GEMM is shared by all threads. */
    private static final long BATCH_PARALLEL_MAX_MACS = 1L << 26;

    @Override
    public String name() {
        return "gemm:" + Sgemm.kernelName();
    }

    @Override
    public Plan plan(MatMulDesc desc, Attr attr, Engine engine) {
        String name = name();
        Support.requireF32(name, attr, desc.src(), desc.weights(), desc.bias(), desc.dst());
        int r = desc.ndims();
        MemoryDesc src = Support.orPlain(desc.src());
        MemoryDesc dst = Support.orPlain(desc.dst());
        MemoryDesc bias = Support.orPlain(desc.bias());
        MemoryDesc wei = desc.weights().isAny() ? anyWeights(desc.weights(), r) : desc.weights();
        MatMulDesc d = desc.withMemory(src, wei, bias, dst);
        Gemm gemm = Gemm.of(name, d);
        FusedEpilogue.Plan epilogue = FusedEpilogue.plan(name, attr, dst, bias, r - 2, r - 1);
        Plan.Builder plan = Plan.builder(d).input(Arg.SRC, src).input(Arg.WEIGHTS, wei);
        if (bias != null) {
            plan.input(Arg.BIAS, bias);
        }
        PostOpsRef.declareInputs(plan, attr);
        return plan.output(Arg.DST, dst).kernel(() -> new MatMulKernel(d, gemm, epilogue)).build();
    }

    /** Packed when every batch multiplies the same weights, else row-major. */
    private static MemoryDesc anyWeights(MemoryDesc weights, int r) {
        return MatrixView.variesByBatch(weights) ? weights.withFormat(dev.jdnn.memory.FormatTag.plain(r))
                : PackedWeights.desc(weights.dims(), r - 1, new int[] {r - 2});
    }

    /** The GEMM of one batch: operand views and sizes, fixed for the primitive. */
    private record Gemm(int m, int n, int k, MatrixView a, MatrixView b, boolean packed, MatrixView c) {
        static Gemm of(String name, MatMulDesc d) {
            int r = d.ndims();
            if (d.m() > Integer.MAX_VALUE || d.n() > Integer.MAX_VALUE || d.k() > Integer.MAX_VALUE) {
                throw JdnnException.unimplemented(name + ": matrices of more than 2^31 rows or columns");
            }
            MatrixView a = MatrixView.of(d.src(), r - 2, r - 1);
            MatrixView c = MatrixView.of(d.dst(), r - 2, r - 1);
            boolean packed = d.weights().equals(PackedWeights.desc(d.weights().dims(), r - 1, new int[] {r - 2}));
            MatrixView b = packed ? null : MatrixView.of(d.weights(), r - 2, r - 1);
            if (a == null || (b == null && !packed)) {
                throw JdnnException.unimplemented(name + ": src " + d.src() + " or weights " + d.weights()
                        + " is not a GEMM operand (a layout with a unit stride along rows or columns)");
            }
            if (c == null || !c.rowMajor()) {
                throw JdnnException.unimplemented(name + ": dst " + d.dst() + " is not row-major");
            }
            return new Gemm((int) d.m(), (int) d.n(), (int) d.k(), a, b, packed, c);
        }
    }

    /** Executes the batches; allocation-free for a single batch. */
    private static final class MatMulKernel implements Kernel {
        private final MatMulDesc d;
        private final Gemm g;
        private final FusedEpilogue.Plan epilogue;
        private final PackedWeights packed = new PackedWeights();
        private final ThreadLocal<BatchState> state;
        /** How runs of batches stage their operands (null: each batch reads them in place). */
        private final BatchStaging staging;

        MatMulKernel(MatMulDesc d, Gemm g, FusedEpilogue.Plan epilogue) {
            this.d = d;
            this.g = g;
            this.epilogue = epilogue;
            this.staging = BatchStaging.of(d, g.m, g.n, g.k, g.a, g.b, g.packed, g.c, epilogue.beta != 0);
            this.state = ThreadLocal.withInitial(() -> new BatchState(d.ndims(), epilogue));
        }

        @Override
        public void execute(ExecContext ctx) {
            long batches = d.batch();
            if (batches == 1) {
                runBatch(ctx, 0);
            } else if (!batchesInParallel(batches, (long) g.m * g.n * g.k, ctx.engine().threads())) {
                runBatches(ctx, 0, batches);
            } else {
                ctx.engine().parallelFor(batches, (b0, b1) -> runBatches(ctx, b0, b1));
            }
        }

        /** Batches [b0, b1) one after another, in staged runs where {@link #staging} says so. */
        private void runBatches(ExecContext ctx, long b0, long b1) {
            if (staging == null || b1 - b0 < 2 || BatchStaging.off) {
                for (long b = b0; b < b1; b++) {
                    runBatch(ctx, b);
                }
                return;
            }
            runStaged(ctx, b0, b1);
        }

        /**
         * Batches [b0, b1) in runs, as {@link #staging} plans: a run's A and B first copied, back to
         * back, and its GEMMs reading the copies; its C written to a staging segment, then copied to dst.
         */
        private void runStaged(ExecContext ctx, long b0, long b1) {
            BatchState st = state.get();
            MemorySegment src = ctx.segment(Arg.SRC);
            MemorySegment wei = ctx.segment(Arg.WEIGHTS);
            MemorySegment dst = ctx.segment(Arg.DST);
            MemorySegment staged = staging.stagesA() || staging.stagesB() ? staging.buffer() : null;
            MemorySegment stagedC = staging.stagesC() ? staging.cBuffer() : null;
            for (long r0 = b0; r0 < b1; r0 += staging.run()) {
                long r1 = Math.min(b1, r0 + staging.run());
                if (staged != null) {
                    for (long b = r0; b < r1; b++) {
                        setIndex(st.index, b);
                        staging.stage(staged, (int) (b - r0), src, batchOffset(d.src(), st.index), wei,
                                batchOffset(d.weights(), st.index));
                    }
                }
                for (long b = r0; b < r1; b++) {
                    setIndex(st.index, b);
                    int slot = (int) (b - r0);
                    MemorySegment a = staging.stagesA() ? staged : src;
                    long aOff = staging.stagesA() ? staging.aAt(slot) : batchOffset(d.src(), st.index);
                    MemorySegment w = staging.stagesB() ? staged : wei;
                    long bOff = staging.stagesB() ? staging.bAt(slot) : batchOffset(d.weights(), st.index);
                    MemorySegment c = stagedC != null ? stagedC : dst;
                    long cOff = stagedC != null ? staging.cAt(slot) : batchOffset(d.dst(), st.index);
                    gemm(ctx, st, a, aOff, w, bOff, c, cOff);
                }
                if (stagedC != null) {
                    for (long b = r0; b < r1; b++) {
                        setIndex(st.index, b);
                        staging.unstageC(stagedC, (int) (b - r0), dst, batchOffset(d.dst(), st.index));
                    }
                }
            }
        }

        /**
         * Whether the batches go to the threads whole (each GEMM on one thread) rather than one after
         * another with every thread on each GEMM: always for GEMMs too small to share; for bigger
         * ones when the batches split evenly enough (the slowest thread at most 1.25x the average)
         * and each GEMM is not so big that one thread's caches cannot hold its blocks. One parallel
         * region instead of one per GEMM (1536 x 128x128x64 on 2 threads: 128 -> 180 GFLOP/s).
         */
        private static boolean batchesInParallel(long batches, long macs, int threads) {
            if (threads == 1) {
                return false;
            }
            if (macs < SHARED_GEMM_MIN_MACS) {
                return true;
            }
            double imbalance = Math.ceil((double) batches / threads) * threads / batches;
            return imbalance <= 1.25 && macs <= BATCH_PARALLEL_MAX_MACS;
        }

        /** The GEMM of batch number {@code b} (row-major over dst's batch dims). */
        private void runBatch(ExecContext ctx, long b) {
            BatchState st = state.get();
            setIndex(st.index, b);
            MemorySegment src = ctx.segment(Arg.SRC);
            MemorySegment wei = ctx.segment(Arg.WEIGHTS);
            gemm(ctx, st, src, batchOffset(d.src(), st.index), wei, batchOffset(d.weights(), st.index),
                    ctx.segment(Arg.DST), batchOffset(d.dst(), st.index));
        }

        /** Batch number {@code b} as an index over dst's batch dims (row-major). */
        private void setIndex(long[] index, long b) {
            for (int i = d.ndims() - 3; i >= 0; i--) {
                long size = d.dst().dim(i);
                index[i] = b % size;
                b /= size;
            }
        }

        /** The GEMM of the batch at {@code st.index}, A, B and C at the given places. */
        private void gemm(ExecContext ctx, BatchState st, MemorySegment src, long aOff, MemorySegment wei, long bOff,
                MemorySegment dst, long cOff) {
            long[] index = st.index;
            FusedEpilogue epi = st.epilogue == null ? null : st.epilogue.bind(ctx.args(), index);
            if (g.packed) {
                PackedB pb = packed.view(wei, g.k, g.n);
                Sgemm.sgemm(ctx.engine(), g.a.trans(), g.m, epilogue.alpha, src, aOff, g.a.ld(), pb, epilogue.beta,
                        dst, cOff, g.c.ld(), epi);
            } else {
                Sgemm.sgemm(ctx.engine(), g.a.trans(), g.b.trans(), g.m, g.n, g.k, epilogue.alpha, src, aOff, g.a.ld(),
                        wei, bOff, g.b.ld(), epilogue.beta, dst, cOff, g.c.ld(), epi);
            }
        }

        /** Offset of the batch part of {@code index} in an operand, broadcasting its dims of size 1. */
        private long batchOffset(MemoryDesc md, long[] index) {
            long off = 0;
            for (int i = 0; i < d.ndims() - 2; i++) {
                if (md.dim(i) != 1) {
                    off += index[i] * md.stride(i);
                }
            }
            return off;
        }
    }

    /** Per-thread state of a batch: its index and the epilogue bound to it. */
    private static final class BatchState {
        final long[] index;
        final FusedEpilogue epilogue;

        BatchState(int ndims, FusedEpilogue.Plan plan) {
            this.index = new long[ndims];
            this.epilogue = plan.isEmpty() ? null : new FusedEpilogue(plan);
        }
    }
}
