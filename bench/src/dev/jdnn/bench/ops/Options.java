package dev.jdnn.bench.ops;

import dev.jdnn.memory.DataType;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The benchdnn options that shape a problem: direction, data type, layouts, algorithm and its
 * parameters, minibatch override, attributes, and jdnn's implementation choice. Immutable; use
 * the {@code with*} methods.
 *
 * @param dir     benchdnn direction ({@code FWD_B}, {@code FWD_D}, {@code FWD_I}, {@code BWD_D}, ...), or null for the driver's default
 * @param dt      data type of every tensor
 * @param stag    src layout ({@code any}, {@code nchw}, {@code abx}, ...)
 * @param wtag    weights layout
 * @param dtag    dst layout
 * @param alg     algorithm name for pool/eltwise/binary, or null for the driver's default
 * @param alpha   eltwise alpha
 * @param beta    eltwise beta
 * @param mb      minibatch override (0 keeps the descriptor's)
 * @param postOps {@code --attr-post-ops} value, empty for none
 * @param oscale  {@code --attr-oscale} value ({@code common:2}, {@code per_oc:0.5}), empty for none
 * @param biasDt  matmul bias data type ({@code --bia-dt}), null for no bias
 * @param biasMask matmul bias mask ({@code --bia_mask})
 * @param impl    implementation to force ({@code --impl}), null for normal dispatch
 * @param extras  every other benchdnn option set to a non-default value, by name without {@code --}
 *                ({@code axis -> 3}, {@code attr-zero-points -> src:common:1}), sorted by name; a problem
 *                refuses as UNIMPLEMENTED those it cannot honor ({@link Problems#requireSupported})
 */
public record Options(String dir, DataType dt, String stag, String wtag, String dtag, String alg, float alpha,
        float beta, long mb, String postOps, String oscale, DataType biasDt, int biasMask, String impl,
        SortedMap<String, String> extras) {

    /** benchdnn's defaults. */
    public static final Options DEFAULTS = new Options(null, DataType.F32, "any", "any", "any", null, 0f, 0f, 0, "", "",
            null, 2, null, Collections.emptySortedMap());

    public Options {
        extras = Collections.unmodifiableSortedMap(new TreeMap<>(extras));
    }

    /** The value of extra option {@code name}, or {@code fallback} when it is not set. */
    public String extra(String name, String fallback) {
        return extras.getOrDefault(name, fallback);
    }

    public Options withExtra(String name, String value) {
        TreeMap<String, String> e = new TreeMap<>(extras);
        if (value == null) {
            e.remove(name);
        } else {
            e.put(name, value);
        }
        return new Options(dir, dt, stag, wtag, dtag, alg, alpha, beta, mb, postOps, oscale, biasDt, biasMask, impl, e);
    }

    public Options withDir(String v) {
        return new Options(v, dt, stag, wtag, dtag, alg, alpha, beta, mb, postOps, oscale, biasDt, biasMask, impl, extras);
    }

    public Options withDt(DataType v) {
        return new Options(dir, v, stag, wtag, dtag, alg, alpha, beta, mb, postOps, oscale, biasDt, biasMask, impl, extras);
    }

    public Options withTags(String s, String w, String d) {
        return new Options(dir, dt, s, w, d, alg, alpha, beta, mb, postOps, oscale, biasDt, biasMask, impl, extras);
    }

    public Options withAlg(String v) {
        return new Options(dir, dt, stag, wtag, dtag, v, alpha, beta, mb, postOps, oscale, biasDt, biasMask, impl, extras);
    }

    public Options withAlphaBeta(float a, float b) {
        return new Options(dir, dt, stag, wtag, dtag, alg, a, b, mb, postOps, oscale, biasDt, biasMask, impl, extras);
    }

    public Options withMb(long v) {
        return new Options(dir, dt, stag, wtag, dtag, alg, alpha, beta, v, postOps, oscale, biasDt, biasMask, impl, extras);
    }

    public Options withPostOps(String v) {
        return new Options(dir, dt, stag, wtag, dtag, alg, alpha, beta, mb, v, oscale, biasDt, biasMask, impl, extras);
    }

    public Options withOscale(String v) {
        return new Options(dir, dt, stag, wtag, dtag, alg, alpha, beta, mb, postOps, v, biasDt, biasMask, impl, extras);
    }

    public Options withBias(DataType v, int mask) {
        return new Options(dir, dt, stag, wtag, dtag, alg, alpha, beta, mb, postOps, oscale, v, mask, impl, extras);
    }

    public Options withImpl(String v) {
        return new Options(dir, dt, stag, wtag, dtag, alg, alpha, beta, mb, postOps, oscale, biasDt, biasMask, v, extras);
    }
}
