package dev.jdnn.bench.json;

import dev.jdnn.bench.desc.BadInputException;
import dev.jdnn.bench.ops.Fill;
import dev.jdnn.bench.ops.PrimitiveProblem;
import dev.jdnn.bench.ops.Problems;
import dev.jdnn.bench.ops.Tags;
import dev.jdnn.engines.Engine;
import dev.jdnn.engines.Stream;
import dev.jdnn.memory.DataType;
import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.LogicalIndex;
import dev.jdnn.memory.Memory;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.primitives.Arg;
import dev.jdnn.primitives.Args;
import dev.jdnn.primitives.PrimitiveDesc;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one {@link OpCase}: builds the primitive for its descriptor and options (normal dispatch
 * unless the case forces an implementation), fills the inputs, executes, and checks the outputs,
 * or checks that the expected error is raised (at creation or at execution) and that the
 * memories the caller passed are untouched by a failed call.
 */
public final class OpCaseRunner {
    private OpCaseRunner() {
    }

    /** The outcome of one case. */
    public record Result(OpCase testCase, boolean passed, String message, String implName) {
    }

    public static Result run(OpCase c, Engine engine) {
        try {
            return runChecked(c, engine);
        } catch (JdnnException | BadInputException e) {
            return fail(c, "unexpected error: " + e, null);
        }
    }

    private static Result runChecked(OpCase c, Engine engine) {
        PrimitiveDesc pd;
        try {
            PrimitiveProblem problem = Problems.primitive(c.op(), c.desc(), c.options());
            pd = problem.build(engine, null);
        } catch (JdnnException | BadInputException e) {
            return checkError(c, e, null);
        }
        List<Memory> owned = new ArrayList<>();
        try {
            Args args = new Args();
            for (Map.Entry<Arg, MemoryDesc> e : pd.arguments().entrySet()) {
                Arg arg = e.getKey();
                if (c.omit().contains(arg.shortName())) {
                    continue;
                }
                MemoryDesc md = substitute(c, arg, e.getValue());
                Memory m = Memory.allocate(md);
                owned.add(m);
                if (md.dataType() == DataType.F32) {
                    fillInput(c, arg, pd, m);
                }
                args.put(arg, m);
            }
            checkInputNames(c, pd);
            List<float[]> before = snapshot(owned);
            Map<Arg, float[]> initial = c.compareToReference() ? logicalValues(pd, args) : Map.of();
            try (Stream stream = engine.newStream()) {
                pd.create().execute(stream, args);
            } catch (JdnnException e) {
                if (c.error() != null && !unchanged(owned, before)) {
                    return fail(c, "the failed call modified the caller's memory", pd.implName());
                }
                return checkError(c, e, pd.implName());
            }
            if (c.error() != null) {
                return fail(c, "expected " + c.error().status() + " containing '" + c.error().message()
                        + "' but the case ran", pd.implName());
            }
            if (c.compareToReference()) {
                return compareWithReference(c, engine, pd, args, initial);
            }
            return checkExpected(c, pd, args);
        } finally {
            owned.forEach(Memory::close);
        }
    }

    private static MemoryDesc substitute(OpCase c, Arg arg, MemoryDesc md) {
        OpCase.Substitute s = c.substitute().get(arg.shortName());
        if (s == null) {
            return md;
        }
        return MemoryDesc.of(s.dims(), md.dataType(), Tags.resolve(s.tag(), s.dims().length, "substitute tag"));
    }

    private static void fillInput(OpCase c, Arg arg, PrimitiveDesc pd, Memory m) {
        OpCase.Input in = c.inputs().get(arg.shortName());
        if (in == null) {
            if (!pd.isOutput(arg)) {
                Fill.ints(m, 1000L + arg.id(), -4, 4);
            }
            return;
        }
        if (in.isFill()) {
            Fill.ints(m, in.seed(), in.min(), in.max());
            return;
        }
        if (in.values().length != m.desc().nelems()) {
            throw new BadInputException(c.title() + ": input '" + arg.shortName() + "' has " + in.values().length
                    + " values, the tensor " + m.desc() + " has " + m.desc().nelems());
        }
        float[] v = new float[in.values().length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) in.values()[i];
        }
        m.copyFrom(v);
    }

    /** Every input name must be an argument of the primitive (a typo must not go unnoticed). */
    private static void checkInputNames(OpCase c, PrimitiveDesc pd) {
        for (String name : c.inputs().keySet()) {
            if (pd.arguments().keySet().stream().noneMatch(a -> a.shortName().equals(name))) {
                throw new BadInputException(c.title() + ": input '" + name + "' is not an argument of the primitive "
                        + names(pd));
            }
        }
        for (String name : c.expected().keySet()) {
            if (pd.arguments().keySet().stream().noneMatch(a -> a.shortName().equals(name) && pd.isOutput(a))) {
                throw new BadInputException(c.title() + ": expected '" + name + "' is not an output of the primitive "
                        + names(pd));
            }
        }
    }

    private static List<String> names(PrimitiveDesc pd) {
        return pd.arguments().keySet().stream().map(Arg::shortName).toList();
    }

    private static Result checkError(OpCase c, RuntimeException e, String impl) {
        if (c.error() == null) {
            return fail(c, "unexpected error: " + e, impl);
        }
        String status = e instanceof JdnnException j ? j.status().name() : "BAD_INPUT";
        if (!status.equals(c.error().status())) {
            return fail(c, "expected status " + c.error().status() + " but got " + status + ": " + e.getMessage(), impl);
        }
        if (!e.getMessage().contains(c.error().message())) {
            return fail(c, "expected a message containing '" + c.error().message() + "' but got: " + e.getMessage(), impl);
        }
        return new Result(c, true, "raised " + status + ": " + e.getMessage(), impl);
    }

    private static Result checkExpected(OpCase c, PrimitiveDesc pd, Args args) {
        for (Map.Entry<String, double[]> e : c.expected().entrySet()) {
            Memory m = args.get(argNamed(pd, e.getKey()));
            double[] got = values(m);
            String diff = compare(got, e.getValue(), c.tolerance());
            if (diff != null) {
                return fail(c, e.getKey() + ": " + diff, pd.implName());
            }
        }
        return new Result(c, true, "outputs match", pd.implName());
    }

    /** The f32 arguments' values in logical order, before execution (a sum post-op reads dst's). */
    private static Map<Arg, float[]> logicalValues(PrimitiveDesc pd, Args args) {
        Map<Arg, float[]> out = new java.util.HashMap<>();
        for (Arg a : pd.arguments().keySet()) {
            Memory m = args.get(a);
            if (m != null && m.desc().dataType() == DataType.F32) {
                out.put(a, m.toFloatArray());
            }
        }
        return out;
    }

    private static Result compareWithReference(OpCase c, Engine engine, PrimitiveDesc pd, Args args,
            Map<Arg, float[]> initial) {
        PrimitiveDesc ref = Problems.primitive(c.op(), c.desc(), c.options()).build(engine, "ref");
        List<Memory> owned = new ArrayList<>();
        try {
            Args refArgs = new Args();
            for (Map.Entry<Arg, MemoryDesc> e : ref.arguments().entrySet()) {
                Memory m = Memory.allocate(e.getValue());
                owned.add(m);
                float[] start = initial.get(e.getKey());
                if (start != null && m.desc().dataType() == DataType.F32
                        && (!ref.isOutput(e.getKey()) || e.getKey().equals(Arg.DST))) {
                    m.copyFrom(start);
                }
                refArgs.put(e.getKey(), m);
            }
            try (Stream stream = engine.newStream()) {
                ref.create().execute(stream, refArgs);
            }
            double tol = c.tolerance() > 0 ? c.tolerance() : 1e-5;
            for (Arg out : ref.arguments().keySet()) {
                if (ref.isOutput(out) && args.get(out) != null) {
                    String diff = compare(values(args.get(out)), values(refArgs.get(out)), tol);
                    if (diff != null) {
                        return fail(c, out.shortName() + " differs from the reference: " + diff, pd.implName());
                    }
                }
            }
            return new Result(c, true, "matches the reference", pd.implName());
        } finally {
            owned.forEach(Memory::close);
        }
    }

    private static Arg argNamed(PrimitiveDesc pd, String name) {
        return pd.arguments().keySet().stream().filter(a -> a.shortName().equals(name)).findFirst().orElseThrow();
    }

    /** Elements in logical row-major order, as doubles (f32 and s32). */
    static double[] values(Memory m) {
        MemoryDesc md = m.desc();
        double[] out = new double[Math.toIntExact(md.nelems())];
        LogicalIndex.forEach(md, (i, off) -> out[(int) i] = md.dataType() == DataType.S32
                ? m.segment().getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, off)
                : m.segment().getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, off));
        return out;
    }

    /** Null when {@code got} matches {@code want} within the tolerance, else a description of the first mismatch. */
    static String compare(double[] got, double[] want, double tolerance) {
        if (got.length != want.length) {
            return "has " + got.length + " values, expected " + want.length;
        }
        int bad = 0;
        String first = null;
        for (int i = 0; i < got.length; i++) {
            double g = got[i];
            double w = want[i];
            boolean ok = Double.compare(g, w) == 0 || Math.abs(g - w) <= tolerance * Math.max(1, Math.abs(w));
            if (!ok) {
                bad++;
                if (first == null) {
                    first = "at position " + i + " got " + g + ", expected " + w;
                }
            }
        }
        return bad == 0 ? null : bad + " of " + got.length + " values differ (tolerance " + tolerance + "); first " + first;
    }

    private static List<float[]> snapshot(List<Memory> memories) {
        List<float[]> out = new ArrayList<>();
        for (Memory m : memories) {
            out.add(m.segment().asSlice(0, m.desc().sizeInBytes()).toArray(ValueLayout.JAVA_FLOAT));
        }
        return out;
    }

    private static boolean unchanged(List<Memory> memories, List<float[]> before) {
        for (int i = 0; i < memories.size(); i++) {
            float[] now = memories.get(i).segment().asSlice(0, memories.get(i).desc().sizeInBytes()).toArray(ValueLayout.JAVA_FLOAT);
            if (!java.util.Arrays.equals(now, before.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static Result fail(OpCase c, String message, String impl) {
        return new Result(c, false, message, impl);
    }
}
