package dev.jdnn.primitives.kernels.vector;

import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LT;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;

/**
 * gelu_erf, {@code 0.5 x (1 + erf(x / sqrt 2))}, in place over a run of a {@code float[]} or a
 * block of a memory segment, in two passes over chunks of {@link #CHUNK} elements.
 *
 * <p>The value is {@code 0.5 x erfc(-x / sqrt 2)}, with erfc in the form of Press et al.
 * (Numerical Recipes, "erfcc"), {@code erfc(z) = t exp(P(t) - z^2)}, {@code t = 1 / (1 + |z| / 2)},
 * reflected as {@code 2 - erfc(|z|)} for positive x. P is our own degree-7 minimax fit on the t of
 * z in [0, 9.3] (below that t, gelu's result underflows): an error in P is a relative error in
 * erfc, here at most 6.2e-7 for every z, so the negative tail keeps its relative accuracy (the
 * book's degree-9 fit reaches 1.2e-7 with two more multiply-adds; this kernel's tolerance is 4e-6).
 * The exponential is taken in base 2, {@code 2^y} with {@code y = log2(e) (P(t) - z^2) - 1}: the
 * coefficients carry the {@code log2(e)} and the {@code -1} (which halves the result, the 0.5 of
 * gelu), so there is no range-reduction constant, and {@code 2^y} is {@code 2^n} put into the
 * exponent times a degree-5 minimax polynomial of {@code f = y - n} on [-0.5, 0.5] (relative error
 * 7.5e-8). Adding 1.5 * 2^23 to y rounds it to n and leaves n in the sum's low bits, so shifting
 * the sum's bits left by 23 gives n's exponent field without a conversion. Against the degree-9
 * and degree-6 fits with a conversion: 0.85x the time (a probe over 3840 floats in [-4, 4]), and a
 * largest relative error over [-4, 4] of 1.5e-6 against 0.9e-6 (both within rounding of the
 * argument there; deep in the negative tail both reach 7.7e-6 at x = -11.4, where the condition
 * number is about 130).
 *
 * <p>Why two passes: one vector's whole computation is a chain of about 40 dependent operations
 * (a division and two polynomials), longer than the out-of-order window can overlap with the next
 * vector's, so a one-pass loop runs at the chain's latency (measured on Zen 4: 0.83 ns an element,
 * 1.05-1.8 with the JDK's exp stub, whose call also splits the chain). Each pass is a loop of
 * independent short chains (the first stores t and y, the second reads them back from L1), which
 * the core overlaps: 0.5 ns an element. Each pass is a method of its own, whose loop calls the
 * small math helpers ({@link #t}, {@link #y}, {@link #gelu}) that C2 inlines into it: one method
 * with the whole computation would outgrow C2's inlining budget (NodeCountInliningCutoff), and a
 * vector passed to a call that was not inlined is boxed. Int vectors carry 2^n into the exponent
 * bits; {@code VectorProbe} loads their classes at start-up, before any kernel is compiled.
 */
final class VectorGeluErf {
    /** Elements per chunk: the two scratch rows (t and y) take 2 KiB and stay in L1. */
    static final int CHUNK = 256;

    /** |x| / (2 sqrt 2): t = 1 / (1 + |z| / 2) with z = x / sqrt 2. */
    private static final float HALF_OVER_SQRT_2 = (float) (0.5 / Math.sqrt(2));
    /** -log2(e) / 2: the -z^2 term of y, with z^2 = x^2 / 2. */
    private static final float MINUS_HALF_LOG2E = (float) (-0.5 / Math.log(2));

    /** P(t) log2(e), highest power first (a minimax fit); the constant term also carries the -1 that halves erfc. */
    private static final float P7 = base2(-0.18198311008245885);
    private static final float P6 = base2(0.7266063523230912);
    private static final float P5 = base2(-0.9566390451514348);
    private static final float P4 = base2(0.3077298386700202);
    private static final float P3 = base2(-0.016763724381248873);
    private static final float P2 = base2(0.38686671329883154);
    private static final float P1 = base2(0.9997337094300989);
    private static final float P0 = (float) (-1.2655513528640312 / Math.log(2) - 1);

    /** 2^f on [-0.5, 0.5], lowest power last (a minimax fit, relative error 7.5e-8). */
    private static final float E5 = 0.0013276471872528419f;
    private static final float E4 = 0.009675541333503f;
    private static final float E3 = 0.05550713273868595f;
    private static final float E2 = 0.240221197238634f;
    private static final float E1 = 0.6931469670645327f;
    private static final float E0 = 1.0000000716546775f;

    /**
     * 1.5 * 2^23: adding and subtracting it rounds a float below 2^22 in magnitude to an integer n;
     * the sum's mantissa holds 2^22 + n, which a shift by 23 turns into n's exponent field.
     */
    private static final float ROUNDER = 12582912f;
    /** Below this y, 2^y is under the smallest normal float, and the result is flushed to zero. */
    private static final float MIN_EXPONENT = -126f;

    /** Where the scratch row holds a last partial vector, staged. */
    private static final int TAIL = 2 * CHUNK;
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[TAIL + Lanes.N]);
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private VectorGeluErf() {
    }

    private static float base2(double coefficient) {
        return (float) (coefficient / Math.log(2));
    }

    /** Replaces {@code d[from..to)} by gelu_erf of it. */
    static void apply(float[] d, int from, int to) {
        float[] scratch = SCRATCH.get();
        int full = from + Lanes.F.loopBound(to - from);
        for (int at = from; at < full; at += CHUNK) {
            int n = Math.min(CHUNK, full - at);
            firstPass(d, at, n, scratch);
            secondPass(d, at, n, scratch);
        }
        if (full < to) {
            System.arraycopy(d, full, scratch, TAIL, to - full);
            applyToTail(scratch, to - full);
            System.arraycopy(scratch, TAIL, d, full, to - full);
        }
    }

    /**
     * Replaces a block of a segment (native order; {@code rows} rows of {@code cols} floats, row r
     * from float index {@code offset + r * ld}) by gelu_erf of it, where it lies: the passes read and
     * write the rows themselves, and only each row's last partial vector is staged. On rows a few
     * hundred floats long this beats staging the block through an array (a probe, 12 x 320 blocks
     * of a 768-column C: 0.86 ns an element in place, 1.62 staged in one piece, 1.40 row by row;
     * on 12 x 32 tiles it loses, 1.53 against 1.18, as per-row costs dominate).
     */
    static void apply(MemorySegment c, long offset, long ld, int rows, int cols) {
        float[] scratch = SCRATCH.get();
        int full = Lanes.F.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            long row = (offset + r * ld) * Float.BYTES;
            for (int j = 0; j < full; j += CHUNK) {
                int n = Math.min(CHUNK, full - j);
                firstPass(c, row + (long) j * Float.BYTES, n, scratch);
                secondPass(c, row + (long) j * Float.BYTES, n, scratch);
            }
            if (full < cols) {
                long at = row + (long) full * Float.BYTES;
                MemorySegment.copy(c, F32, at, scratch, TAIL, cols - full);
                applyToTail(scratch, cols - full);
                MemorySegment.copy(scratch, TAIL, c, F32, at, cols - full);
            }
        }
    }

    /** Both passes on the one vector at {@code s[TAIL..]}, of which the first {@code n} lanes matter. */
    private static void applyToTail(float[] s, int n) {
        firstPass(s, TAIL, Lanes.N, s);
        secondPass(s, TAIL, Lanes.N, s);
    }

    /** t into {@code s[0..n)} and y into {@code s[CHUNK..CHUNK + n)}, for x in {@code d[at..at + n)}. */
    private static void firstPass(float[] d, int at, int n, float[] s) {
        for (int i = 0; i < n; i += Lanes.N) {
            FloatVector x = FloatVector.fromArray(Lanes.F, d, at + i);
            FloatVector t = t(x);
            t.intoArray(s, i);
            y(x, t).intoArray(s, CHUNK + i);
        }
    }

    /** {@link #firstPass(float[], int, int, float[])} for x in a segment, from byte offset {@code at}. */
    private static void firstPass(MemorySegment d, long at, int n, float[] s) {
        for (int i = 0; i < n; i += Lanes.N) {
            FloatVector x = FloatVector.fromMemorySegment(Lanes.F, d, at + (long) i * Float.BYTES, NATIVE);
            FloatVector t = t(x);
            t.intoArray(s, i);
            y(x, t).intoArray(s, CHUNK + i);
        }
    }

    /**
     * Writes gelu_erf over {@code d[at..at + n)} from x there and the first pass's t and y: see
     * {@link #gelu}.
     */
    private static void secondPass(float[] d, int at, int n, float[] s) {
        for (int i = 0; i < n; i += Lanes.N) {
            FloatVector x = FloatVector.fromArray(Lanes.F, d, at + i);
            gelu(x, FloatVector.fromArray(Lanes.F, s, i), FloatVector.fromArray(Lanes.F, s, CHUNK + i)).intoArray(d, at + i);
        }
    }

    /** {@link #secondPass(float[], int, int, float[])} over a segment, from byte offset {@code at}. */
    private static void secondPass(MemorySegment d, long at, int n, float[] s) {
        for (int i = 0; i < n; i += Lanes.N) {
            long o = at + (long) i * Float.BYTES;
            FloatVector x = FloatVector.fromMemorySegment(Lanes.F, d, o, NATIVE);
            gelu(x, FloatVector.fromArray(Lanes.F, s, i), FloatVector.fromArray(Lanes.F, s, CHUNK + i))
                    .intoMemorySegment(d, o, NATIVE);
        }
    }

    /** {@code t = 1 / (1 + |z| / 2)}, z = x / sqrt 2. */
    private static FloatVector t(FloatVector x) {
        return FloatVector.broadcast(Lanes.F, 1f).div(x.abs().fma(HALF_OVER_SQRT_2, 1f));
    }

    /** {@code y = log2(e) (P(t) - z^2) - 1}: erfc(|z|) / 2 is t 2^y. */
    private static FloatVector y(FloatVector x, FloatVector t) {
        FloatVector p = t.fma(P7, P6);
        p = p.fma(t, FloatVector.broadcast(Lanes.F, P5));
        p = p.fma(t, FloatVector.broadcast(Lanes.F, P4));
        p = p.fma(t, FloatVector.broadcast(Lanes.F, P3));
        p = p.fma(t, FloatVector.broadcast(Lanes.F, P2));
        p = p.fma(t, FloatVector.broadcast(Lanes.F, P1));
        p = p.fma(t, FloatVector.broadcast(Lanes.F, P0));
        return x.mul(x).fma(FloatVector.broadcast(Lanes.F, MINUS_HALF_LOG2E), p);
    }

    /**
     * {@code q = t 2^y = erfc(|z|) / 2}, then {@code x q} for negative x and {@code x (1 - q)} for
     * positive x. A y below the normal range (and so an infinite x) gives q = 0, a NaN x a NaN.
     */
    private static FloatVector gelu(FloatVector x, FloatVector t, FloatVector y) {
        FloatVector rounded = y.add(ROUNDER);
        FloatVector f = y.sub(rounded.sub(ROUNDER));
        FloatVector p = f.fma(E5, E4);
        p = p.fma(f, FloatVector.broadcast(Lanes.F, E3));
        p = p.fma(f, FloatVector.broadcast(Lanes.F, E2));
        p = p.fma(f, FloatVector.broadcast(Lanes.F, E1));
        p = p.fma(f, FloatVector.broadcast(Lanes.F, E0));
        IntVector exponent = rounded.reinterpretAsInts().lanewise(LSHL, 23);
        FloatVector pow2 = p.reinterpretAsInts().add(exponent).reinterpretAsFloats();
        FloatVector q = pow2.blend(0f, y.compare(LT, MIN_EXPONENT)).mul(t);
        return x.mul(q.blend(q.neg().add(1f), x.compare(GT, 0f)));
    }
}
