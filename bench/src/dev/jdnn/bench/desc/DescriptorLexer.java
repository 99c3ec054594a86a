package dev.jdnn.bench.desc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a benchdnn problem descriptor such as {@code g1mb50ic3ih224oc64oh112kh7sh2ph3n"resnet_50:conv1"}
 * into {@code key -> value} pairs and a name. Underscores between entries are ignored; the name
 * follows {@code n}, quoted or not, and runs to the end. As in benchdnn, an entry given twice
 * takes its last value (oneDNN's own shape files contain {@code pw1pw1}).
 */
public final class DescriptorLexer {
    /** The entries and the name of one descriptor. */
    public record Lexed(Map<String, Long> values, String name, double eps) {
        public long get(String key, long fallback) {
            return values.getOrDefault(key, fallback);
        }

        public boolean has(String key) {
            return values.containsKey(key);
        }
    }

    private DescriptorLexer() {
    }

    /**
     * Lexes {@code descriptor} with the entry names in {@code keys} (longest match first);
     * {@code withEps} also accepts {@code epsF} (a float, for normalizations).
     */
    public static Lexed lex(String descriptor, List<String> keys, boolean withEps) {
        Map<String, Long> values = new LinkedHashMap<>();
        String name = "";
        double eps = Double.NaN;
        int pos = 0;
        String s = descriptor;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '_') {
                pos++;
                continue;
            }
            String key = matchKey(s, pos, keys);
            if (key != null) {
                int start = pos + key.length();
                int end = start;
                while (end < s.length() && Character.isDigit(s.charAt(end))) {
                    end++;
                }
                if (end == start || end - start > 18) {
                    throw new BadInputException("descriptor '" + descriptor + "': '" + key + "' needs a number at position " + start);
                }
                values.put(key, Long.parseLong(s.substring(start, end))); // benchdnn: a repeated entry overrides
                pos = end;
                continue;
            }
            if (withEps && s.startsWith("eps", pos)) {
                int end = pos + 3;
                while (end < s.length() && "0123456789.eE+-".indexOf(s.charAt(end)) >= 0 && s.charAt(end) != 'n') {
                    end++;
                }
                try {
                    eps = Double.parseDouble(s.substring(pos + 3, end));
                } catch (NumberFormatException e) {
                    throw new BadInputException("descriptor '" + descriptor + "': bad eps '" + s.substring(pos, end) + "'");
                }
                pos = end;
                continue;
            }
            if (c == 'n') {
                name = unquote(s.substring(pos + 1));
                break;
            }
            throw new BadInputException("descriptor '" + descriptor + "': unexpected '" + s.substring(pos, Math.min(s.length(), pos + 12))
                    + "' at position " + pos);
        }
        return new Lexed(values, name, eps);
    }

    private static String matchKey(String s, int pos, List<String> keys) {
        String best = null;
        for (String k : keys) {
            if (s.startsWith(k, pos) && pos + k.length() < s.length() && Character.isDigit(s.charAt(pos + k.length()))
                    && (best == null || k.length() > best.length())) {
                best = k;
            }
        }
        return best;
    }

    /** A name with its quotes removed ({@code "resnet_50:conv1"} -> {@code resnet_50:conv1}). */
    static String unquote(String name) {
        String n = name;
        if (n.startsWith("\"")) {
            n = n.substring(1);
            int close = n.indexOf('"');
            if (close >= 0) {
                n = n.substring(0, close);
            }
        }
        return n;
    }

    /**
     * The repeat count benchdnn's batch files put at the end of a name ({@code res2a_branch2b*3}
     * occurs 3 times in the network), 1 when absent.
     */
    public static int repeatCount(String name) {
        int star = name.lastIndexOf('*');
        if (star < 0) {
            return 1;
        }
        try {
            return Math.max(1, Integer.parseInt(name.substring(star + 1)));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
