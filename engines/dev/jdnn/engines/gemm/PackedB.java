package dev.jdnn.engines.gemm;

import dev.jdnn.memory.JdnnException;
import java.lang.foreign.MemorySegment;

/**
 * {@code op(B)} (K x N) packed once into the SGEMM core's panel layout, for weights that are
 * multiplied many times (a matmul, inner product or convolution primitive packs at creation).
 * Immutable and safe to share between threads; use it with
 * {@link Sgemm#sgemm(dev.jdnn.engines.Engine, boolean, int, float, float[], int, int, PackedB, float, float[], int, int)}.
 *
 * <p>Layout: K in blocks of {@code kc} rows; within a block, panels of {@code nr} columns, each
 * {@code kc x width} row-major (width = the panel's columns rounded up to the vector length,
 * zero-padded). It belongs to the JVM's micro-kernel: it is packed with the blocking in force.
 */
public final class PackedB {
    final int k;
    final int n;
    final int kc;
    final int nr;
    /** Floats per full block of kc rows: kc * paddedN. */
    final int paddedN;
    final float[] data;

    private PackedB(int k, int n, int kc, int nr, int paddedN, float[] data) {
        this.k = k;
        this.n = n;
        this.kc = kc;
        this.nr = nr;
        this.paddedN = paddedN;
        this.data = data;
    }

    /** Packs {@code op(B)}, K x N, from {@code b} (row-major, element offset, leading dimension). */
    public static PackedB pack(boolean transB, int k, int n, float[] b, int bOffset, int ldb) {
        JdnnException.requireNonNull(b, "b");
        Sgemm.checkMatrix("b", transB ? n : k, transB ? k : n, bOffset, ldb, b.length);
        return pack(Operand.of(b, bOffset, ldb, transB), k, n);
    }

    /** Packs {@code op(B)}, K x N, from {@code b} (offset and leading dimension in floats). */
    public static PackedB pack(boolean transB, int k, int n, MemorySegment b, long bOffset, long ldb) {
        JdnnException.requireNonNull(b, "b");
        Sgemm.checkMatrix("b", transB ? n : k, transB ? k : n, bOffset, ldb, b.byteSize() / 4);
        return pack(Operand.of(b, bOffset, ldb, transB), k, n);
    }

    private static PackedB pack(Operand b, int k, int n) {
        if (k < 1 || n < 1) {
            throw JdnnException.invalid("PackedB needs k >= 1 and n >= 1, got k = " + k + ", n = " + n);
        }
        MicroKernel kern = Kernels.MICRO;
        GemmBlocking blk = Kernels.BLOCKING;
        int nr = blk.nr();
        long paddedN = Packing.packedBSize(1, n, nr, kern);
        long size = paddedN * k;
        if (size > Integer.MAX_VALUE - 16) {
            throw JdnnException.invalid("PackedB of k = " + k + " x n = " + n + " needs " + size
                    + " floats, more than a Java array holds");
        }
        float[] data = new float[(int) size];
        int kc = blk.kcFor(k);
        for (int pc = 0; pc < k; pc += kc) {
            int kcb = Math.min(kc, k - pc);
            Packing.packB(b, pc, kcb, 0, n, nr, kern, data, (int) (pc * paddedN));
        }
        return new PackedB(k, n, kc, nr, (int) paddedN, data);
    }

    /** A view of one packed K block ({@code k} rows, panels of {@code nr}) held in {@code data} (the threaded driver's shared pack). */
    static PackedB view(int k, int n, int nr, int paddedN, float[] data) {
        return new PackedB(k, n, k, nr, paddedN, data);
    }

    /** Rows of op(B) (the K of the GEMM). */
    public int k() {
        return k;
    }

    /** Columns of op(B) (the N of the GEMM). */
    public int n() {
        return n;
    }

    /** Bytes held. */
    public long byteSize() {
        return 4L * data.length;
    }

    /** Offset of the panel holding column {@code j} (a multiple of nr) in the K block starting at {@code pc}. */
    int panelOffset(int pc, int j) {
        int kcb = Math.min(kc, k - pc);
        return pc * paddedN + j * kcb;
    }

    @Override
    public String toString() {
        return "PackedB[k=" + k + ", n=" + n + ", kc=" + kc + ", nr=" + nr + "]";
    }
}
