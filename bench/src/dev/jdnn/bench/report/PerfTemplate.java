package dev.jdnn.bench.report;

import dev.jdnn.bench.desc.BadInputException;
import dev.jdnn.bench.ops.Options;
import dev.jdnn.bench.ops.Problem;
import dev.jdnn.bench.run.PerfResult;
import dev.jdnn.bench.run.Repro;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * benchdnn's {@code --perf-template}: text with {@code %field%} terminals replaced per problem.
 * {@code def} and {@code csv} are benchdnn's built-in templates (both carry {@code %impl%}).
 *
 * <p>Fields: {@code %engine% %impl% %name% %prb% %desc% %DESC% %driver% %idx% %dir% %cfg% %dt%
 * %sdt% %ddt% %alg% %attr% %stag% %wtag% %dtag% %tag% %mb% %axis% %flags%}, and the measured ones
 * with benchdnn's modifiers, time first ({@code -} min, default; {@code 0} average; {@code +} max)
 * then unit ({@code K}, {@code M}, {@code G}): {@code %@time%} (ms), {@code %@ops%},
 * {@code %@flops%} (ops per second), {@code %@ctime%} (creation ms; also {@code cpdtime},
 * {@code cptime}), {@code %@ibytes% %@obytes% %@iobytes%}, {@code %@bw%} (bytes per second),
 * and {@code %@freq%} / {@code %@clocks%}, which jdnn does not measure and prints as 0.
 */
public final class PerfTemplate {
    /** benchdnn's default template. */
    public static final String DEFAULT = "perf,%engine%,%impl%,%name%,%prb%,%Gops%,%+ctime%,%-time%,%-Gflops%,%0time%,%0Gflops%";

    private static final String CSV_HEAD = "perf,%engine%,%impl%,%name%,";
    private static final String CSV_TAIL = ",%attr%,%DESC%,%Gops%,%+ctime%,%-time%,%-Gflops%,%0time%,%0Gflops%";

    /** The driver-specific middle of benchdnn's csv template. */
    private static final Map<String, String> CSV_ARGS = Map.ofEntries(
            Map.entry("conv", "%dir%,%cfg%,%stag%,%wtag%,%dtag%,%alg%"),
            Map.entry("deconv", "%dir%,%cfg%,%stag%,%wtag%,%dtag%,%alg%"),
            Map.entry("ip", "%dir%,%cfg%,%stag%,%wtag%,%dtag%"),
            Map.entry("matmul", "%cfg%,%stag%,%wtag%,%dtag%"),
            Map.entry("pool", "%dir%,%cfg%,%tag%,%alg%"),
            Map.entry("eltwise", "%dir%,%dt%,%tag%,%alg%"),
            Map.entry("softmax", "%dir%,%sdt%,%ddt%,%stag%,%dtag%,%alg%,%axis%"),
            Map.entry("bnorm", "%dir%,%dt%,%tag%,%flags%"),
            Map.entry("lnorm", "%dir%,%dt%,%tag%,%flags%"),
            Map.entry("binary", "%sdt%,%ddt%,%stag%,%alg%"),
            Map.entry("reorder", "%sdt%,%ddt%,%stag%,%dtag%"),
            Map.entry("sum", "%sdt%,%ddt%,%stag%,%dtag%"),
            Map.entry("concat", "%sdt%,%ddt%,%stag%,%dtag%,%axis%"),
            Map.entry("gemm", "%cfg%"));

    private static final Pattern FIELD = Pattern.compile("%([^%]*)%");
    private static final Pattern MEASURED = Pattern.compile("([-0+=]?)([KMG]?)(time|ops|flops|ctime|cpdtime|cptime|ibytes|obytes|iobytes|bw|freq|clocks)");
    private static final Set<String> PLAIN = Set.of("engine", "impl", "name", "prb", "desc", "DESC", "driver", "idx", "dir",
            "cfg", "dt", "sdt", "ddt", "alg", "attr", "stag", "wtag", "dtag", "tag", "mb", "axis", "flags");

    private PerfTemplate() {
    }

    /** Returns {@code template} if it is {@code def}, {@code csv} or made of known fields; else a user mistake. */
    public static String check(String template) {
        if (template.equals("def") || template.equals("csv")) {
            return template;
        }
        Matcher m = FIELD.matcher(template);
        while (m.find()) {
            String f = m.group(1);
            if (!PLAIN.contains(f) && !MEASURED.matcher(f).matches()) {
                throw new BadInputException("--perf-template: unknown field '%" + f + "%'");
            }
        }
        return template;
    }

    /** The template text {@code setting} stands for, for problems of {@code driver}. */
    public static String resolve(String setting, String driver) {
        return switch (setting) {
            case "def" -> DEFAULT;
            case "csv" -> CSV_HEAD + CSV_ARGS.getOrDefault(driver, "%dir%") + CSV_TAIL;
            default -> setting;
        };
    }

    /** One perf line: {@code template} with every field of {@code r} filled in. */
    public static String format(String template, PerfResult r) {
        Matcher m = FIELD.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(field(m.group(1), r)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String field(String f, PerfResult r) {
        Problem p = r.problem();
        Options o = p.options();
        return switch (f) {
            case "engine" -> "cpu";
            case "impl" -> r.implName();
            case "name" -> p.name().isEmpty() ? "" : "\"" + p.name() + "\"";
            case "prb" -> Repro.of(p, r.settings());
            case "desc" -> p.descriptor();
            case "DESC" -> p.csvValues();
            case "driver" -> p.driver();
            case "idx" -> String.valueOf(r.index());
            case "dir" -> o.dir() == null ? defaultDir(p.driver()) : o.dir();
            case "cfg", "dt" -> o.extra("dt", o.dt().shortName());
            case "sdt" -> o.extra("sdt", o.extra("dt", o.dt().shortName()));
            case "ddt" -> o.extra("ddt", o.extra("dt", o.dt().shortName()));
            case "alg" -> o.alg() == null ? "" : o.alg();
            case "attr" -> attr(o);
            case "stag", "tag" -> o.stag();
            case "wtag" -> o.wtag();
            case "dtag" -> o.dtag();
            case "mb" -> String.valueOf(o.mb());
            case "axis" -> o.extra("axis", "1");
            case "flags" -> o.extra("flags", "");
            default -> measured(f, r);
        };
    }

    private static String measured(String f, PerfResult r) {
        Matcher m = MEASURED.matcher(f);
        if (!m.matches()) {
            return "%" + f + "%";
        }
        String which = m.group(1);
        double ms = switch (which) {
            case "0" -> r.measurement().avgMs();
            case "+" -> r.measurement().maxMs();
            case "=" -> r.measurement().medianMs();
            default -> r.measurement().minMs();
        };
        double unit = switch (m.group(2)) {
            case "K" -> 1e3;
            case "M" -> 1e6;
            case "G" -> 1e9;
            default -> 1;
        };
        double value = switch (m.group(3)) {
            case "time" -> ms;
            case "ctime", "cpdtime", "cptime" -> r.measurement().createMs();
            case "ops" -> r.problem().flops() / unit;
            case "flops" -> r.problem().flops() / (ms / 1e3) / unit;
            case "ibytes" -> r.inputBytes() / unit;
            case "obytes" -> r.outputBytes() / unit;
            case "iobytes" -> (r.inputBytes() + r.outputBytes()) / unit;
            case "bw" -> (r.inputBytes() + r.outputBytes()) / (ms / 1e3) / unit;
            default -> 0; // freq, clocks: not measured
        };
        return Numbers.g(value);
    }

    /** benchdnn's {@code %attr%}: the attribute options in force, as they are written. */
    private static String attr(Options o) {
        StringBuilder sb = new StringBuilder();
        if (!o.postOps().isEmpty()) {
            sb.append("--attr-post-ops=").append(o.postOps());
        }
        if (!o.oscale().isEmpty()) {
            sb.append(sb.isEmpty() ? "" : " ").append("--attr-oscale=").append(o.oscale());
        }
        for (Map.Entry<String, String> e : o.extras().entrySet()) {
            if (e.getKey().startsWith("attr-")) {
                sb.append(sb.isEmpty() ? "" : " ").append("--").append(e.getKey()).append('=').append(e.getValue());
            }
        }
        return sb.toString();
    }

    private static String defaultDir(String driver) {
        return switch (driver.toLowerCase(Locale.ROOT)) {
            case "conv", "deconv", "ip" -> "FWD_B";
            case "matmul", "binary", "reorder", "sum", "concat", "gemm" -> "";
            default -> "FWD_D";
        };
    }
}
