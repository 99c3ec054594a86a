package dev.jdnn.primitives.cpu;

import dev.jdnn.engines.gemm.GemmEpilogue;
import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.primitives.Arg;
import dev.jdnn.primitives.Args;
import dev.jdnn.primitives.Attr;
import dev.jdnn.primitives.BinaryAlg;
import dev.jdnn.primitives.OutputScales;
import dev.jdnn.primitives.PostOp;
import dev.jdnn.primitives.kernels.EltwiseKernel;
import dev.jdnn.primitives.kernels.RowBroadcastKernel;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * A GEMM-based primitive's bias, output scales and post-ops, applied to each finished strip of C
 * by the SGEMM ({@link GemmEpilogue}) while the strip is in cache, instead of in a second pass over
 * memory.
 *
 * <p>The GEMM itself computes {@code alpha * A * B + beta * C}: a common output scale is its alpha
 * and a leading sum post-op its beta ({@link #alpha}, {@link #beta}). The steps left here run in
 * the attribute's order on each block: the bias (times the common scale), per-column
 * scales, then the remaining eltwise and binary post-ops.
 *
 * <p>One instance per thread that starts GEMMs: {@link #bind} sets the memories and batch of the
 * coming call; the SGEMM's worker threads then only read that state. Rows held in a memory
 * segment are staged through a per-thread buffer.
 */
final class FusedEpilogue implements GemmEpilogue {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);
    /** Most floats of C staged at once (16 KiB: with its operand tile, well within L1). */
    private static final int STAGED_MAX = 4096;

    /** What the epilogue does; the same for every call of a primitive. */
    static final class Plan {
        final float alpha;
        final float beta;
        final Step[] steps;
        /** The GEMM's row and column dims in C's (dst's) dims. */
        final int rowDim;
        final int colDim;

        /**
         * Whether every step is a per-column bias or scale or an eltwise that works in place (relu,
         * gelu_erf), which update a block of C in a segment where it lies: staging the block through
         * an array and back would cost more than the steps (a probe, 12 x 32 tile of a 768-column C:
         * bias staged 212 ns, in place 34; gelu_erf on 12 x 320 strips of it, 1.62 ns an element
         * staged, 0.86 in place).
         */
        final boolean inPlace;

        private Plan(float alpha, float beta, Step[] steps, int rowDim, int colDim) {
            this.alpha = alpha;
            this.beta = beta;
            this.steps = steps;
            this.rowDim = rowDim;
            this.colDim = colDim;
            boolean inPlace = true;
            for (Step step : steps) {
                inPlace &= step instanceof Bias b && isPerColumn(b.addr()) || step instanceof ColumnScales
                        || step instanceof Eltwise e && e.kernel().worksInPlace();
            }
            this.inPlace = inPlace;
        }

        boolean isEmpty() {
            return steps.length == 0;
        }
    }

    /** One operation of the epilogue. */
    sealed interface Step {
    }

    /** {@code c += factor * bias}. */
    record Bias(Broadcast2D addr, float factor) implements Step {
    }

    /** {@code c *= scale[n]}. */
    record ColumnScales(float[] scales) implements Step {
    }

    record Eltwise(EltwiseKernel kernel) implements Step {
    }

    /** {@code c = alg(c, src1)} with the src1 of post-op {@code index}. */
    record Binary(BinaryAlg alg, Broadcast2D addr, int index) implements Step {
    }

    /**
     * The epilogue plan for {@code attr} on a C of descriptor {@code dst} whose GEMM rows and columns
     * are dims {@code rowDim} and {@code colDim}; {@code bias} may be null. Throws UNIMPLEMENTED (with
     * {@code impl} in the message) for what it cannot fuse: a sum that is not the first post-op, a sum
     * with per-column scales, scales over other dims, an operand in a non-plain layout.
     */
    static Plan plan(String impl, Attr attr, MemoryDesc dst, MemoryDesc bias, int rowDim, int colDim) {
        OutputScales scales = attr.outputScales();
        boolean common = scales.mask() == 0;
        if (!common && scales.mask() != 1 << colDim) {
            throw JdnnException.unimplemented(impl + ": output scales with mask " + scales.mask()
                    + " (only common or per column of the GEMM)");
        }
        List<PostOp> ops = attr.postOps().ops();
        float beta = 0f;
        int first = 0;
        if (!ops.isEmpty() && ops.get(0) instanceof PostOp.Sum sum) {
            if (!common) {
                throw JdnnException.unimplemented(impl + ": a sum post-op with per-column output scales");
            }
            beta = sum.scale();
            first = 1;
        }
        float alpha = common ? scales.scale(0) : 1f;
        if (bias != null || !common) {
            RowBroadcastKernel.get(); // its vector loops compiled now, at creation, not in the first calls
        }
        List<Step> steps = new ArrayList<>();
        if (bias != null) {
            steps.add(new Bias(operand(impl, "bias", bias, rowDim, colDim), alpha));
        }
        if (!common) {
            steps.add(new ColumnScales(scales.scales()));
        }
        for (int i = first; i < ops.size(); i++) {
            switch (ops.get(i)) {
                case PostOp.Sum s -> throw JdnnException.unimplemented(impl + ": a sum post-op after another post-op");
                case PostOp.Eltwise e -> steps.add(new Eltwise(EltwiseKernel.of(e.alg(), e.alpha(), e.beta(), e.scale())));
                case PostOp.Binary b -> steps.add(new Binary(b.alg(), operand(impl, "binary post-op " + i + " src1", b.src1(),
                        rowDim, colDim), i));
            }
        }
        return new Plan(alpha, beta, steps.toArray(new Step[0]), rowDim, colDim);
    }

    private static Broadcast2D operand(String impl, String what, MemoryDesc md, int rowDim, int colDim) {
        Broadcast2D b = Broadcast2D.of(md, rowDim, colDim);
        if (b == null) {
            throw JdnnException.unimplemented(impl + ": " + what + " in layout " + md.format() + " (plain layouts only)");
        }
        return b;
    }

    private final Plan plan;
    private final MemorySegment[] operands;
    private final long[] bases;

    FusedEpilogue(Plan plan) {
        this.plan = plan;
        this.operands = new MemorySegment[plan.steps.length];
        this.bases = new long[plan.steps.length];
    }

    /**
     * Prepares the next GEMM: its operands from {@code args}, at C's batch index {@code batch}
     * (dst's dims; the row and column entries are ignored). Allocation-free.
     */
    FusedEpilogue bind(Args args, long[] batch) {
        for (int s = 0; s < plan.steps.length; s++) {
            switch (plan.steps[s]) {
                case Bias b -> {
                    operands[s] = args.get(Arg.BIAS).segment();
                    bases[s] = b.addr().base(batch);
                }
                case Binary b -> {
                    operands[s] = args.get(Arg.postOpSrc1(b.index())).segment();
                    bases[s] = b.addr().base(batch);
                }
                default -> {
                }
            }
        }
        return this;
    }

    /** A block in an array, step by step: a per-column bias over the whole block (read once), the rest row by row. */
    @Override
    public void finish(int row, int rows, int col, int cols, float[] c, int offset, int ldc) {
        Buffers buf = BUFFERS.get();
        for (int s = 0; s < plan.steps.length; s++) {
            if (plan.steps[s] instanceof Bias b && isPerColumn(b.addr())) {
                RowBroadcastKernel.get().addScaled(c, offset, ldc, rows, cols, stage(s, b.addr(), row, col, cols, buf), 0,
                        b.factor());
            } else {
                for (int r = 0; r < rows; r++) {
                    applyStep(s, row + r, col, cols, c, offset + r * ldc, buf);
                }
            }
        }
    }

    /**
     * A block in a segment is updated where it lies when the plan allows ({@link Plan#inPlace});
     * otherwise it is staged (rows x cols, contiguous) and each step runs once over it: an eltwise
     * step over many independent vectors in flight rather than once per short row (measured:
     * gelu_erf as a post-op of a 128x768x768 matmul cost 1.21x the matmul per 32-column row, 1.1x
     * per 12 x 32 tile); a per-column bias or scale by vectors of its one row
     * ({@link RowBroadcastKernel}); another bias or binary step over its operand staged as a block
     * of the same shape, one loop that C2 vectorizes (a loop over one 32-column row runs in its
     * scalar pre- and post-loops: a per-column bias staged and added row by row cost 8% of that
     * matmul).
     */
    @Override
    public void finish(int row, int rows, int col, int cols, MemorySegment c, long offset, long ldc) {
        if (plan.inPlace) {
            finishInPlace(row, rows, col, cols, c, offset, ldc);
            return;
        }
        // a large block (the whole C of a K split or a matrix-vector product) in pieces of at most
        // STAGED_MAX floats: the staging buffers stay small and in cache
        int w = Math.min(cols, STAGED_MAX);
        int h = Math.max(1, STAGED_MAX / w);
        for (int j = 0; j < cols; j += w) {
            for (int r = 0; r < rows; r += h) {
                finishStaged(row + r, Math.min(h, rows - r), col + j, Math.min(w, cols - j), c, offset + r * ldc + j, ldc);
            }
        }
    }

    /** Per-column bias and scale steps, relu and gelu_erf on a block of C in a segment, where it lies. */
    private void finishInPlace(int row, int rows, int col, int cols, MemorySegment c, long offset, long ldc) {
        Buffers buf = BUFFERS.get();
        for (int s = 0; s < plan.steps.length; s++) {
            switch (plan.steps[s]) {
                case Bias b -> RowBroadcastKernel.get().addScaled(c, offset, ldc, rows, cols,
                        stage(s, b.addr(), row, col, cols, buf), 0, b.factor());
                case ColumnScales cs -> RowBroadcastKernel.get().mul(c, offset, ldc, rows, cols, cs.scales(), col);
                case Eltwise e -> e.kernel().apply(c, offset, ldc, rows, cols);
                case Binary b -> throw new IllegalStateException("a binary step is never applied in place");
            }
        }
    }

    /** {@link #finish(int, int, int, int, MemorySegment, long, long)} on a block of at most {@link #STAGED_MAX} floats. */
    private void finishStaged(int row, int rows, int col, int cols, MemorySegment c, long offset, long ldc) {
        Buffers buf = BUFFERS.get();
        int n = rows * cols;
        float[] tile = buf.run(n);
        for (int r = 0; r < rows; r++) {
            MemorySegment.copy(c, F32, (offset + r * ldc) * 4, tile, r * cols, cols);
        }
        Step[] steps = plan.steps;
        for (int s = 0; s < steps.length; s++) {
            switch (steps[s]) {
                case Eltwise e -> e.kernel().apply(tile, 0, n);
                case Bias b -> {
                    Broadcast2D addr = b.addr();
                    if (isScalar(addr)) {
                        RowOps.addScalar(tile, 0, n, b.factor() * scalar(s, addr, row));
                    } else if (isPerColumn(addr)) {
                        // a bias per column (a linear layer's): one row, read once
                        RowBroadcastKernel.get().addScaled(tile, 0, cols, rows, cols, stage(s, addr, row, col, cols, buf), 0,
                                b.factor());
                    } else {
                        RowOps.addScaled(tile, 0, operandTile(s, addr, row, rows, col, cols, buf), 0, n, b.factor());
                    }
                }
                case ColumnScales cs -> RowBroadcastKernel.get().mul(tile, 0, cols, rows, cols, cs.scales(), col);
                case Binary b -> {
                    if (isScalar(b.addr())) {
                        RowOps.binaryScalar(b.alg(), tile, 0, n, scalar(s, b.addr(), row));
                    } else {
                        RowOps.binary(b.alg(), tile, 0, operandTile(s, b.addr(), row, rows, col, cols, buf), 0, n);
                    }
                }
            }
        }
        for (int r = 0; r < rows; r++) {
            MemorySegment.copy(tile, r * cols, c, F32, (offset + r * ldc) * 4, cols);
        }
    }

    /** Whether the operand is one contiguous row broadcast over C's rows (a bias per column). */
    private static boolean isPerColumn(Broadcast2D addr) {
        return addr.rowStride() == 0 && addr.colStride() == 1;
    }

    /** Whether the operand is one value for the whole of C's batch (both strides 0). */
    private static boolean isScalar(Broadcast2D addr) {
        return addr.rowStride() == 0 && addr.colStride() == 0;
    }

    /**
     * Operand {@code s}'s values for C rows [row, row + rows), columns [col, col + cols), as a
     * contiguous rows x cols tile in the per-thread operand buffer: a row broadcast over the rows is
     * read once and repeated, a column broadcast over the columns filled.
     */
    private float[] operandTile(int s, Broadcast2D addr, int row, int rows, int col, int cols, Buffers buf) {
        float[] y = buf.operand(rows * cols);
        for (int r = 0; r < rows; r++) {
            if (addr.colStride() == 0) {
                java.util.Arrays.fill(y, r * cols, (r + 1) * cols, scalar(s, addr, row + r));
            } else if (r > 0 && addr.rowStride() == 0) {
                System.arraycopy(y, 0, y, r * cols, cols);
            } else {
                stageRow(s, addr, row + r, col, cols, y, r * cols);
            }
        }
        return y;
    }

    /** Step {@code s} on one row {@code m}, columns {@code [col, col + cols)}, held in {@code x[xo..]}. */
    private void applyStep(int s, int m, int col, int cols, float[] x, int xo, Buffers buf) {
        switch (plan.steps[s]) {
            case Bias b -> {
                if (b.addr().colStride() == 0) {
                    RowOps.addScalar(x, xo, cols, b.factor() * scalar(s, b.addr(), m));
                } else {
                    RowOps.addScaled(x, xo, stage(s, b.addr(), m, col, cols, buf), 0, cols, b.factor());
                }
            }
            case ColumnScales cs -> RowBroadcastKernel.get().mul(x, xo, cols, 1, cols, cs.scales(), col);
            case Eltwise e -> e.kernel().apply(x, xo, xo + cols);
            case Binary b -> {
                if (b.addr().colStride() == 0) {
                    RowOps.binaryScalar(b.alg(), x, xo, cols, scalar(s, b.addr(), m));
                } else {
                    RowOps.binary(b.alg(), x, xo, stage(s, b.addr(), m, col, cols, buf), 0, cols);
                }
            }
        }
    }

    private float scalar(int s, Broadcast2D addr, int m) {
        return operands[s].getAtIndex(F32, bases[s] + m * addr.rowStride());
    }

    /** Operand {@code s}'s values for row m, columns [col, col + cols), in the per-thread operand buffer. */
    private float[] stage(int s, Broadcast2D addr, int m, int col, int cols, Buffers buf) {
        float[] y = buf.operand(cols);
        stageRow(s, addr, m, col, cols, y, 0);
        return y;
    }

    /** Operand {@code s}'s values for row m, columns [col, col + cols), into {@code y[yo..]}. */
    private void stageRow(int s, Broadcast2D addr, int m, int col, int cols, float[] y, int yo) {
        long at = bases[s] + m * addr.rowStride() + col * addr.colStride();
        if (addr.colStride() == 1) {
            MemorySegment.copy(operands[s], F32, at * 4, y, yo, cols);
        } else {
            for (int j = 0; j < cols; j++) {
                y[yo + j] = operands[s].getAtIndex(F32, at + j * addr.colStride());
            }
        }
    }

    float alpha() {
        return plan.alpha;
    }

    float beta() {
        return plan.beta;
    }

    /** Per-thread staging rows, grown on demand. */
    private static final class Buffers {
        private float[] run = new float[64];
        private float[] operand = new float[64];

        float[] run(int n) {
            if (run.length < n) {
                run = new float[n];
            }
            return run;
        }

        float[] operand(int n) {
            if (operand.length < n) {
                operand = new float[n];
            }
            return operand;
        }
    }
}
