package dev.jdnn.memory;

/** Overflow-checked arithmetic for sizes and offsets. */
final class Checks {
    private Checks() {
    }

    static long multiply(long a, long b, String what) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw JdnnException.invalid(what + " overflows a 64-bit size (" + a + " * " + b + ")");
        }
    }

    static long add(long a, long b, String what) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw JdnnException.invalid(what + " overflows a 64-bit size (" + a + " + " + b + ")");
        }
    }
}
