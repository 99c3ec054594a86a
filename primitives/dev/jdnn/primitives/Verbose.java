package dev.jdnn.primitives;

import dev.jdnn.engines.Settings;
import dev.jdnn.memory.MemoryDesc;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Verbose mode, in oneDNN's spirit: {@code -Djdnn.verbose=N} or {@code JDNN_VERBOSE=N}.
 * Level 1 prints one CSV line per primitive creation and execution:
 * <pre>
 * jdnn_verbose,exec,cpu,convolution,ref,forward_training,src_f32::blocked:abcd::f0 wei_f32::blocked:abcd::f0 dst_f32::blocked:abcd::f0,attr-post-ops:relu,alg:convolution_direct,mb1ic3ih8iw8oc4oh8ow8kh3kw3sh1sw1ph1pw1dh0dw0,0.052
 * </pre>
 * (event, engine, primitive kind, implementation, propagation, memory descriptors, attributes,
 * algorithm, problem in benchdnn syntax, milliseconds). Level 2 also prints which
 * implementations refused a descriptor and why.
 */
public final class Verbose {
    private static volatile int level = Settings.getInt("jdnn.verbose", "JDNN_VERBOSE", 0);
    private static volatile PrintStream out = System.out;

    private Verbose() {
    }

    public static int level() {
        return level;
    }

    public static void setLevel(int newLevel) {
        level = newLevel;
    }

    /** Where lines go (standard output by default). */
    public static void setOutput(PrintStream stream) {
        out = stream == null ? System.out : stream;
    }

    static void create(PrimitiveDesc pd, boolean cacheHit, double ms) {
        if (level > 0) {
            print("create:" + (cacheHit ? "cache_hit" : "cache_miss"), pd, ms);
        }
    }

    static void exec(PrimitiveDesc pd, double ms) {
        print("exec", pd, ms);
    }

    static void refused(OpDesc desc, String impl, String reason) {
        if (level > 1) {
            out.println("jdnn_verbose,dispatch," + desc.kind().oneDnnName() + "," + impl + ",refused,"
                    + desc.problem() + "," + reason.replace(',', ';'));
        }
    }

    private static void print(String event, PrimitiveDesc pd, double ms) {
        StringBuilder sb = new StringBuilder("jdnn_verbose,").append(event).append(',').append(pd.engine().kind())
                .append(',').append(pd.kind().oneDnnName()).append(',').append(pd.implName()).append(',')
                .append(pd.propKind().oneDnnName()).append(',');
        boolean first = true;
        for (Map.Entry<Arg, MemoryDesc> e : pd.arguments().entrySet()) {
            sb.append(first ? "" : " ").append(e.getKey().shortName()).append('_').append(mdString(e.getValue()));
            first = false;
        }
        sb.append(',').append(attrString(pd)).append(',');
        String alg = pd.desc().algorithm();
        sb.append(alg.isEmpty() ? "" : "alg:" + alg).append(',').append(pd.problem()).append(',')
                .append(String.format(Locale.ROOT, "%.3f", ms));
        out.println(sb);
    }

    /** {@code f32::blocked:acdb::f0}, as oneDNN prints a memory descriptor. */
    static String mdString(MemoryDesc md) {
        return md.dataType().shortName() + "::blocked:" + md.format() + "::f0";
    }

    private static String attrString(PrimitiveDesc pd) {
        Attr attr = pd.attr();
        StringBuilder sb = new StringBuilder();
        if (!attr.outputScales().isNone()) {
            sb.append("attr-oscale:").append(attr.outputScales());
        }
        if (!attr.postOps().isEmpty()) {
            long[] dst = pd.query(Arg.DST).map(MemoryDesc::dims).orElse(new long[0]);
            sb.append(sb.isEmpty() ? "" : " ").append("attr-post-ops:").append(attr.postOps().benchdnnString(dst));
        }
        return sb.toString();
    }
}
