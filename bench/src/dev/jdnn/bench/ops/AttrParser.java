package dev.jdnn.bench.ops;

import dev.jdnn.bench.desc.BadInputException;
import dev.jdnn.bench.desc.BenchdnnNames;
import dev.jdnn.memory.DataType;
import dev.jdnn.memory.FormatTag;
import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.primitives.Attr;
import dev.jdnn.primitives.BinaryAlg;
import dev.jdnn.primitives.BroadcastPolicy;
import dev.jdnn.primitives.EltwiseAlg;
import dev.jdnn.primitives.OutputScales;
import dev.jdnn.primitives.PostOp;
import dev.jdnn.primitives.PostOps;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * benchdnn's attribute syntax.
 * <ul>
 *   <li>{@code --attr-post-ops=OP[+OP..]} where OP is {@code SUM[:SCALE]},
 *       {@code ELTWISE[:ALPHA[:BETA[:SCALE]]]} (an eltwise name: {@code relu}, {@code gelu_erf}, ...)
 *       or {@code BINARY:DT[:POLICY[:TAG]]} (a binary name: {@code add}, {@code mul}, ...; policy
 *       {@code common}, {@code per_oc}, {@code per_tensor}, ...; see {@link BroadcastPolicy}).</li>
 *   <li>{@code --attr-oscale=POLICY:SCALE}: {@code common:2} or {@code per_oc:0.5} (per-channel scales
 *       are made from SCALE as benchdnn does: SCALE, SCALE/2, SCALE/4, ... cycling over 4 values).</li>
 * </ul>
 */
public final class AttrParser {
    private AttrParser() {
    }

    /** The attributes for a destination of {@code dstDims}; {@code channelAxis} is the per_oc axis. */
    public static Attr parse(String postOps, String oscale, long[] dstDims, int channelAxis) {
        Attr attr = Attr.NONE;
        if (postOps != null && !postOps.isBlank()) {
            attr = attr.withPostOps(parsePostOps(postOps, dstDims));
        }
        if (oscale != null && !oscale.isBlank()) {
            attr = attr.withOutputScales(parseOscale(oscale, dstDims, channelAxis));
        }
        return attr;
    }

    /**
     * jdnn's post-ops for benchdnn's spec. The spec's syntax is benchdnn's (the command-line
     * parser has checked it); what jdnn cannot compute (depth-wise and prelu post-ops, a sum with a
     * zero point or data type, an algorithm jdnn lacks) throws UNIMPLEMENTED.
     */
    public static PostOps parsePostOps(String spec, long[] dstDims) {
        List<PostOp> ops = new ArrayList<>();
        for (String entry : spec.split("\\+")) {
            String[] f = entry.split(":", -1);
            String kind = f[0].toLowerCase(Locale.ROOT);
            try {
                if (kind.equals("sum")) {
                    ops.add(sum(f, entry));
                } else if (kind.equals("dw") || kind.equals("prelu")) {
                    throw JdnnException.unimplemented("jdnn has no " + kind + " post-op");
                } else if (BenchdnnNames.isBinary(kind)) {
                    ops.add(binary(kind, f, entry, dstDims));
                } else {
                    EltwiseAlg alg = Algorithms.eltwise(kind, "--attr-post-ops");
                    float alpha = f.length > 1 ? number(f[1], entry) : 0f;
                    float beta = f.length > 2 ? number(f[2], entry) : 0f;
                    float scale = f.length > 3 ? number(f[3], entry) : 1f;
                    ops.add(new PostOp.Eltwise(alg, alpha, beta, scale));
                }
            } catch (JdnnException e) {
                // A valid benchdnn post-op jdnn lacks is UNIMPLEMENTED; bad parameters stay INVALID_ARGUMENTS.
                throw new JdnnException(e.status(), "--attr-post-ops: '" + entry + "': " + e.getMessage());
            }
        }
        return PostOps.of(ops.toArray(new PostOp[0]));
    }

    /** {@code sum[:SCALE[:ZERO_POINT[:DATA_TYPE]]]}: jdnn's sum has a scale only. */
    private static PostOp sum(String[] f, String entry) {
        boolean zeroPoint = f.length > 2 && !f[2].isEmpty() && number(f[2], entry) != 0f;
        boolean dataType = f.length > 3 && !f[3].isEmpty() && !f[3].equalsIgnoreCase("f32");
        if (zeroPoint || dataType) {
            throw JdnnException.unimplemented("jdnn's sum post-op has no zero point or data type");
        }
        return new PostOp.Sum(f.length > 1 && !f[1].isEmpty() ? number(f[1], entry) : 1f);
    }

    /** {@code BINARY[:DT[:POLICY_OR_MASK[:TAG]]]}; a number is a mask ({@code add:f32:13}). */
    private static PostOp binary(String kind, String[] f, String entry, long[] dstDims) {
        DataType dt = f.length > 1 && !f[1].isEmpty() ? DataType.of(f[1]) : DataType.F32;
        String policy = f.length > 2 && !f[2].isEmpty() ? f[2] : "common";
        if (policy.chars().allMatch(Character::isDigit)) {
            policy = "mask" + policy;
        }
        long[] dims = BroadcastPolicy.dims(policy, dstDims);
        FormatTag tag = f.length > 3 && !f[3].isEmpty() && !f[3].equals("any") ? Tags.resolve(f[3], dims.length, "binary tag")
                : FormatTag.plain(dims.length);
        return new PostOp.Binary(Algorithms.binary(kind, "--attr-post-ops"), MemoryDesc.of(dims, dt, tag));
    }

    private static OutputScales parseOscale(String spec, long[] dstDims, int channelAxis) {
        String[] f = spec.split(":", -1);
        String policy = f[0].toLowerCase(Locale.ROOT);
        float scale = f.length > 1 ? number(f[1].replace("*", ""), spec) : 1f;
        if (policy.equals("common")) {
            return OutputScales.common(scale);
        }
        if (policy.equals("per_oc") || policy.equals("per_dim_1")) {
            int count = (int) dstDims[channelAxis];
            float[] scales = new float[count];
            for (int i = 0; i < count; i++) {
                scales[i] = scale / (1 << (i % 4));
            }
            return OutputScales.of(1 << channelAxis, scales);
        }
        throw new BadInputException("--attr-oscale=" + spec + ": policy '" + f[0] + "' is not common or per_oc");
    }

    private static float number(String s, String context) {
        try {
            return Float.parseFloat(s);
        } catch (NumberFormatException e) {
            throw new BadInputException("'" + context + "': '" + s + "' is not a number");
        }
    }
}
