package dev.jdnn.primitives;

import dev.jdnn.memory.JdnnException;
import java.util.Locale;

/**
 * Element-wise functions with oneDNN's meaning of {@code alpha} and {@code beta}:
 * <pre>
 * RELU         x > 0 ? x : alpha * x                  (alpha: negative slope)
 * TANH         tanh(x)
 * ELU          x > 0 ? x : alpha * (e^x - 1)
 * SQUARE       x^2
 * ABS          |x|
 * SQRT         sqrt(x)
 * LINEAR       alpha * x + beta
 * SOFT_RELU    ln(1 + e^(alpha * x)) / alpha          (alpha != 0; alpha = 1 is softplus)
 * LOGISTIC     1 / (1 + e^-x)
 * EXP          e^x
 * LOG          ln(x)
 * GELU_TANH    0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
 * GELU_ERF     0.5 x (1 + erf(x / sqrt(2)))
 * SWISH        x * logistic(alpha * x)
 * CLIP         min(max(x, alpha), beta)               (beta >= alpha)
 * HARDSWISH    x * max(0, min(1, alpha * x + beta))   (oneDNN uses alpha = 1/6, beta = 1/2)
 * HARDSIGMOID  max(0, min(1, alpha * x + beta))
 * MISH         x * tanh(ln(1 + e^x))
 * POW          alpha * x^beta
 * </pre>
 */
public enum EltwiseAlg {
    RELU,
    TANH,
    ELU,
    SQUARE,
    ABS,
    SQRT,
    LINEAR,
    SOFT_RELU,
    LOGISTIC,
    EXP,
    LOG,
    GELU_TANH,
    GELU_ERF,
    SWISH,
    CLIP,
    HARDSWISH,
    HARDSIGMOID,
    MISH,
    POW;

    /** benchdnn's name: {@code relu}, {@code gelu_erf}, {@code soft_relu}. */
    public String shortName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** oneDNN's algorithm name: {@code eltwise_relu}. */
    public String oneDnnName() {
        return "eltwise_" + shortName();
    }

    /** Parses benchdnn's name ({@code relu}) or oneDNN's ({@code eltwise_relu}); {@code bounded_relu} is not supported. */
    public static EltwiseAlg of(String name) {
        JdnnException.requireNonNull(name, "eltwise algorithm");
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith("eltwise_")) {
            n = n.substring("eltwise_".length());
        }
        if (n.equals("gelu")) {
            n = "gelu_tanh";
        }
        for (EltwiseAlg a : values()) {
            if (a.shortName().equals(n)) {
                return a;
            }
        }
        throw JdnnException.invalid("unknown eltwise algorithm '" + name + "'");
    }

    /** Checks alpha and beta for this algorithm; throws INVALID_ARGUMENTS naming them. */
    public void validate(float alpha, float beta) {
        if (this == CLIP && !(beta >= alpha)) {
            throw JdnnException.invalid("eltwise clip: beta = " + beta + " must be >= alpha = " + alpha);
        }
        if (this == SOFT_RELU && alpha == 0f) {
            throw JdnnException.invalid("eltwise soft_relu: alpha = 0 (the function divides by alpha; use 1 for softplus)");
        }
    }
}
