package dev.jdnn.bench.run;

import dev.jdnn.bench.desc.BadInputException;
import java.util.Locale;

/**
 * benchdnn's {@code --mode}: what is done with each problem.
 *
 * @param list        L: parse and list only
 * @param init        I: also create the implementation
 * @param run         R: also execute once
 * @param correctness C: compare with the reference implementation
 * @param performance P: time the implementation
 * @param text        the mode as given ({@code C}, {@code P}, {@code CP}, ...)
 */
public record Mode(boolean list, boolean init, boolean run, boolean correctness, boolean performance, String text) {
    /** benchdnn's default, correctness. */
    public static final Mode CORRECTNESS = new Mode(false, false, false, true, false, "C");

    /**
     * {@code C}, {@code P}, {@code CP} (both), {@code F} (fast performance: P with at most 10 ms
     * per problem), {@code R} (run once), {@code I} (create only), {@code L} (list), any case.
     */
    public static Mode parse(String value) {
        String v = value.toUpperCase(Locale.ROOT);
        return switch (v) {
            case "C" -> CORRECTNESS;
            case "P", "F" -> new Mode(false, false, false, false, true, v);
            case "CP", "PC" -> new Mode(false, false, false, true, true, "CP");
            case "R" -> new Mode(false, false, true, false, false, v);
            case "I" -> new Mode(false, true, false, false, false, v);
            case "L" -> new Mode(true, false, false, false, false, v);
            default -> throw new BadInputException("--mode=" + value + ": expected C, P, CP, F, R, I or L");
        };
    }

    /** Whether the fast-performance alias was given. */
    public boolean fast() {
        return text.equals("F");
    }
}
