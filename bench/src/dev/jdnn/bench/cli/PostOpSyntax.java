package dev.jdnn.bench.cli;

import dev.jdnn.bench.desc.BenchdnnNames;

import dev.jdnn.bench.desc.BadInputException;
import java.util.Locale;

/**
 * Checks one element of benchdnn's {@code --attr-post-ops} list: {@code OP[+OP..]} where OP is
 * {@code sum[:SCALE[:ZERO_POINT[:DT]]]}, {@code ELTWISE[:ALPHA[:BETA[:SCALE]]]},
 * {@code BINARY[:DT[:POLICY_OR_MASK[:TAG]]]}, {@code dw:kKsSpP[:DT]} or {@code prelu[:POLICY]}.
 * Only the syntax is checked here; what jdnn cannot compute is reported when the problem runs.
 */
final class PostOpSyntax {
    private PostOpSyntax() {
    }

    static void check(String spec) {
        if (spec.isEmpty()) {
            return;
        }
        for (String entry : spec.split("\\+", -1)) {
            String[] f = entry.split(":", -1);
            String kind = f[0].toLowerCase(Locale.ROOT);
            if (kind.equals("sum")) {
                numbers(entry, f, 1, 2);
            } else if (kind.equals("dw")) {
                if (f.length < 2 || !f[1].matches("k\\d+s\\d+p\\d+")) {
                    throw bad(entry, "a depth-wise post-op is dw:kKsSpP[:DT]");
                }
            } else if (kind.equals("prelu")) {
                continue;
            } else if (BenchdnnNames.isBinary(kind)) {
                continue;
            } else if (BenchdnnNames.isEltwise(kind)) {
                numbers(entry, f, 1, 3);
            } else {
                throw bad(entry, "unknown post-op '" + f[0] + "'");
            }
        }
    }

    private static void numbers(String entry, String[] fields, int from, int to) {
        for (int i = from; i <= to && i < fields.length; i++) {
            try {
                if (!fields[i].isEmpty()) {
                    Float.parseFloat(fields[i]);
                }
            } catch (NumberFormatException e) {
                throw bad(entry, "'" + fields[i] + "' is not a number");
            }
        }
    }

    private static BadInputException bad(String entry, String why) {
        return new BadInputException("--attr-post-ops: '" + entry + "': " + why);
    }
}
