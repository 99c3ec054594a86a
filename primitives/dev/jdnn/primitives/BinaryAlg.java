package dev.jdnn.primitives;

import dev.jdnn.memory.JdnnException;
import java.util.Locale;

/** Binary operations (the binary primitive and binary post-ops); comparisons give 1 or 0. */
public enum BinaryAlg {
    ADD, MUL, MAX, MIN, DIV, SUB, GE, GT, LE, LT, EQ, NE;

    /** benchdnn's name: {@code add}. */
    public String shortName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** oneDNN's name: {@code binary_add}. */
    public String oneDnnName() {
        return "binary_" + shortName();
    }

    /** Parses benchdnn's ({@code add}) or oneDNN's ({@code binary_add}) name. */
    public static BinaryAlg of(String name) {
        JdnnException.requireNonNull(name, "binary algorithm");
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith("binary_")) {
            n = n.substring("binary_".length());
        }
        for (BinaryAlg a : values()) {
            if (a.shortName().equals(n)) {
                return a;
            }
        }
        throw JdnnException.invalid("unknown binary algorithm '" + name + "'");
    }

    /** {@code a op b}. */
    public float apply(float a, float b) {
        return switch (this) {
            case ADD -> a + b;
            case MUL -> a * b;
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            case DIV -> a / b;
            case SUB -> a - b;
            case GE -> a >= b ? 1f : 0f;
            case GT -> a > b ? 1f : 0f;
            case LE -> a <= b ? 1f : 0f;
            case LT -> a < b ? 1f : 0f;
            case EQ -> a == b ? 1f : 0f;
            case NE -> a != b ? 1f : 0f;
        };
    }
}
