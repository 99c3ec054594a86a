package dev.jdnn.bench.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jdnn.bench.desc.BadInputException;
import dev.jdnn.bench.ops.Options;
import dev.jdnn.bench.ops.Problems;
import dev.jdnn.memory.DataType;
import dev.jdnn.memory.JdnnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads JSON op-test files. The schema is strict: an unknown or ill-typed field fails with a
 * {@link BadInputException} naming the file and the field (a typo must not silently skip a check).
 */
public final class OpCaseLoader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FILE_FIELDS = Set.of("op", "description", "defaults", "cases");
    private static final Set<String> OPTION_FIELDS = Set.of("dir", "dt", "stag", "wtag", "dtag", "tag", "alg", "alpha",
            "beta", "mb", "attr-post-ops", "attr-oscale", "bia-dt", "bia_mask", "impl");
    private static final Set<String> CASE_FIELDS;

    static {
        var s = new java.util.HashSet<>(OPTION_FIELDS);
        s.addAll(List.of("name", "desc", "inputs", "expected", "tolerance", "compare", "error", "omit", "substitute",
                "comment"));
        CASE_FIELDS = Set.copyOf(s);
    }

    private OpCaseLoader() {
    }

    /** Every case of every {@code *.json} file under {@code path} (a file or a folder), in path order. */
    public static List<OpCase> loadAll(Path path) throws IOException {
        List<OpCase> cases = new ArrayList<>();
        for (Path file : files(path)) {
            cases.addAll(load(file));
        }
        return cases;
    }

    /** The {@code *.json} files under {@code path}, sorted. */
    public static List<Path> files(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new BadInputException("JSON op tests: '" + path + "' does not exist");
        }
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    public static List<OpCase> load(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    /** Parses the text of one file; {@code fileName} is used in messages. */
    public static List<OpCase> parse(String text, String fileName) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadInputException(fileName + ": not valid JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ")");
        }
        Ctx ctx = new Ctx(fileName);
        if (root == null || !root.isObject()) {
            throw ctx.bad("(top level)", "must be an object with \"op\" and \"cases\"");
        }
        ctx.checkFields(root, FILE_FIELDS, "(top level)");
        String op = ctx.text(root, "op", null, "(top level)");
        if (!Problems.PRIMITIVE_DRIVERS.contains(op)) {
            throw ctx.bad("op", "'" + op + "' is not one of " + Problems.PRIMITIVE_DRIVERS);
        }
        JsonNode defaults = root.path("defaults");
        if (!defaults.isMissingNode()) {
            if (!defaults.isObject()) {
                throw ctx.bad("defaults", "must be an object of options");
            }
            ctx.checkFields(defaults, OPTION_FIELDS, "defaults");
        }
        JsonNode cases = root.get("cases");
        if (cases == null || !cases.isArray() || cases.isEmpty()) {
            throw ctx.bad("cases", "must be a non-empty array");
        }
        List<OpCase> out = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            out.add(parseCase(ctx, op, defaults, cases.get(i), "cases[" + i + "]", i));
        }
        return out;
    }

    private static OpCase parseCase(Ctx ctx, String op, JsonNode defaults, JsonNode c, String where, int index) {
        if (!c.isObject()) {
            throw ctx.bad(where, "must be an object");
        }
        ctx.checkFields(c, CASE_FIELDS, where);
        String name = ctx.text(c, "name", null, where);
        String desc = ctx.text(c, "desc", null, where);
        Options options = options(ctx, defaults, c, where);
        Map<String, OpCase.Input> inputs = new LinkedHashMap<>();
        JsonNode in = c.path("inputs");
        if (!in.isMissingNode()) {
            ctx.require(in.isObject(), where + ".inputs", "must be an object of argument name -> array or fill");
            for (Iterator<Map.Entry<String, JsonNode>> it = in.fields(); it.hasNext(); ) {
                var e = it.next();
                inputs.put(e.getKey(), input(ctx, e.getValue(), where + ".inputs." + e.getKey(), index));
            }
        }
        Map<String, double[]> expected = new LinkedHashMap<>();
        JsonNode ex = c.path("expected");
        if (!ex.isMissingNode()) {
            ctx.require(ex.isObject(), where + ".expected", "must be an object of argument name -> array");
            for (Iterator<Map.Entry<String, JsonNode>> it = ex.fields(); it.hasNext(); ) {
                var e = it.next();
                expected.put(e.getKey(), ctx.numbers(e.getValue(), where + ".expected." + e.getKey()));
            }
        }
        double tolerance = c.has("tolerance") ? ctx.number(c.get("tolerance"), where + ".tolerance") : 0;
        boolean compare = false;
        if (c.has("compare")) {
            ctx.require(c.get("compare").isTextual() && c.get("compare").asText().equals("reference"), where + ".compare",
                    "the only value is \"reference\"");
            compare = true;
        }
        OpCase.ExpectedError error = null;
        if (c.has("error")) {
            JsonNode e = c.get("error");
            ctx.require(e.isObject(), where + ".error", "must be {\"status\": ..., \"message\": ...}");
            ctx.checkFields(e, Set.of("status", "message"), where + ".error");
            String status = ctx.text(e, "status", null, where + ".error");
            ctx.require(status.equals("BAD_INPUT") || isStatus(status), where + ".error.status",
                    "'" + status + "' is not a jdnn Status (INVALID_ARGUMENTS, UNIMPLEMENTED, ...) or BAD_INPUT");
            error = new OpCase.ExpectedError(status, ctx.text(e, "message", "", where + ".error"));
        }
        int kinds = (expected.isEmpty() ? 0 : 1) + (compare ? 1 : 0) + (error == null ? 0 : 1);
        ctx.require(kinds == 1, where, "needs exactly one of \"expected\", \"compare\" and \"error\"");
        List<String> omit = new ArrayList<>();
        if (c.has("omit")) {
            ctx.require(c.get("omit").isArray(), where + ".omit", "must be an array of argument names");
            c.get("omit").forEach(n -> omit.add(n.asText()));
        }
        Map<String, OpCase.Substitute> substitute = new LinkedHashMap<>();
        if (c.has("substitute")) {
            ctx.require(c.get("substitute").isObject(), where + ".substitute", "must be an object");
            for (Iterator<Map.Entry<String, JsonNode>> it = c.get("substitute").fields(); it.hasNext(); ) {
                var e = it.next();
                String w = where + ".substitute." + e.getKey();
                ctx.checkFields(e.getValue(), Set.of("dims", "tag"), w);
                double[] d = ctx.numbers(e.getValue().get("dims"), w + ".dims");
                long[] dims = new long[d.length];
                for (int i = 0; i < d.length; i++) {
                    dims[i] = (long) d[i];
                }
                substitute.put(e.getKey(), new OpCase.Substitute(dims, ctx.text(e.getValue(), "tag", "abx", w)));
            }
        }
        return new OpCase(ctx.file, op, name, desc, options, inputs, expected, tolerance, compare, error, omit, substitute);
    }

    private static boolean isStatus(String s) {
        for (var st : dev.jdnn.memory.Status.values()) {
            if (st.name().equals(s)) {
                return true;
            }
        }
        return false;
    }

    private static Options options(Ctx ctx, JsonNode defaults, JsonNode c, String where) {
        Options o = Options.DEFAULTS;
        for (JsonNode src : new JsonNode[] {defaults, c}) {
            if (src == null || src.isMissingNode()) {
                continue;
            }
            String w = src == defaults ? "defaults" : where;
            try {
                if (src.has("dir")) {
                    o = o.withDir(ctx.text(src, "dir", null, w));
                }
                if (src.has("dt")) {
                    o = o.withDt(DataType.of(ctx.text(src, "dt", null, w)));
                }
                String tag = src.has("tag") ? ctx.text(src, "tag", null, w) : null;
                o = o.withTags(src.has("stag") ? ctx.text(src, "stag", null, w) : tag != null ? tag : o.stag(),
                        src.has("wtag") ? ctx.text(src, "wtag", null, w) : o.wtag(),
                        src.has("dtag") ? ctx.text(src, "dtag", null, w) : o.dtag());
                if (src.has("alg")) {
                    o = o.withAlg(ctx.text(src, "alg", null, w));
                }
                if (src.has("alpha") || src.has("beta")) {
                    o = o.withAlphaBeta(src.has("alpha") ? (float) ctx.number(src.get("alpha"), w + ".alpha") : o.alpha(),
                            src.has("beta") ? (float) ctx.number(src.get("beta"), w + ".beta") : o.beta());
                }
                if (src.has("mb")) {
                    o = o.withMb((long) ctx.number(src.get("mb"), w + ".mb"));
                }
                if (src.has("attr-post-ops")) {
                    o = o.withPostOps(ctx.text(src, "attr-post-ops", null, w));
                }
                if (src.has("attr-oscale")) {
                    o = o.withOscale(ctx.text(src, "attr-oscale", null, w));
                }
                if (src.has("bia-dt") || src.has("bia_mask")) {
                    DataType bdt = src.has("bia-dt") ? DataType.of(ctx.text(src, "bia-dt", null, w)) : o.biasDt();
                    int mask = src.has("bia_mask") ? (int) ctx.number(src.get("bia_mask"), w + ".bia_mask") : o.biasMask();
                    o = o.withBias(bdt, mask);
                }
                if (src.has("impl")) {
                    o = o.withImpl(ctx.text(src, "impl", null, w));
                }
            } catch (JdnnException e) {
                throw ctx.bad(w, e.getMessage());
            }
        }
        return o;
    }

    private static OpCase.Input input(Ctx ctx, JsonNode v, String where, int index) {
        if (v.isArray()) {
            return new OpCase.Input(ctx.numbers(v, where), 0, 0, 0);
        }
        ctx.require(v.isObject() && v.has("fill"), where, "must be an array of numbers or {\"fill\": {\"seed\", \"min\", \"max\"}}");
        ctx.checkFields(v, Set.of("fill"), where);
        JsonNode f = v.get("fill");
        ctx.require(f.isObject(), where + ".fill", "must be an object");
        ctx.checkFields(f, Set.of("seed", "min", "max"), where + ".fill");
        long seed = f.has("seed") ? (long) ctx.number(f.get("seed"), where + ".fill.seed") : index + 1;
        int min = f.has("min") ? (int) ctx.number(f.get("min"), where + ".fill.min") : -4;
        int max = f.has("max") ? (int) ctx.number(f.get("max"), where + ".fill.max") : 4;
        ctx.require(min <= max, where + ".fill", "min " + min + " > max " + max);
        return new OpCase.Input(null, seed, min, max);
    }

    /** Error helpers bound to one file. */
    private record Ctx(String file) {
        BadInputException bad(String field, String why) {
            return new BadInputException(file + ": field '" + field + "': " + why);
        }

        void require(boolean ok, String field, String why) {
            if (!ok) {
                throw bad(field, why);
            }
        }

        void checkFields(JsonNode node, Set<String> allowed, String where) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!allowed.contains(f)) {
                    throw bad(where + "." + f, "unknown field (allowed: " + new java.util.TreeSet<>(allowed) + ")");
                }
            }
        }

        String text(JsonNode node, String field, String fallback, String where) {
            JsonNode v = node.get(field);
            if (v == null) {
                if (fallback == null) {
                    throw bad(where + "." + field, "is required");
                }
                return fallback;
            }
            if (!v.isTextual()) {
                throw bad(where + "." + field, "must be a string, got " + v.getNodeType());
            }
            return v.asText();
        }

        double number(JsonNode v, String field) {
            if (v == null || !v.isNumber()) {
                throw bad(field, "must be a number" + (v == null ? "" : ", got " + v.getNodeType()));
            }
            return v.asDouble();
        }

        double[] numbers(JsonNode v, String field) {
            if (v == null || !v.isArray()) {
                throw bad(field, "must be an array of numbers");
            }
            double[] out = new double[v.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = number(v.get(i), field + "[" + i + "]");
            }
            return out;
        }
    }
}
