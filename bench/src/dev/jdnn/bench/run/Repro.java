package dev.jdnn.bench.run;

import dev.jdnn.bench.ops.Options;
import dev.jdnn.bench.ops.Problem;
import dev.jdnn.memory.DataType;
import java.util.Map;
import java.util.Set;

/**
 * A problem as a command line that reproduces it (benchdnn's {@code __REPRO} and {@code %prb%}):
 * the common options that differ from the defaults, the driver, its options that differ from the
 * defaults, and the descriptor with every value explicit ({@code --mb} is already applied to it).
 */
public final class Repro {
    /** Drivers that name their one layout {@code --tag} rather than {@code --stag}. */
    private static final Set<String> TAG_DRIVERS = Set.of("pool", "eltwise", "bnorm", "lnorm");

    private Repro() {
    }

    public static String of(Problem problem, RunSettings settings) {
        StringBuilder sb = new StringBuilder();
        if (!settings.mode().text().equals("C")) {
            sb.append("--mode=").append(settings.mode().text()).append(' ');
        }
        if (settings.threads() > 0) {
            sb.append("--threads=").append(settings.threads()).append(' ');
        }
        sb.append("--").append(problem.driver()).append(' ');
        sb.append(options(problem.driver(), problem.options()));
        return sb.append(problem.descriptor()).toString();
    }

    /** The driver options that differ from benchdnn's defaults, each followed by a space. */
    static String options(String driver, Options o) {
        StringBuilder sb = new StringBuilder();
        if (o.dir() != null) {
            sb.append("--dir=").append(o.dir()).append(' ');
        }
        String dt = o.extra("dt", o.dt().shortName());
        if (!dt.equals(DataType.F32.shortName())) {
            sb.append("--dt=").append(dt).append(' ');
        }
        if (TAG_DRIVERS.contains(driver)) {
            appendIf(sb, "tag", o.stag(), "any");
        } else {
            appendIf(sb, "stag", o.stag(), "any");
            appendIf(sb, "wtag", o.wtag(), "any");
            appendIf(sb, "dtag", o.dtag(), "any");
        }
        if (o.alg() != null) {
            sb.append("--alg=").append(o.alg()).append(' ');
        }
        if (o.alpha() != 0f) {
            sb.append("--alpha=").append(number(o.alpha())).append(' ');
        }
        if (o.beta() != 0f) {
            sb.append("--beta=").append(number(o.beta())).append(' ');
        }
        if (o.biasDt() != null) {
            sb.append("--bia-dt=").append(o.biasDt().shortName()).append(' ');
            appendIf(sb, "bia_mask", String.valueOf(o.biasMask()), "2");
        }
        appendIf(sb, "attr-post-ops", o.postOps(), "");
        appendIf(sb, "attr-oscale", o.oscale(), "");
        for (Map.Entry<String, String> e : o.extras().entrySet()) {
            if (e.getKey().equals("dt")) {
                continue; // written above, in benchdnn's place
            }
            sb.append("--").append(e.getKey()).append('=').append(e.getValue()).append(' ');
        }
        if (o.impl() != null) {
            sb.append("--impl=").append(o.impl()).append(' ');
        }
        return sb.toString();
    }

    private static void appendIf(StringBuilder sb, String name, String value, String fallback) {
        if (value != null && !value.equals(fallback)) {
            sb.append("--").append(name).append('=').append(value).append(' ');
        }
    }

    /** {@code 0.5}, {@code 2} (no trailing {@code .0}). */
    static String number(float v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
