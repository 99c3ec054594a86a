package dev.jdnn.bench.report;

import java.math.BigDecimal;
import java.math.MathContext;

/** Number formatting as benchdnn's C code prints it. */
public final class Numbers {
    private Numbers() {
    }

    /** C's {@code %g}: 6 significant digits, no trailing zeros, exponent form only for very large or small values. */
    public static String g(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            String s = String.format("%.5e", v).replaceAll("\\.?0+e", "e");
            return s.replaceAll("e([+-])(\\d)$", "e$10$2");
        }
        return d.toPlainString();
    }
}
