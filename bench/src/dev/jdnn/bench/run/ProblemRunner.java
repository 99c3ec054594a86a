package dev.jdnn.bench.run;

import dev.jdnn.bench.desc.BadInputException;
import dev.jdnn.bench.ops.Operation;
import dev.jdnn.bench.ops.PrimitiveProblem;
import dev.jdnn.bench.ops.Problem;
import dev.jdnn.engines.Engine;
import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.Memory;
import dev.jdnn.primitives.Arg;
import dev.jdnn.primitives.Implementations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one problem in the mode in force, as benchdnn's flow does: create the tested
 * implementation (normal dispatch, or {@code --impl}), fill its inputs, then check it against the
 * reference implementation run on copies of the same inputs (C), and/or time it (P).
 */
final class ProblemRunner {
    /** The implementation the correctness check trusts. */
    static final String ORACLE = "ref";

    private ProblemRunner() {
    }

    static Outcome run(Job.ProblemJob job, Engine engine, int index) {
        long start = System.nanoTime();
        Outcome o = runTimed(job, engine, index);
        return o.withTime((System.nanoTime() - start) / 1e6);
    }

    private static Outcome runTimed(Job.ProblemJob job, Engine engine, int index) {
        Problem problem = job.problem();
        RunSettings s = job.settings();
        if (!s.engine().equals("cpu")) {
            return Outcome.of(Status.SKIPPED, "jdnn has only the cpu engine, not " + s.engine());
        }
        if (s.mode().list()) {
            return Outcome.of(Status.LISTED, "");
        }
        String missing = missingImplementation(problem);
        if (missing != null) {
            return Outcome.of(Status.SKIPPED, missing);
        }
        long created = System.nanoTime();
        Operation tested;
        try {
            tested = problem.prepare(engine, null);
        } catch (JdnnException | BadInputException e) {
            return failure(e, "");
        }
        double createMs = (System.nanoTime() - created) / 1e6;
        try (tested) {
            return runPrepared(problem, s, engine, index, tested, createMs);
        } catch (JdnnException | BadInputException e) {
            return failure(e, tested.implName());
        } catch (RuntimeException e) {
            return new Outcome(Status.FAILED, "crashed: " + e, tested.implName(), 0, 0, 0, null);
        }
    }

    private static Outcome runPrepared(Problem problem, RunSettings s, Engine engine, int index, Operation tested,
            double createMs) {
        String impl = tested.implName();
        for (String fragment : s.skipImpl()) {
            if (!fragment.isEmpty() && impl.contains(fragment)) {
                return new Outcome(Status.SKIPPED, "SKIP_IMPL_HIT: " + impl, impl, 0, 0, 0, null);
            }
        }
        if (s.checkRefImpl() && impl.equals(ORACLE)) {
            return new Outcome(Status.FAILED, "dispatched to the reference implementation (--check-ref-impl)", impl, 0, 0, 0, null);
        }
        if (s.mode().init()) {
            return new Outcome(Status.INITIALIZED, "", impl, 0, 0, 0, null);
        }
        Map<Arg, float[]> inputs = fill(problem, tested);
        Outcome outcome = new Outcome(Status.PASSED, "", impl, 0, 0, 0, null);
        if (s.mode().correctness()) {
            outcome = check(problem, engine, tested, inputs);
        } else if (s.mode().run()) {
            tested.execute();
            return new Outcome(Status.EXECUTED, "", impl, 0, 0, 0, null);
        }
        if (s.mode().performance() && outcome.status() != Status.FAILED) {
            Measurement m = Timing.measure(tested, s, createMs);
            outcome = outcome.withPerf(new PerfResult(index, problem, s, impl, m, bytes(tested, false), bytes(tested, true)));
        }
        return outcome;
    }

    /** Fills every f32 argument (outputs too: a sum post-op reads dst) and returns the values. */
    private static Map<Arg, float[]> fill(Problem problem, Operation op) {
        Map<Arg, float[]> values = new java.util.LinkedHashMap<>();
        for (Map.Entry<Arg, Memory> e : op.arguments().entrySet()) {
            if (CorrectnessFill.fillable(e.getValue())) {
                float[] v = CorrectnessFill.values(problem, e.getKey(), e.getValue().desc().nelems());
                e.getValue().copyFrom(v);
                values.put(e.getKey(), v);
            }
        }
        return values;
    }

    /** Runs the tested and the reference implementation on the same inputs and compares every f32 output. */
    private static Outcome check(Problem problem, Engine engine, Operation tested, Map<Arg, float[]> inputs) {
        tested.execute();
        try (Operation oracle = problem.prepare(engine, ORACLE)) {
            for (Map.Entry<Arg, Memory> e : oracle.arguments().entrySet()) {
                float[] v = inputs.get(e.getKey());
                if (v != null && CorrectnessFill.fillable(e.getValue())) {
                    e.getValue().copyFrom(v);
                }
            }
            oracle.execute();
            Comparison total = new Comparison(0, 0, 0, null);
            for (Arg out : comparedOutputs(tested)) {
                Memory expected = oracle.arguments().get(out);
                if (expected == null || !CorrectnessFill.fillable(expected)) {
                    continue;
                }
                total = total.plus(Comparison.of(out.shortName(), tested.arguments().get(out).toFloatArray(),
                        expected.toFloatArray(), Thresholds.of(problem)));
            }
            String impl = tested.implName();
            if (total.errors() > 0) {
                return new Outcome(Status.FAILED, total.firstMismatch(), impl, total.errors(), total.total(), 0, null);
            }
            if (total.mistrusted()) {
                return new Outcome(Status.MISTRUSTED, total.zeros() + " of " + total.total() + " reference values are zero",
                        impl, 0, total.total(), 0, null);
            }
            return new Outcome(Status.PASSED, "", impl, 0, total.total(), 0, null);
        }
    }

    /** The f32 outputs worth comparing: not the workspace (its encoding is the implementation's own). */
    private static List<Arg> comparedOutputs(Operation op) {
        List<Arg> outs = new ArrayList<>();
        for (Map.Entry<Arg, Memory> e : op.arguments().entrySet()) {
            if (op.isOutput(e.getKey()) && !e.getKey().equals(Arg.WORKSPACE) && CorrectnessFill.fillable(e.getValue())) {
                outs.add(e.getKey());
            }
        }
        return outs;
    }

    /** benchdnn skips a problem whose {@code --impl} names no implementation of the kind. */
    private static String missingImplementation(Problem problem) {
        String forced = problem.options().impl();
        if (forced == null || !(problem instanceof PrimitiveProblem pp)) {
            return null;
        }
        List<String> names = Implementations.names(pp.kind());
        for (String wanted : forced.split(",")) {
            String w = wanted.trim();
            if (names.stream().anyMatch(n -> n.equals(w) || n.startsWith(w + ":"))) {
                return null;
            }
        }
        return "SKIP_IMPL_HIT: no implementation named '" + forced + "' (there are " + names + ")";
    }

    private static Outcome failure(RuntimeException e, String impl) {
        if (e instanceof BadInputException) {
            return new Outcome(Status.INVALID_ARGUMENTS, e.getMessage(), impl, 0, 0, 0, null);
        }
        JdnnException j = (JdnnException) e;
        Status status = switch (j.status()) {
            case UNIMPLEMENTED -> Status.UNIMPLEMENTED;
            case INVALID_ARGUMENTS -> Status.INVALID_ARGUMENTS;
            default -> Status.FAILED;
        };
        return new Outcome(status, j.getMessage(), impl, 0, 0, 0, null);
    }

    private static long bytes(Operation op, boolean outputs) {
        long sum = 0;
        for (Map.Entry<Arg, Memory> e : op.arguments().entrySet()) {
            if (op.isOutput(e.getKey()) == outputs) {
                sum += e.getValue().desc().sizeInBytes();
            }
        }
        return sum;
    }
}
