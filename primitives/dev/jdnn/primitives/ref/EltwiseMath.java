package dev.jdnn.primitives.ref;

import dev.jdnn.primitives.EltwiseAlg;

/**
 * Forward eltwise functions, the oracle for every eltwise kernel and post-op: computed in double,
 * rounded once to float. Formulas and the meaning of alpha/beta are in {@link EltwiseAlg}.
 */
public final class EltwiseMath {
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    private static final double GELU_TANH_FITTING = 0.044715;

    private EltwiseMath() {
    }

    public static float forward(EltwiseAlg alg, float alpha, float beta, float xf) {
        double x = xf;
        double r = switch (alg) {
            case RELU -> x > 0 ? x : alpha * x;
            case TANH -> Math.tanh(x);
            case ELU -> x > 0 ? x : alpha * Math.expm1(x);
            case SQUARE -> x * x;
            case ABS -> Math.abs(x);
            case SQRT -> Math.sqrt(x);
            case LINEAR -> (double) alpha * x + beta;
            case SOFT_RELU -> softplus((double) alpha * x) / alpha;
            case LOGISTIC -> logistic(x);
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            // 0.5 x (1 + tanh u) = x / (1 + e^-2u): the same value, without cancellation for negative x
            case GELU_TANH -> x / (1 + Math.exp(-2 * SQRT_2_OVER_PI * x * (1 + GELU_TANH_FITTING * x * x)));
            case GELU_ERF -> 0.5 * x * Erf.erfc(-x / Math.sqrt(2));
            case SWISH -> x * logistic(alpha * x);
            case CLIP -> Math.min(Math.max(x, alpha), beta);
            case HARDSWISH -> x * hardsigmoid(x, alpha, beta);
            case HARDSIGMOID -> hardsigmoid(x, alpha, beta);
            case MISH -> x * Math.tanh(softplus(x));
            case POW -> alpha * Math.pow(x, beta);
        };
        return (float) r;
    }

    /** ln(1 + e^x) without overflow. */
    private static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    private static double logistic(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    private static double hardsigmoid(double x, double alpha, double beta) {
        double v = alpha * x + beta;
        return v <= 0 ? 0 : v >= 1 ? 1 : v;
    }
}
