package dev.jdnn.primitives.kernels.vector;

import static jdk.incubator.vector.VectorOperators.EXP;
import static jdk.incubator.vector.VectorOperators.EXPM1;
import static jdk.incubator.vector.VectorOperators.LE;
import static jdk.incubator.vector.VectorOperators.LOG;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.POW;
import static jdk.incubator.vector.VectorOperators.TANH;

import dev.jdnn.primitives.EltwiseAlg;
import dev.jdnn.primitives.kernels.EltwiseKernel;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Eltwise functions on Vector API registers, in place over a run of a {@code float[]}.
 *
 * <p>Every algorithm has its own loop, on purpose: a shared loop calling the function through an
 * interface sees many targets once several algorithms have run, C2 stops inlining the call, and
 * every vector is then boxed (measured: 5 to 12 times slower). A loop of its own keeps each
 * operator a constant that C2 turns into instructions. Tails use masked loads and stores.
 */
final class VectorEltwise implements EltwiseKernel {
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    private final EltwiseAlg alg;
    private final float alpha;
    private final float beta;
    private final float scale;

    VectorEltwise(EltwiseAlg alg, float alpha, float beta, float scale) {
        this.alg = alg;
        this.alpha = alpha;
        this.beta = beta;
        this.scale = scale;
    }

    @Override
    public void apply(float[] data, int from, int to) {
        switch (alg) {
            case RELU -> relu(data, from, to);
            case TANH -> tanh(data, from, to);
            case ELU -> elu(data, from, to);
            case SQUARE -> square(data, from, to);
            case ABS -> abs(data, from, to);
            case SQRT -> sqrt(data, from, to);
            case LINEAR -> linear(data, from, to);
            case SOFT_RELU -> softRelu(data, from, to);
            case LOGISTIC -> logistic(data, from, to);
            case EXP -> exp(data, from, to);
            case LOG -> log(data, from, to);
            case GELU_TANH -> geluTanh(data, from, to);
            case GELU_ERF -> geluErf(data, from, to);
            case SWISH -> swish(data, from, to);
            case CLIP -> clip(data, from, to);
            case HARDSWISH -> hardswish(data, from, to);
            case HARDSIGMOID -> hardsigmoid(data, from, to);
            case MISH -> mish(data, from, to);
            case POW -> pow(data, from, to);
        }
        if (scale != 1f) {
            scale(data, from, to);
        }
    }

    /**
     * Relu (leaky or not) and gelu_erf, unscaled: staging a GEMM block through an array would cost
     * more in its two copies than relu does, and gelu_erf's passes run as fast on rows of a segment.
     */
    @Override
    public boolean worksInPlace() {
        return (alg == EltwiseAlg.RELU || alg == EltwiseAlg.GELU_ERF) && scale == 1f;
    }

    /** Relu and gelu_erf (unscaled) by vectors where the block lies; any other function staged row by row. */
    @Override
    public void apply(MemorySegment data, long offset, long ld, int rows, int cols) {
        if (!worksInPlace()) {
            EltwiseKernel.super.apply(data, offset, ld, rows, cols);
        } else if (alg == EltwiseAlg.GELU_ERF) {
            VectorGeluErf.apply(data, offset, ld, rows, cols);
        } else {
            reluInPlace(data, offset, ld, rows, cols);
        }
    }

    private void reluInPlace(MemorySegment data, long offset, long ld, int rows, int cols) {
        int full = Lanes.F.loopBound(cols);
        VectorMask<Float> tail = Lanes.F.indexInRange(full, cols);
        for (int r = 0; r < rows; r++) {
            long row = (offset + r * ld) * Float.BYTES;
            for (int j = 0; j < full; j += Lanes.N) {
                long at = row + (long) j * Float.BYTES;
                FloatVector v = FloatVector.fromMemorySegment(Lanes.F, data, at, NATIVE);
                v.mul(alpha).blend(v, v.compare(GT, 0f)).intoMemorySegment(data, at, NATIVE);
            }
            if (full < cols) {
                long at = row + (long) full * Float.BYTES;
                FloatVector v = FloatVector.fromMemorySegment(Lanes.F, data, at, NATIVE, tail);
                v.mul(alpha).blend(v, v.compare(GT, 0f)).intoMemorySegment(data, at, NATIVE, tail);
            }
        }
    }

    private void scale(float[] d, int from, int to) {
        int i = from;
        for (int end = from + Lanes.F.loopBound(to - from); i < end; i += Lanes.N) {
            FloatVector.fromArray(Lanes.F, d, i).mul(scale).intoArray(d, i);
        }
        for (; i < to; i++) {
            d[i] *= scale;
        }
    }

    private void relu(float[] d, int from, int to) {
        int i = from;
        for (int end = from + Lanes.F.loopBound(to - from); i < end; i += Lanes.N) {
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i);
            (v.mul(alpha).blend(v, v.compare(GT, 0f))).intoArray(d, i);
        }
        if (i < to) {
            VectorMask<Float> m = Lanes.F.indexInRange(i, to);
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i, m);
            (v.mul(alpha).blend(v, v.compare(GT, 0f))).intoArray(d, i, m);
        }
    }

    private void tanh(float[] d, int from, int to) {
        int i = from;
        for (int end = from + Lanes.F.loopBound(to - from); i < end; i += Lanes.N) {
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i);
            (v.lanewise(TANH)).intoArray(d, i);
        }
        if (i < to) {
            VectorMask<Float> m = Lanes.F.indexInRange(i, to);
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i, m);
            (v.lanewise(TANH)).intoArray(d, i, m);
        }
    }

    private void elu(float[] d, int from, int to) {
        int i = from;
        for (int end = from + Lanes.F.loopBound(to - from); i < end; i += Lanes.N) {
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i);
            (v.blend(v.lanewise(EXPM1).mul(alpha), v.compare(LE, 0f))).intoArray(d, i);
        }
        if (i < to) {
            VectorMask<Float> m = Lanes.F.indexInRange(i, to);
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i, m);
            (v.blend(v.lanewise(EXPM1).mul(alpha), v.compare(LE, 0f))).intoArray(d, i, m);
        }
    }

    private void square(float[] d, int from, int to) {
        int i = from;
        for (int end = from + Lanes.F.loopBound(to - from); i < end; i += Lanes.N) {
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i);
            (v.mul(v)).intoArray(d, i);
        }
        if (i < to) {
            VectorMask<Float> m = Lanes.F.indexInRange(i, to);
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i, m);
            (v.mul(v)).intoArray(d, i, m);
        }
    }

    private void abs(float[] d, int from, int to) {
        int i = from;
        for (int end = from + Lanes.F.loopBound(to - from); i < end; i += Lanes.N) {
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i);
            (v.abs()).intoArray(d, i);
        }
        if (i < to) {
            VectorMask<Float> m = Lanes.F.indexInRange(i, to);
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i, m);
            (v.abs()).intoArray(d, i, m);
        }
    }

    private void sqrt(float[] d, int from, int to) {
        int i = from;
        for (int end = from + Lanes.F.loopBound(to - from); i < end; i += Lanes.N) {
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i);
            (v.sqrt()).intoArray(d, i);
        }
        if (i < to) {
            VectorMask<Float> m = Lanes.F.indexInRange(i, to);
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i, m);
            (v.sqrt()).intoArray(d, i, m);
        }
    }

    private void linear(float[] d, int from, int to) {
        int i = from;
        for (int end = from + Lanes.F.loopBound(to - from); i < end; i += Lanes.N) {
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i);
            (v.fma(alpha, beta)).intoArray(d, i);
        }
        if (i < to) {
            VectorMask<Float> m = Lanes.F.indexInRange(i, to);
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i, m);
            (v.fma(alpha, beta)).intoArray(d, i, m);
        }
    }

    private void softRelu(float[] d, int from, int to) {
        int i = from;
        for (int end = from + Lanes.F.loopBound(to - from); i < end; i += Lanes.N) {
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i);
            (VectorMath.softplus(v.mul(alpha)).div(alpha)).intoArray(d, i);
        }
        if (i < to) {
            VectorMask<Float> m = Lanes.F.indexInRange(i, to);
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i, m);
            (VectorMath.softplus(v.mul(alpha)).div(alpha)).intoArray(d, i, m);
        }
    }

    private void logistic(float[] d, int from, int to) {
        int i = from;
        for (int end = from + Lanes.F.loopBound(to - from); i < end; i += Lanes.N) {
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i);
            (VectorMath.logistic(v)).intoArray(d, i);
        }
        if (i < to) {
            VectorMask<Float> m = Lanes.F.indexInRange(i, to);
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i, m);
            (VectorMath.logistic(v)).intoArray(d, i, m);
        }
    }

    private void exp(float[] d, int from, int to) {
        int i = from;
        for (int end = from + Lanes.F.loopBound(to - from); i < end; i += Lanes.N) {
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i);
            (v.lanewise(EXP)).intoArray(d, i);
        }
        if (i < to) {
            VectorMask<Float> m = Lanes.F.indexInRange(i, to);
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i, m);
            (v.lanewise(EXP)).intoArray(d, i, m);
        }
    }

    private void log(float[] d, int from, int to) {
        int i = from;
        for (int end = from + Lanes.F.loopBound(to - from); i < end; i += Lanes.N) {
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i);
            (v.lanewise(LOG)).intoArray(d, i);
        }
        if (i < to) {
            VectorMask<Float> m = Lanes.F.indexInRange(i, to);
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i, m);
            (v.lanewise(LOG)).intoArray(d, i, m);
        }
    }

    private void geluTanh(float[] d, int from, int to) {
        int i = from;
        for (int end = from + Lanes.F.loopBound(to - from); i < end; i += Lanes.N) {
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i);
            (VectorMath.geluTanh(v)).intoArray(d, i);
        }
        if (i < to) {
            VectorMask<Float> m = Lanes.F.indexInRange(i, to);
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i, m);
            (VectorMath.geluTanh(v)).intoArray(d, i, m);
        }
    }

    private void geluErf(float[] d, int from, int to) {
        VectorGeluErf.apply(d, from, to);
    }

    private void swish(float[] d, int from, int to) {
        int i = from;
        for (int end = from + Lanes.F.loopBound(to - from); i < end; i += Lanes.N) {
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i);
            (v.mul(VectorMath.logistic(v.mul(alpha)))).intoArray(d, i);
        }
        if (i < to) {
            VectorMask<Float> m = Lanes.F.indexInRange(i, to);
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i, m);
            (v.mul(VectorMath.logistic(v.mul(alpha)))).intoArray(d, i, m);
        }
    }

    private void clip(float[] d, int from, int to) {
        int i = from;
        for (int end = from + Lanes.F.loopBound(to - from); i < end; i += Lanes.N) {
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i);
            (v.max(alpha).min(beta)).intoArray(d, i);
        }
        if (i < to) {
            VectorMask<Float> m = Lanes.F.indexInRange(i, to);
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i, m);
            (v.max(alpha).min(beta)).intoArray(d, i, m);
        }
    }

    private void hardswish(float[] d, int from, int to) {
        int i = from;
        for (int end = from + Lanes.F.loopBound(to - from); i < end; i += Lanes.N) {
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i);
            (v.mul(VectorMath.hardsigmoid(v, alpha, beta))).intoArray(d, i);
        }
        if (i < to) {
            VectorMask<Float> m = Lanes.F.indexInRange(i, to);
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i, m);
            (v.mul(VectorMath.hardsigmoid(v, alpha, beta))).intoArray(d, i, m);
        }
    }

    private void hardsigmoid(float[] d, int from, int to) {
        int i = from;
        for (int end = from + Lanes.F.loopBound(to - from); i < end; i += Lanes.N) {
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i);
            (VectorMath.hardsigmoid(v, alpha, beta)).intoArray(d, i);
        }
        if (i < to) {
            VectorMask<Float> m = Lanes.F.indexInRange(i, to);
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i, m);
            (VectorMath.hardsigmoid(v, alpha, beta)).intoArray(d, i, m);
        }
    }

    private void mish(float[] d, int from, int to) {
        int i = from;
        for (int end = from + Lanes.F.loopBound(to - from); i < end; i += Lanes.N) {
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i);
            (v.mul(VectorMath.softplus(v).lanewise(TANH))).intoArray(d, i);
        }
        if (i < to) {
            VectorMask<Float> m = Lanes.F.indexInRange(i, to);
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i, m);
            (v.mul(VectorMath.softplus(v).lanewise(TANH))).intoArray(d, i, m);
        }
    }

    private void pow(float[] d, int from, int to) {
        int i = from;
        for (int end = from + Lanes.F.loopBound(to - from); i < end; i += Lanes.N) {
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i);
            (v.lanewise(POW, beta).mul(alpha)).intoArray(d, i);
        }
        if (i < to) {
            VectorMask<Float> m = Lanes.F.indexInRange(i, to);
            FloatVector v = FloatVector.fromArray(Lanes.F, d, i, m);
            (v.lanewise(POW, beta).mul(alpha)).intoArray(d, i, m);
        }
    }

    @Override
    public String toString() {
        return "VectorEltwise[" + alg + ", alpha=" + alpha + ", beta=" + beta + ", scale=" + scale + "]";
    }
}
