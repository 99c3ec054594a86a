package dev.jdnn.primitives.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdnn.engines.VectorSupport;
import dev.jdnn.primitives.EltwiseAlg;
import dev.jdnn.primitives.ref.EltwiseMath;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The eltwise kernel of the ISA in use against the reference math ({@link EltwiseMath}, double
 * precision rounded once). Allowed relative error: 4e-6 (a few float ulp of a transcendental
 * function) plus what two ulp of error in the input cause, {@code 2^-22 * cond(x)} with the
 * condition number {@code cond(x) = |x f'(x) / f(x)|}: a float computation of e^y, say, cannot be
 * more accurate than its rounded argument y allows, and deep in a tail (gelu at x = -10) that
 * dominates. The condition number is measured on the reference itself. Results within 4x the
 * smallest normal float may flush to zero (an intermediate such as e^89 overflows first).
 */
class EltwiseKernelTest {
    private static final float[][] PARAMS = {{0f, 0f}, {0.25f, 0f}, {1.5f, -0.5f}, {1f / 6, 0.5f}, {-2f, 3f}};

    private static float[] inputs() {
        List<Float> xs = new ArrayList<>();
        for (int i = -2400; i <= 2400; i++) {
            xs.add(i * 0.005f);
        }
        for (float x : new float[] {0f, -0f, 1e-8f, -1e-8f, 1e-30f, 30f, -30f, 50f, -50f, 88f, -88f, 100f, -100f, 1e10f,
            -1e10f}) {
            xs.add(x);
        }
        xs.add(7f); // odd count: exercises the masked tail
        float[] v = new float[xs.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = xs.get(i);
        }
        return v;
    }

    @ParameterizedTest
    @EnumSource(EltwiseAlg.class)
    void matchesTheReferenceMath(EltwiseAlg alg) {
        for (float[] p : PARAMS) {
            float alpha = p[0];
            float beta = alg == EltwiseAlg.CLIP ? Math.max(p[0], p[1]) : p[1];
            if (alg == EltwiseAlg.SOFT_RELU && alpha == 0f) {
                alpha = 1f;
            }
            float[] x = inputs();
            float[] got = x.clone();
            EltwiseKernel.of(alg, alpha, beta, 1f).apply(got, 0, got.length);
            EltwiseKernel.Scalar scalar = new EltwiseKernel.Scalar(alg, alpha, beta, 1f);
            float[] fromScalar = x.clone();
            scalar.apply(fromScalar, 0, fromScalar.length);
            for (int i = 0; i < x.length; i++) {
                assertThat(Float.compare(fromScalar[i], EltwiseMath.forward(alg, alpha, beta, x[i]))).isZero();
            }
            for (int i = 0; i < x.length; i++) {
                float want = EltwiseMath.forward(alg, alpha, beta, x[i]);
                double cond = conditionNumber(alg, alpha, beta, x[i]);
                assertClose(alg + " alpha=" + alpha + " beta=" + beta + " x=" + x[i], got[i], want, cond);
            }
        }
    }

    /** Exact algorithms must agree bit for bit, the sign of zero included (relu of a negative is -0, as alpha * x). */
    @Test
    void exactAlgorithmsMatchBitForBit() {
        float[] x = inputs();
        for (EltwiseAlg alg : new EltwiseAlg[] {EltwiseAlg.RELU, EltwiseAlg.ABS, EltwiseAlg.SQUARE, EltwiseAlg.CLIP}) {
            float[] got = x.clone();
            EltwiseKernel.of(alg, 0f, 1f, 1f).apply(got, 0, got.length);
            for (int i = 0; i < x.length; i++) {
                assertThat(Float.floatToIntBits(got[i])).as("%s x=%s", alg, x[i])
                        .isEqualTo(Float.floatToIntBits(EltwiseMath.forward(alg, 0f, 1f, x[i])));
            }
        }
    }

    @Test
    void scaleAndSubRangesLeaveTheRestAlone() {
        float[] x = inputs();
        float[] got = x.clone();
        EltwiseKernel.of(EltwiseAlg.LINEAR, 2f, 1f, 0.5f).apply(got, 3, 40);
        for (int i = 0; i < x.length; i++) {
            float want = i >= 3 && i < 40 ? 0.5f * (2f * x[i] + 1f) : x[i];
            assertThat(got[i]).as("i=%d", i).isEqualTo(want);
        }
    }

    /**
     * A run of any length at any offset computes each of its elements (full vectors, masked or staged
     * tails, and the chunks of the two-pass kernels: gelu_erf works in chunks of 256) and leaves the
     * elements outside it bit for bit alone. (Inside, the reference's tolerance rather than bit
     * equality with a whole-array call: the JDK's exp and tanh give results an ulp apart before and
     * after C2 compiles them.)
     */
    @ParameterizedTest
    @EnumSource(EltwiseAlg.class)
    void runsOfAnyLengthAndOffsetTouchExactlyTheirElements(EltwiseAlg alg) {
        float alpha = alg == EltwiseAlg.SOFT_RELU ? 1f : 0.25f;
        float beta = alg == EltwiseAlg.CLIP ? 0.5f : 0f;
        float[] x = inputs();
        for (int from : new int[] {0, 1, 7, 2400}) {
            for (int length : new int[] {0, 1, 3, 7, 8, 9, 15, 16, 17, 255, 256, 257, 271, 512, 513, 1000}) {
                float[] got = x.clone();
                EltwiseKernel.of(alg, alpha, beta, 1f).apply(got, from, from + length);
                for (int i = 0; i < x.length; i++) {
                    String what = alg + " from=" + from + " length=" + length + " x[" + i + "]=" + x[i];
                    if (i >= from && i < from + length) {
                        assertClose(what, got[i], EltwiseMath.forward(alg, alpha, beta, x[i]),
                                conditionNumber(alg, alpha, beta, x[i]));
                    } else {
                        assertThat(Float.floatToIntBits(got[i])).as(what).isEqualTo(Float.floatToIntBits(x[i]));
                    }
                }
            }
        }
    }

    /** NaN, infinities and signed zeros come out of gelu_erf as out of the reference (gelu(-inf) is -inf * 0: NaN); extremes within its tolerance. */
    @Test
    void geluErfSpecialValuesMatchTheReference() {
        float[] x = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, Float.MIN_VALUE,
            -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, 13.2f, -13.2f, -14f};
        float[] got = x.clone();
        EltwiseKernel.of(EltwiseAlg.GELU_ERF, 0f, 0f, 1f).apply(got, 0, got.length);
        for (int i = 0; i < x.length; i++) {
            float want = EltwiseMath.forward(EltwiseAlg.GELU_ERF, 0f, 0f, x[i]);
            if (Float.isNaN(want) || Float.isInfinite(want) || x[i] == 0f) {
                assertThat(Float.compare(got[i], want)).as("gelu_erf(%s): got %s, want %s", x[i], got[i], want).isZero();
            } else {
                assertClose("gelu_erf(" + x[i] + ")", got[i], want, conditionNumber(EltwiseAlg.GELU_ERF, 0f, 0f, x[i]));
            }
        }
    }

    /**
     * The segment form, in place (relu, unscaled, in the vector kernel: what a GEMM epilogue applies
     * where the tile lies) or staged row by row (every other kernel, the scalar ones too), gives bit
     * for bit the array form's result on blocks of every width (whole vectors and every partial last
     * one) and a few row counts, in native and heap segments, touching nothing outside the block.
     */
    @Test
    void segmentFormMatchesTheArrayFormAndTouchesOnlyItsBlock() {
        List<EltwiseKernel> kernels = List.of(EltwiseKernel.of(EltwiseAlg.RELU, 0f, 0f, 1f),
                EltwiseKernel.of(EltwiseAlg.RELU, 0.25f, 0f, 1f), EltwiseKernel.of(EltwiseAlg.RELU, 0f, 0f, 2f),
                EltwiseKernel.of(EltwiseAlg.GELU_ERF, 0f, 0f, 1f), EltwiseKernel.of(EltwiseAlg.LINEAR, 2f, 1f, 0.5f),
                new EltwiseKernel.Scalar(EltwiseAlg.RELU, 0.25f, 0f, 1f));
        for (EltwiseKernel k : kernels) {
            for (int rows : new int[] {1, 5, 12}) {
                // every tail of one or two vectors, and rows over gelu_erf's 256-float chunks
                for (int cols : IntStream.concat(IntStream.rangeClosed(1, 37), IntStream.of(255, 256, 257, 529)).toArray()) {
                    int ld = cols + 3;
                    int offset = 2;
                    float[] x = new float[offset + rows * ld + 5];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = (i % 7 - 3) * 0.75f;
                    }
                    float[] want = x.clone();
                    for (int r = 0; r < rows; r++) {
                        k.apply(want, offset + r * ld, offset + r * ld + cols);
                    }
                    for (MemorySegment seg : new MemorySegment[] {Arena.ofAuto().allocateFrom(ValueLayout.JAVA_FLOAT, x),
                        MemorySegment.ofArray(x.clone())}) {
                        k.apply(seg, offset, ld, rows, cols);
                        assertThat(seg.toArray(ValueLayout.JAVA_FLOAT)).as("%s rows=%d cols=%d native=%s", k, rows, cols,
                                seg.isNative()).containsExactly(want);
                    }
                }
            }
        }
        for (int i : new int[] {0, 1, 3}) { // relu, leaky relu and gelu_erf, unscaled
            assertThat(kernels.get(i).worksInPlace()).as("%s", kernels.get(i)).isEqualTo(VectorSupport.enabled());
        }
        for (int i : new int[] {2, 4, 5}) {
            assertThat(kernels.get(i).worksInPlace()).as("%s", kernels.get(i)).isFalse();
        }
    }

    @Test
    void theVectorKernelIsUsedWhenTheVectorApiIs() {
        EltwiseKernel k = EltwiseKernel.of(EltwiseAlg.RELU, 0, 0, 1);
        assertThat(k instanceof EltwiseKernel.Scalar).isEqualTo(!VectorSupport.enabled());
    }

    /** |x f'(x) / f(x)| by a central difference of ln|f| against ln|x| on the reference (0 where undefined). */
    private static double conditionNumber(EltwiseAlg alg, float alpha, float beta, float x) {
        float up = x * (1 + 1e-3f);
        float down = x * (1 - 1e-3f);
        double fu = EltwiseMath.forward(alg, alpha, beta, up);
        double fd = EltwiseMath.forward(alg, alpha, beta, down);
        if (x == 0 || fu == 0 || fd == 0 || Double.isNaN(fu + fd) || Double.isInfinite(fu + fd)) {
            return 0;
        }
        return Math.abs((Math.log(Math.abs(fu)) - Math.log(Math.abs(fd))) / (Math.log(Math.abs(up)) - Math.log(Math.abs(down))));
    }

    private static void assertClose(String what, float got, float want, double cond) {
        if (Float.isNaN(want) || Float.isInfinite(want)) {
            assertThat(Float.compare(got, want)).as("%s: got %s, want %s", what, got, want).isZero();
            return;
        }
        double relative = 4e-6 + Math.scalb(1.0, -22) * cond;
        assertThat((double) Math.abs(got - want)).as("%s: got %s, want %s, cond %.1f", what, got, want, cond)
                .isLessThanOrEqualTo(relative * Math.abs(want) + 4 * Float.MIN_NORMAL);
    }
}
