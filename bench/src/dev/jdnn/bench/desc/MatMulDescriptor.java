package dev.jdnn.bench.desc;

/**
 * A benchdnn matmul problem {@code [B..x]MxK:[B..x]KxN[:[B..x]MxN][_n"name"]}. Tensors of lower rank
 * (dst included) are padded with leading 1s to the highest rank written; dst defaults to the
 * broadcast of the batch dims with M and N.
 */
public record MatMulDescriptor(long[] src, long[] weights, long[] dst, String name) {

    public static MatMulDescriptor parse(String descriptor) {
        DimsDescriptor d = DimsDescriptor.parse(descriptor);
        if (d.count() < 2 || d.count() > 3) {
            throw new BadInputException("matmul descriptor '" + descriptor + "': expected src:weights[:dst] dims");
        }
        int rank = 0;
        for (int i = 0; i < d.count(); i++) {
            rank = Math.max(rank, d.tensor(i).length);
        }
        if (rank < 2) {
            throw new BadInputException("matmul descriptor '" + descriptor + "': operands need at least 2 dims");
        }
        long[] src = leadingOnes(d.tensor(0), rank);
        long[] wei = leadingOnes(d.tensor(1), rank);
        if (src[rank - 1] != wei[rank - 2]) {
            throw new BadInputException("matmul descriptor '" + descriptor + "': K of src (" + src[rank - 1]
                    + ") differs from K of weights (" + wei[rank - 2] + ")");
        }
        long[] dst;
        if (d.count() == 3) {
            dst = leadingOnes(d.tensor(2), rank);
        } else {
            dst = new long[rank];
            for (int i = 0; i < rank - 2; i++) {
                dst[i] = Math.max(src[i], wei[i]);
            }
            dst[rank - 2] = src[rank - 2];
            dst[rank - 1] = wei[rank - 1];
        }
        return new MatMulDescriptor(src, wei, dst, d.name());
    }

    private static long[] leadingOnes(long[] dims, int rank) {
        long[] out = new long[rank];
        java.util.Arrays.fill(out, 1);
        System.arraycopy(dims, 0, out, rank - dims.length, dims.length);
        return out;
    }

    /** 2 * M * N * K * batch. */
    public double flops() {
        int r = dst.length;
        double batch = 1;
        for (int i = 0; i < r - 2; i++) {
            batch *= dst[i];
        }
        return 2.0 * batch * dst[r - 2] * dst[r - 1] * src[r - 1];
    }

    @Override
    public String toString() {
        return DimsDescriptor.shape(src) + ":" + DimsDescriptor.shape(weights) + ":" + DimsDescriptor.shape(dst)
                + (name.isEmpty() ? "" : "_n\"" + name + "\"");
    }
}
