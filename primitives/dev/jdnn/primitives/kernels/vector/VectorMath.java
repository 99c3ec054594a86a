package dev.jdnn.primitives.kernels.vector;

import static jdk.incubator.vector.VectorOperators.EXP;
import static jdk.incubator.vector.VectorOperators.LOG1P;

import jdk.incubator.vector.FloatVector;

/**
 * Vector forms of the functions eltwise needs beyond the Vector API's own (exp, tanh, log1p are
 * its intrinsics). Accuracy targets float precision (a few ulp); {@code EltwiseMath} is the oracle.
 */
final class VectorMath {
    private static final float SQRT_2_OVER_PI = 0.7978845608028654f;
    private static final float GELU_FITTING = 0.044715f;

    private VectorMath() {
    }

    /** 1 / (1 + e^-x); e^-x overflowing to infinity gives 0, as it should. */
    static FloatVector logistic(FloatVector x) {
        FloatVector one = FloatVector.broadcast(Lanes.F, 1f);
        return one.div(x.neg().lanewise(EXP).add(one));
    }

    /** ln(1 + e^x) without overflow: max(x, 0) + ln(1 + e^-|x|). */
    static FloatVector softplus(FloatVector x) {
        return x.max(0f).add(x.abs().neg().lanewise(EXP).lanewise(LOG1P));
    }

    /**
     * 0.5 x (1 + tanh(u)), u = sqrt(2/pi) (x + 0.044715 x^3), written as x / (1 + e^(-2u)), the same
     * value without the cancellation of 1 + tanh(u) for negative x.
     */
    static FloatVector geluTanh(FloatVector x) {
        FloatVector twoU = x.mul(x).mul(GELU_FITTING).add(1f).mul(x).mul(-2f * SQRT_2_OVER_PI);
        return x.div(twoU.lanewise(EXP).add(1f));
    }

    /** max(0, min(1, alpha x + beta)). */
    static FloatVector hardsigmoid(FloatVector x, float alpha, float beta) {
        return x.fma(alpha, beta).max(0f).min(1f);
    }
}
