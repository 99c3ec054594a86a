package dev.jdnn.bench.cli;

import dev.jdnn.bench.desc.BenchdnnNames;

import dev.jdnn.bench.desc.BadInputException;
import dev.jdnn.bench.ops.Options;
import dev.jdnn.memory.DataType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The benchdnn options each driver accepts, with their checks and how they map onto
 * {@link Options}. The order of a driver's options is the nesting order of its cartesian product
 * (outermost first), as in benchdnn's drivers.
 */
final class DriverOptions {
    private DriverOptions() {
    }

    private static final Map<String, Map<String, DriverOption>> CACHE = new ConcurrentHashMap<>();

    /** The options of {@code driver}, by name, in product order. */
    static Map<String, DriverOption> of(String driver) {
        return CACHE.computeIfAbsent(driver, DriverOptions::build);
    }

    private static Map<String, DriverOption> build(String driver) {
        Map<String, DriverOption> m = new LinkedHashMap<>();
        switch (driver) {
            case "conv", "deconv" -> {
                add(m, dir("FWD_B"), dt(), tag("stag"), tag("wtag"), tag("dtag"), alg(BenchdnnNames.CONV_ALGS), mb(),
                        biasDt(), DriverOption.extra("strides", "", v -> { }));
            }
            case "ip" -> add(m, dir("FWD_B"), dt(), tag("stag"), tag("wtag"), tag("dtag"), mb(), biasDt());
            case "matmul" -> add(m, dt(), tag("stag"), tag("wtag"), tag("dtag"), biasDt(), biasMask("bia_mask"),
                    biasMask("bia-mask"), DriverOption.extra("strides", "", v -> { }),
                    DriverOption.extra("runtime_dims_masks", "", v -> { }), DriverOption.extra("grouped", "", v -> { }),
                    DriverOption.extra("encoding", "", v -> { }),
                    DriverOption.extra("attr-precomputed-reductions", "", v -> { }));
            case "pool" -> add(m, dir("FWD_D"), dt(), tag("tag"), alg(BenchdnnNames.POOL_ALGS), mb());
            case "eltwise" -> add(m, dir("FWD_D"), dt(), tag("tag"), alg(BenchdnnNames.ELTWISE_ALGS), alpha(), beta(), mb());
            case "softmax" -> add(m, dir("FWD_D"), dataTypes("sdt"), dataTypes("ddt"), tag("stag"), tag("dtag"),
                    alg(BenchdnnNames.SOFTMAX_ALGS), integer("axis", "1"), mb());
            case "bnorm" -> add(m, dir("FWD_D"), dt(), tag("tag"), letters("flags"), mb(),
                    DriverOption.extra("check-alg", "", v -> { }), DriverOption.noEffect("debug-check"));
            case "lnorm" -> add(m, dir("FWD_D"), dt(), tag("tag"), tag("stat_tag"), dataTypes("ss_dt"), letters("flags"),
                    DriverOption.extra("check-alg", "", v -> { }));
            case "binary" -> add(m, dataTypes("sdt"), dataTypes("ddt"), tag("stag"), tag("dtag"), alg(BenchdnnNames.BINARY_ALGS));
            case "reorder" -> add(m, dataTypes("sdt"), dataTypes("ddt"), tag("stag"), tag("dtag"),
                    DriverOption.extra("oflag", "", v -> { }), DriverOption.extra("runtime-dim-mask", "0", v -> { }),
                    DriverOption.extra("cross-engine", "none", v -> { }), DriverOption.extra("def-scales", "", v -> { }),
                    DriverOption.extra("strides", "", v -> { }));
            case "sum" -> add(m, dataTypes("sdt"), dataTypes("ddt"), tag("stag"), tag("dtag"),
                    DriverOption.extra("scales", "", v -> { }));
            case "concat" -> add(m, dataTypes("sdt"), dataTypes("ddt"), tag("stag"), tag("dtag"), integer("axis", "1"));
            case "gemm" -> add(m, dt());
            default -> throw new IllegalArgumentException("no options for driver " + driver);
        }
        if (!driver.equals("gemm")) {
            addAttributes(m);
        }
        return Collections.unmodifiableMap(m);
    }

    /** benchdnn's attribute options and the other settings every primitive driver takes. */
    private static void addAttributes(Map<String, DriverOption> m) {
        add(m, new DriverOption("attr-post-ops", "", PostOpSyntax::check, Options::withPostOps),
                new DriverOption("attr-oscale", "", v -> { }, Options::withOscale),
                DriverOption.extra("attr-scales", "", v -> { }), DriverOption.extra("attr-zero-points", "", v -> { }),
                DriverOption.extra("attr-fpmath", "", v -> { }), DriverOption.extra("attr-acc-mode", "", v -> { }),
                DriverOption.extra("attr-rounding-mode", "", v -> { }), DriverOption.extra("attr-dropout", "", v -> { }),
                DriverOption.extra("attr-deterministic", "false", v -> { }), DriverOption.extra("inplace", "false", DriverOptions::bool),
                DriverOption.noEffect("attr-scratchpad"), DriverOption.noEffect("ctx-init"), DriverOption.noEffect("ctx-exe"));
    }

    private static void add(Map<String, DriverOption> m, DriverOption... options) {
        for (DriverOption o : options) {
            m.put(o.name(), o);
        }
    }

    private static DriverOption dir(String fallback) {
        return new DriverOption("dir", fallback, v -> oneOf("dir", v.toUpperCase(Locale.ROOT), BenchdnnNames.DIRECTIONS),
                (o, v) -> o.withDir(v.isEmpty() ? null : v.toUpperCase(Locale.ROOT)));
    }

    /**
     * {@code --dt=f32} or per-tensor {@code --dt=u8:s8:u8}. A single type jdnn knows becomes the
     * options' data type; other forms are kept as an extra (UNIMPLEMENTED until jdnn mixes types).
     */
    private static DriverOption dt() {
        return new DriverOption("dt", "f32", v -> dataTypeList("dt", v), (o, v) -> {
            if (v.isEmpty()) {
                return o;
            }
            List<String> parts = List.of(v.toLowerCase(Locale.ROOT).split(":", -1));
            boolean uniform = parts.stream().distinct().count() == 1;
            DataType single = uniform ? jdnnType(parts.get(0)) : null;
            return single != null ? o.withDt(single) : o.withExtra("dt", v);
        });
    }

    /** {@code --sdt}, {@code --ddt}, {@code --ss_dt}: anything but all-f32 is an extra. */
    private static DriverOption dataTypes(String name) {
        return new DriverOption(name, "f32", v -> dataTypeList(name, v), (o, v) -> {
            boolean allF32 = v.isEmpty() || List.of(v.toLowerCase(Locale.ROOT).split(":", -1)).stream().allMatch("f32"::equals);
            return allF32 ? o : o.withExtra(name, v);
        });
    }

    /** {@code --stag}, {@code --wtag}, {@code --dtag}, {@code --tag} (stored as stag), {@code --stat_tag}. */
    private static DriverOption tag(String name) {
        DriverOption.Check check = v -> {
            if (!v.matches("[A-Za-z0-9:]*")) {
                throw new BadInputException("--" + name + "=" + v + ": not a format tag");
            }
        };
        return switch (name) {
            case "stag", "tag" -> new DriverOption(name, "any", check, (o, v) -> o.withTags(v.isEmpty() ? "any" : v, o.wtag(), o.dtag()));
            case "wtag" -> new DriverOption(name, "any", check, (o, v) -> o.withTags(o.stag(), v.isEmpty() ? "any" : v, o.dtag()));
            case "dtag" -> new DriverOption(name, "any", check, (o, v) -> o.withTags(o.stag(), o.wtag(), v.isEmpty() ? "any" : v));
            default -> DriverOption.extra(name, "any", check);
        };
    }

    private static DriverOption alg(Set<String> names) {
        return new DriverOption("alg", "", v -> {
            if (!v.isEmpty() && !names.contains(v.toLowerCase(Locale.ROOT))) {
                throw new BadInputException("--alg=" + v + ": unknown algorithm (expected one of " + new java.util.TreeSet<>(names) + ")");
            }
        }, (o, v) -> o.withAlg(v.isEmpty() ? null : v.toLowerCase(Locale.ROOT)));
    }

    private static DriverOption alpha() {
        return new DriverOption("alpha", "0", v -> number("alpha", v), (o, v) -> o.withAlphaBeta(v.isEmpty() ? 0f : Float.parseFloat(v), o.beta()));
    }

    private static DriverOption beta() {
        return new DriverOption("beta", "0", v -> number("beta", v), (o, v) -> o.withAlphaBeta(o.alpha(), v.isEmpty() ? 0f : Float.parseFloat(v)));
    }

    private static DriverOption mb() {
        return new DriverOption("mb", "0", v -> {
            if (!v.matches("\\d{1,9}")) {
                throw new BadInputException("--mb=" + v + ": not a minibatch (a non-negative integer)");
            }
        }, (o, v) -> o.withMb(v.isEmpty() ? 0 : Long.parseLong(v)));
    }

    private static DriverOption biasDt() {
        return new DriverOption("bia-dt", "undef", v -> dataTypeList("bia-dt", v), (o, v) -> {
            String t = v.toLowerCase(Locale.ROOT);
            if (t.isEmpty() || t.equals("undef")) {
                return o.withBias(null, o.biasMask());
            }
            DataType dt = jdnnType(t);
            return dt != null ? o.withBias(dt, o.biasMask()) : o.withExtra("bia-dt", v);
        });
    }

    private static DriverOption biasMask(String name) {
        return new DriverOption(name, "2", v -> {
            if (!v.matches("\\d{1,9}")) {
                throw new BadInputException("--" + name + "=" + v + ": not a mask");
            }
        }, (o, v) -> o.withBias(o.biasDt(), v.isEmpty() ? 2 : Integer.parseInt(v)));
    }

    private static DriverOption integer(String name, String fallback) {
        return DriverOption.extra(name, fallback, v -> {
            if (!v.matches("-?\\d{1,9}")) {
                throw new BadInputException("--" + name + "=" + v + ": not an integer");
            }
        });
    }

    private static DriverOption letters(String name) {
        return DriverOption.extra(name, "", v -> {
            if (!v.matches("[A-Za-z]*")) {
                throw new BadInputException("--" + name + "=" + v + ": expected flag letters");
            }
        });
    }

    private static void bool(String v) {
        if (!v.isEmpty() && !v.matches("(?i)true|false|1|0")) {
            throw new BadInputException("'" + v + "' is not true or false");
        }
    }

    private static void number(String name, String v) {
        try {
            if (!v.isEmpty()) {
                Float.parseFloat(v);
            }
        } catch (NumberFormatException e) {
            throw new BadInputException("--" + name + "=" + v + ": not a number");
        }
    }

    private static void oneOf(String name, String v, Set<String> allowed) {
        if (!v.isEmpty() && !allowed.contains(v)) {
            throw new BadInputException("--" + name + "=" + v + ": expected one of " + new java.util.TreeSet<>(allowed));
        }
    }

    private static void dataTypeList(String name, String v) {
        for (String part : v.toLowerCase(Locale.ROOT).split(":", -1)) {
            if (!part.isEmpty() && !BenchdnnNames.DATA_TYPES.contains(part)) {
                throw new BadInputException("--" + name + "=" + v + ": unknown data type '" + part + "'");
            }
        }
    }

    /** jdnn's data type of a benchdnn name, or null when jdnn has none. */
    private static DataType jdnnType(String name) {
        for (DataType t : DataType.values()) {
            if (t.shortName().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
