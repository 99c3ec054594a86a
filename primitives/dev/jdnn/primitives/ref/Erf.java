package dev.jdnn.primitives.ref;

/**
 * The error function in double precision (the JDK has none). For |x| < 3 the Maclaurin series
 * {@code 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1))} converges to full double precision
 * (its largest term is about 170, so cancellation costs under 3 digits); beyond, the continued
 * fraction of erfc converges quickly; from 6 on, erf is 1 to double precision.
 */
public final class Erf {
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
    private static final double ONE_OVER_SQRT_PI = 0.5641895835477563;

    private Erf() {
    }

    /**
     * The complementary error function 1 - erf(x), accurate in relative terms also where it is tiny
     * (large x): the continued fraction is used directly there, never 1 - erf.
     */
    public static double erfc(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (x < 0) {
            return 2 - erfc(-x);
        }
        if (x < 3) {
            return 1 - series(x);
        }
        return x < 27 ? erfcContinuedFraction(x) : 0;
    }

    public static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double a = Math.abs(x);
        double r;
        if (a < 3) {
            r = series(a);
        } else if (a < 6) {
            r = 1 - erfcContinuedFraction(a);
        } else {
            r = 1;
        }
        return x < 0 ? -r : r;
    }

    private static double series(double x) {
        double x2 = x * x;
        double term = x;
        double sum = x;
        for (int n = 1; n < 200; n++) {
            term *= -x2 / n;
            double add = term / (2 * n + 1);
            sum += add;
            if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * sum;
    }

    /** erfc(x) = e^{-x^2}/sqrt(pi) * 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...)))), evaluated by Lentz's method. */
    private static double erfcContinuedFraction(double x) {
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int n = 1; n < 500; n++) {
            double an = n / 2.0;
            d = x + an * d;
            d = d == 0 ? tiny : d;
            c = x + an / c;
            c = c == 0 ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(-x * x) * ONE_OVER_SQRT_PI / f;
    }
}
