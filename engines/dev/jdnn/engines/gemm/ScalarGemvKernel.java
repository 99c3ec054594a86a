package dev.jdnn.engines.gemm;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/** Plain-Java {@link GemvKernel} for JVMs without the Vector API. */
final class ScalarGemvKernel implements GemvKernel {
    @Override
    public void axpyRows(int kLen, float[] v, int vOff, float[] xa, MemorySegment xs, long xOff, long ld, long r0, long c0, int len, float[] y) {
        Arrays.fill(y, 0, len, 0f);
        for (int k = 0; k < kLen; k++) {
            float s = v[vOff + k];
            if (xa != null) {
                    int row = (int) (xOff + (r0 + k) * ld + c0);
                for (int j = 0; j < len; j++) {
                    y[j] += s * xa[row + j];
                }
            } else {
                long row = xOff + (r0 + k) * ld + c0;
                for (int j = 0; j < len; j++) {
                    y[j] += s * xs.getAtIndex(Packing.F, row + j);
                }
            }
        }
    }

    @Override
    public void axpyRowsMulti(int rows, int kLen, float[] v, int ldv, float[] xa, MemorySegment xs, long xOff, long ld,
            long r0, long c0, int len, float[] y, int ldy) {
        for (int k = 0; k < kLen; k++) {
            long row = xOff + (r0 + k) * ld + c0;
            for (int i = 0; i < rows; i++) {
                float s = v[i * ldv + k];
                for (int j = 0; j < len; j++) {
                    y[i * ldy + j] += s * (xa != null ? xa[(int) (row + j)] : xs.getAtIndex(Packing.F, row + j));
                }
            }
        }
    }

    @Override
    public void dotRows(int kLen, float[] v, int vOff, float[] xa, MemorySegment xs, long xOff, long ld, long r0, long c0, int len, float[] y) {
        for (int i = 0; i < len; i++) {
            float s = 0;
            if (xa != null) {
                    int row = (int) (xOff + (r0 + i) * ld + c0);
                for (int k = 0; k < kLen; k++) {
                    s += xa[row + k] * v[vOff + k];
                }
            } else {
                long row = xOff + (r0 + i) * ld + c0;
                for (int k = 0; k < kLen; k++) {
                    s += xs.getAtIndex(Packing.F, row + k) * v[vOff + k];
                }
            }
            y[i] = s;
        }
    }
}
