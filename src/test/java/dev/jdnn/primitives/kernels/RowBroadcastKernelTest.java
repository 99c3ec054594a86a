package dev.jdnn.primitives.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdnn.engines.VectorSupport;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The row-broadcast kernel of the ISA in use against its plain loops, bit for bit (both round
 * {@code f * y} and then the sum, as Java does): every width from 1 to past three vectors (whole
 * vectors and every partial last one), one row to a GEMM tile's twelve, contiguous rows and rows of
 * a wider matrix at an offset, an offset into the operand row; the array forms and the segment
 * forms (native and heap segments); every float outside the block untouched.
 */
class RowBroadcastKernelTest {
    private static final float SENTINEL = -12345.5f;

    @Test
    void matchesThePlainLoopsOnEveryWidth() {
        RowBroadcastKernel kernel = RowBroadcastKernel.get();
        RowBroadcastKernel plain = new RowBroadcastKernel.Scalar();
        Random random = new Random(7);
        for (int rows : new int[] {1, 3, 12}) {
            for (int cols = 1; cols <= 53; cols++) {
                for (int[] layout : new int[][] {{0, cols}, {3, cols + 7}}) {
                    int xo = layout[0];
                    int ldx = layout[1];
                    int yo = xo + 2;
                    float[] y = new float[yo + cols];
                    for (int j = 0; j < y.length; j++) {
                        y[j] = random.nextFloat() * 4 - 2;
                    }
                    float[] x = new float[xo + rows * ldx + 17];
                    java.util.Arrays.fill(x, SENTINEL);
                    for (int r = 0; r < rows; r++) {
                        for (int j = 0; j < cols; j++) {
                            x[xo + r * ldx + j] = random.nextFloat() * 8 - 4;
                        }
                    }
                    for (float f : new float[] {1f, -0.37f}) {
                        float[] got = x.clone();
                        float[] expect = x.clone();
                        kernel.addScaled(got, xo, ldx, rows, cols, y, yo, f);
                        plain.addScaled(expect, xo, ldx, rows, cols, y, yo, f);
                        assertThat(got).as("addScaled rows=%d cols=%d ldx=%d f=%s", rows, cols, ldx, f).containsExactly(expect);
                        for (MemorySegment seg : segments(x)) {
                            kernel.addScaled(seg, xo, ldx, rows, cols, y, yo, f);
                            assertThat(seg.toArray(ValueLayout.JAVA_FLOAT)).as("addScaled on %s rows=%d cols=%d ldx=%d",
                                    seg.isNative() ? "native" : "heap", rows, cols, ldx).containsExactly(expect);
                        }
                    }
                    float[] got = x.clone();
                    float[] expect = x.clone();
                    kernel.mul(got, xo, ldx, rows, cols, y, yo);
                    plain.mul(expect, xo, ldx, rows, cols, y, yo);
                    assertThat(got).as("mul rows=%d cols=%d ldx=%d", rows, cols, ldx).containsExactly(expect);
                    for (MemorySegment seg : segments(x)) {
                        kernel.mul(seg, xo, ldx, rows, cols, y, yo);
                        assertThat(seg.toArray(ValueLayout.JAVA_FLOAT)).as("mul on %s rows=%d cols=%d ldx=%d",
                                seg.isNative() ? "native" : "heap", rows, cols, ldx).containsExactly(expect);
                    }
                    for (int i = 0; i < x.length; i++) {
                        int r = (i - xo) / ldx;
                        int j = (i - xo) % ldx;
                        boolean inside = i >= xo && r < rows && j < cols;
                        if (!inside) {
                            assertThat(expect[i]).isEqualTo(SENTINEL);
                        }
                    }
                }
            }
        }
    }

    /** Copies of {@code x} in a native segment and in a heap one. */
    private static MemorySegment[] segments(float[] x) {
        return new MemorySegment[] {Arena.ofAuto().allocateFrom(ValueLayout.JAVA_FLOAT, x),
            MemorySegment.ofArray(x.clone())};
    }

    @Test
    void plainSegmentFormsComputeTheDefinition() {
        MemorySegment x = MemorySegment.ofArray(new float[] {1, 2, 3, 4, 5, 6});
        new RowBroadcastKernel.Scalar().addScaled(x, 0, 3, 2, 3, new float[] {9, 10, 20, 30}, 1, 0.5f);
        assertThat(x.toArray(ValueLayout.JAVA_FLOAT)).containsExactly(6, 12, 18, 9, 15, 21);
        new RowBroadcastKernel.Scalar().mul(x, 1, 3, 2, 1, new float[] {10}, 0);
        assertThat(x.toArray(ValueLayout.JAVA_FLOAT)).containsExactly(6, 120, 18, 9, 150, 21);
    }

    @Test
    void theVectorKernelIsTheOneInUseWhereTheVectorApiIs() {
        assertThat(RowBroadcastKernel.get() instanceof RowBroadcastKernel.Scalar).isEqualTo(!VectorSupport.enabled());
    }

    @Test
    void plainLoopsComputeTheDefinition() {
        float[] x = {1, 2, 3, 4, 5, 6};
        new RowBroadcastKernel.Scalar().addScaled(x, 0, 3, 2, 3, new float[] {9, 10, 20, 30}, 1, 0.5f);
        assertThat(x).containsExactly(6, 12, 18, 9, 15, 21);
        new RowBroadcastKernel.Scalar().mul(x, 0, 2, 3, 2, new float[] {2, -1}, 0);
        assertThat(x).containsExactly(12, -12, 36, -9, 30, -21);
        new RowBroadcastKernel.Scalar().mul(x, 1, 3, 2, 1, new float[] {10}, 0);
        assertThat(x).containsExactly(12, -120, 36, -9, 300, -21);
    }
}
