package dev.jdnn.primitives;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdnn.engines.Engine;
import dev.jdnn.engines.Stream;
import dev.jdnn.memory.DataType;
import dev.jdnn.memory.FormatTag;
import dev.jdnn.memory.Memory;
import dev.jdnn.memory.MemoryDesc;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream.Builder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Algebraic properties of the reference implementations, on random small-integer data so that
 * every result is exact and the two sides must agree bit for bit:
 * <ul>
 *   <li>a 1x1 convolution is a matmul (channels-first and channels-last);</li>
 *   <li>a grouped convolution is the per-group convolutions side by side;</li>
 *   <li>average pooling excluding padding of a constant is that constant (0 for a window wholly in
 *       the padding), and max pooling of a constant too;</li>
 *   <li>a reorder there and back is the identity (plain, strided, channels-last, blocked with
 *       channel tails), writes the documented physical layout, zeroes the padding of blocked
 *       layouts and leaves the gaps of strided layouts alone;</li>
 *   <li>every primitive writing a blocked destination zeroes its padding (as oneDNN requires) and
 *       gives the same values as with a plain destination.</li>
 * </ul>
 */
class ReferencePropertiesTest {
    private static final DataType F32 = DataType.F32;
    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = Engine.cpu(2);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    static float[] ints(Random r, long n, int lo, int hi) {
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + r.nextInt(hi - lo + 1);
        }
        return v;
    }

    static long prod(long... dims) {
        long p = 1;
        for (long d : dims) {
            p *= d;
        }
        return p;
    }

    static long[] concat(long[] head, long... tail) {
        long[] out = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }

    static void run(PrimitiveDesc pd, Args args) {
        try (Stream s = engine.newStream()) {
            pd.create().execute(s, args);
        }
    }

    /** Output size of a window: {@code (i + l + r - ((k - 1) * (d + 1) + 1)) / s + 1}. */
    static long outSize(long i, long k, long s, long d, long l, long r) {
        return (i + l + r - ((k - 1) * (d + 1) + 1)) / s + 1;
    }

    // ------------------------------------------------------------------ 1x1 convolution = matmul

    static java.util.stream.Stream<Arguments> pointwiseShapes() {
        return java.util.stream.Stream.of(
                Arguments.of(1, 1, 1, 1, 1, false),
                Arguments.of(2, 3, 4, 5, 5, true),
                Arguments.of(3, 8, 5, 2, 7, false),
                Arguments.of(1, 16, 3, 4, 4, true),
                Arguments.of(2, 5, 17, 3, 1, true));
    }

    @ParameterizedTest(name = "mb{0} ic{1} oc{2} {3}x{4} bias={5}")
    @MethodSource("pointwiseShapes")
    void pointwiseConvolutionIsAMatMul(int mb, int ic, int oc, int h, int w, boolean withBias) {
        Random r = new Random(31L * mb + 7L * ic + oc + h * 1000L + w);
        long hw = (long) h * w;
        float[] x = ints(r, prod(mb, ic, hw), -4, 4);
        float[] wt = ints(r, prod(oc, ic), -3, 3);
        float[] b = ints(r, oc, -9, 9);
        long[] srcDims = {mb, ic, h, w};
        long[] dstDims = {mb, oc, h, w};
        MemoryDesc bias = withBias ? MemoryDesc.of(new long[] {oc}, F32, FormatTag.A) : null;
        MemoryDesc wei = MemoryDesc.of(new long[] {oc, ic, 1, 1}, F32, FormatTag.OIHW);

        for (FormatTag layout : new FormatTag[] {FormatTag.NCHW, FormatTag.NHWC}) {
            MemoryDesc src = MemoryDesc.of(srcDims, F32, layout);
            MemoryDesc dst = MemoryDesc.of(dstDims, F32, layout);
            float[] convOut = new float[Math.toIntExact(prod(dstDims))];
            PrimitiveDesc conv = Convolution.forwardInference(engine, src, wei, bias, dst).implementation("ref").build();
            Args ca = Args.of(Arg.SRC, Memory.wrap(src, x), Arg.WEIGHTS, Memory.wrap(wei, wt), Arg.DST,
                    Memory.wrap(dst, convOut));
            if (withBias) {
                ca.put(Arg.BIAS, Memory.wrap(bias, b));
            }
            run(conv, ca);

            // The same storage seen as matrices: nchw is dst[n] (oc x hw) = W (oc x ic) * src[n] (ic x hw);
            // nhwc is dst (mb*hw x oc) = src (mb*hw x ic) * W^T, W^T being the oi weights read as "ba".
            float[] mmOut = new float[convOut.length];
            MemoryDesc ms;
            MemoryDesc mw;
            MemoryDesc md;
            MemoryDesc mbias = null;
            float[] lhs;
            float[] rhs;
            if (layout == FormatTag.NCHW) {
                ms = MemoryDesc.plain(new long[] {1, oc, ic}, F32);
                mw = MemoryDesc.plain(new long[] {mb, ic, hw}, F32);
                md = MemoryDesc.plain(new long[] {mb, oc, hw}, F32);
                if (withBias) {
                    mbias = MemoryDesc.plain(new long[] {1, oc, 1}, F32);
                }
                lhs = wt;
                rhs = x;
            } else {
                ms = MemoryDesc.plain(new long[] {mb * hw, ic}, F32);
                mw = MemoryDesc.of(new long[] {ic, oc}, F32, FormatTag.BA);
                md = MemoryDesc.plain(new long[] {mb * hw, oc}, F32);
                if (withBias) {
                    mbias = MemoryDesc.plain(new long[] {1, oc}, F32);
                }
                lhs = x;
                rhs = wt;
            }
            PrimitiveDesc mm = MatMul.of(engine, ms, mw, mbias, md).implementation("ref").build();
            Args ma = Args.of(Arg.SRC, Memory.wrap(ms, lhs), Arg.WEIGHTS, Memory.wrap(mw, rhs), Arg.DST,
                    Memory.wrap(md, mmOut));
            if (withBias) {
                ma.put(Arg.BIAS, Memory.wrap(mbias, b));
            }
            run(mm, ma);
            assertThat(convOut).as("1x1 convolution in %s vs matmul", layout).containsExactly(mmOut);
            assertThat(convOut).as("not trivially zero").isNotEqualTo(new float[convOut.length]);
        }
    }

    // ------------------------------------------------------------------ grouped = per-group convolutions

    /** A convolution problem: spatial arrays have one entry per spatial dim. */
    record ConvCase(int mb, int g, int icg, int ocg, long[] in, long[] k, long[] s, long[] d, long[] pl, long[] pr) {
        long[] out() {
            long[] o = new long[in.length];
            for (int i = 0; i < o.length; i++) {
                o[i] = outSize(in[i], k[i], s[i], d[i], pl[i], pr[i]);
            }
            return o;
        }

        @Override
        public String toString() {
            return "g" + g + " mb" + mb + " icg" + icg + " ocg" + ocg + " i" + Arrays.toString(in) + " k"
                    + Arrays.toString(k) + " s" + Arrays.toString(s) + " d" + Arrays.toString(d) + " pl"
                    + Arrays.toString(pl) + " pr" + Arrays.toString(pr);
        }
    }

    static java.util.stream.Stream<ConvCase> groupedCases() {
        Builder<ConvCase> b = java.util.stream.Stream.builder();
        b.add(new ConvCase(1, 2, 2, 3, new long[] {5, 5}, new long[] {3, 3}, new long[] {1, 1}, new long[] {0, 0},
                new long[] {1, 1}, new long[] {1, 1}));
        b.add(new ConvCase(2, 4, 1, 1, new long[] {6, 4}, new long[] {3, 2}, new long[] {2, 1}, new long[] {0, 1},
                new long[] {1, 0}, new long[] {0, 1}));
        b.add(new ConvCase(1, 3, 1, 2, new long[] {7}, new long[] {3}, new long[] {2}, new long[] {1},
                new long[] {2}, new long[] {1}));
        b.add(new ConvCase(2, 2, 3, 2, new long[] {3, 4, 3}, new long[] {2, 2, 1}, new long[] {1, 2, 1},
                new long[] {0, 0, 0}, new long[] {1, 0, 0}, new long[] {0, 1, 0}));
        b.add(new ConvCase(1, 5, 2, 1, new long[] {4, 4}, new long[] {1, 1}, new long[] {1, 1}, new long[] {0, 0},
                new long[] {0, 0}, new long[] {0, 0}));
        b.add(new ConvCase(1, 2, 1, 1, new long[] {2, 2}, new long[] {2, 2}, new long[] {1, 1}, new long[] {0, 0},
                new long[] {3, 3}, new long[] {3, 3}));
        return b.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("groupedCases")
    void groupedConvolutionIsThePerGroupConvolutions(ConvCase c) {
        Random r = new Random(c.toString().hashCode());
        int sp = c.in().length;
        long ic = (long) c.g() * c.icg();
        long oc = (long) c.g() * c.ocg();
        long[] out = c.out();
        long inVol = prod(c.in());
        long outVol = prod(out);
        long kVol = prod(c.k());
        float[] x = ints(r, c.mb() * ic * inVol, -4, 4);
        float[] wt = ints(r, oc * c.icg() * kVol, -3, 3);
        float[] b = ints(r, oc, -9, 9);
        FormatTag plain = FormatTag.plain(sp + 2);

        MemoryDesc src = MemoryDesc.of(concat(new long[] {c.mb(), ic}, c.in()), F32, plain);
        MemoryDesc wei = MemoryDesc.of(concat(new long[] {c.g(), c.ocg(), c.icg()}, c.k()), F32, FormatTag.plain(sp + 3));
        MemoryDesc bias = MemoryDesc.of(new long[] {oc}, F32, FormatTag.A);
        MemoryDesc dst = MemoryDesc.of(concat(new long[] {c.mb(), oc}, out), F32, plain);
        float[] full = new float[Math.toIntExact(prod(dst.dims()))];
        run(Convolution.forwardTraining(engine, src, wei, bias, dst).strides(c.s()).dilations(c.d())
                        .padding(c.pl(), c.pr()).implementation("ref").build(),
                Args.of(Arg.SRC, Memory.wrap(src, x), Arg.WEIGHTS, Memory.wrap(wei, wt), Arg.BIAS, Memory.wrap(bias, b),
                        Arg.DST, Memory.wrap(dst, full)));

        MemoryDesc gsrc = MemoryDesc.of(concat(new long[] {c.mb(), c.icg()}, c.in()), F32, plain);
        MemoryDesc gwei = MemoryDesc.of(concat(new long[] {c.ocg(), c.icg()}, c.k()), F32, plain);
        MemoryDesc gbias = MemoryDesc.of(new long[] {c.ocg()}, F32, FormatTag.A);
        MemoryDesc gdst = MemoryDesc.of(concat(new long[] {c.mb(), c.ocg()}, out), F32, plain);
        PrimitiveDesc one = Convolution.forwardTraining(engine, gsrc, gwei, gbias, gdst).strides(c.s())
                .dilations(c.d()).padding(c.pl(), c.pr()).implementation("ref").build();
        for (int g = 0; g < c.g(); g++) {
            float[] xs = new float[Math.toIntExact(c.mb() * c.icg() * inVol)];
            for (int n = 0; n < c.mb(); n++) {
                System.arraycopy(x, Math.toIntExact((n * ic + (long) g * c.icg()) * inVol), xs,
                        Math.toIntExact(n * c.icg() * inVol), Math.toIntExact(c.icg() * inVol));
            }
            int wBlock = Math.toIntExact(c.ocg() * c.icg() * kVol);
            float[] ws = Arrays.copyOfRange(wt, g * wBlock, (g + 1) * wBlock);
            float[] bs = Arrays.copyOfRange(b, g * c.ocg(), (g + 1) * c.ocg());
            float[] ys = new float[Math.toIntExact(c.mb() * c.ocg() * outVol)];
            run(one, Args.of(Arg.SRC, Memory.wrap(gsrc, xs), Arg.WEIGHTS, Memory.wrap(gwei, ws), Arg.BIAS,
                    Memory.wrap(gbias, bs), Arg.DST, Memory.wrap(gdst, ys)));
            for (int n = 0; n < c.mb(); n++) {
                int from = Math.toIntExact((n * oc + (long) g * c.ocg()) * outVol);
                int len = Math.toIntExact(c.ocg() * outVol);
                assertThat(Arrays.copyOfRange(full, from, from + len)).as("group %d, image %d", g, n)
                        .containsExactly(Arrays.copyOfRange(ys, Math.toIntExact(n * c.ocg() * outVol),
                                Math.toIntExact(n * c.ocg() * outVol) + len));
            }
        }
    }

    // ------------------------------------------------------------------ pooling of a constant

    /** A pooling geometry (one entry per spatial dim) and the layout of src and dst. */
    record PoolCase(long[] in, long[] k, long[] s, long[] d, long[] pl, long[] pr, String tag) {
        long[] out() {
            long[] o = new long[in.length];
            for (int i = 0; i < o.length; i++) {
                o[i] = outSize(in[i], k[i], s[i], d[i], pl[i], pr[i]);
            }
            return o;
        }

        /** Taps of window {@code o} along axis {@code a} that fall inside the input. */
        long inside(int a, long o) {
            long count = 0;
            for (long kk = 0; kk < k[a]; kk++) {
                long i = o * s[a] - pl[a] + kk * (d[a] + 1);
                if (i >= 0 && i < in[a]) {
                    count++;
                }
            }
            return count;
        }

        @Override
        public String toString() {
            return tag + " i" + Arrays.toString(in) + " k" + Arrays.toString(k) + " s" + Arrays.toString(s) + " d"
                    + Arrays.toString(d) + " pl" + Arrays.toString(pl) + " pr" + Arrays.toString(pr);
        }
    }

    static java.util.stream.Stream<PoolCase> poolCases() {
        Builder<PoolCase> b = java.util.stream.Stream.builder();
        b.add(new PoolCase(new long[] {5, 5}, new long[] {3, 3}, new long[] {1, 1}, new long[] {0, 0},
                new long[] {1, 1}, new long[] {1, 1}, "nchw"));
        b.add(new PoolCase(new long[] {7, 6}, new long[] {3, 2}, new long[] {2, 3}, new long[] {1, 0},
                new long[] {2, 1}, new long[] {1, 0}, "nhwc"));
        b.add(new PoolCase(new long[] {4, 4}, new long[] {2, 2}, new long[] {3, 3}, new long[] {0, 0},
                new long[] {0, 0}, new long[] {1, 1}, "nChw8c"));
        b.add(new PoolCase(new long[] {9}, new long[] {3}, new long[] {2}, new long[] {2}, new long[] {3},
                new long[] {2}, "ncw"));
        b.add(new PoolCase(new long[] {3, 4, 3}, new long[] {2, 3, 2}, new long[] {1, 2, 1}, new long[] {1, 0, 0},
                new long[] {1, 1, 0}, new long[] {1, 1, 1}, "ncdhw"));
        b.add(new PoolCase(new long[] {2, 2}, new long[] {2, 2}, new long[] {1, 1}, new long[] {0, 0},
                new long[] {3, 3}, new long[] {3, 3}, "nchw"));
        return b.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("poolCases")
    void poolingOfAConstantIsTheConstant(PoolCase c) {
        long mb = 2;
        long ch = 3;
        long[] out = c.out();
        MemoryDesc src = MemoryDesc.of(concat(new long[] {mb, ch}, c.in()), F32, c.tag());
        MemoryDesc dst = MemoryDesc.of(concat(new long[] {mb, ch}, out), F32, c.tag());
        long kVol = prod(c.k());
        for (float value : new float[] {3.5f, -2f, 7f}) {
            float[] x = new float[Math.toIntExact(src.nelems())];
            Arrays.fill(x, value);
            for (PoolingAlg alg : PoolingAlg.values()) {
                PrimitiveDesc pd = Pooling.forwardInference(engine, alg, src, dst).kernel(c.k()).strides(c.s())
                        .dilations(c.d()).padding(c.pl(), c.pr()).implementation("ref").build();
                try (Memory sm = Memory.allocate(src); Memory dm = Memory.allocate(dst)) {
                    sm.copyFrom(x);
                    run(pd, Args.of(Arg.SRC, sm, Arg.DST, dm));
                    float[] y = dm.toFloatArray();
                    long[] index = new long[out.length];
                    int emptyWindows = 0;
                    for (int p = 0; p < y.length; p++) {
                        long rest = p % prod(out);
                        for (int a = out.length - 1; a >= 0; a--) {
                            index[a] = rest % out[a];
                            rest /= out[a];
                        }
                        long inside = 1;
                        for (int a = 0; a < out.length; a++) {
                            inside *= c.inside(a, index[a]);
                        }
                        emptyWindows += inside == 0 ? 1 : 0;
                        String at = alg + " of " + value + " at " + Arrays.toString(index);
                        switch (alg) {
                            case AVG_EXCLUDE_PADDING -> assertThat(y[p]).as(at).isEqualTo(inside == 0 ? 0f : value);
                            case MAX -> assertThat(y[p]).as(at).isEqualTo(inside == 0 ? -Float.MAX_VALUE : value);
                            case AVG_INCLUDE_PADDING -> assertThat((double) y[p]).as(at)
                                    .isCloseTo((double) value * inside / kVol, org.assertj.core.data.Offset.offset(1e-6));
                        }
                    }
                    if (c.pl()[0] >= c.k()[0] + 1) {
                        assertThat(emptyWindows).as("the case has windows wholly in the padding").isPositive();
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ reorder round trips

    static java.util.stream.Stream<Arguments> roundTrips() {
        return java.util.stream.Stream.of(
                Arguments.of("plain to nhwc", new long[] {2, 3, 4, 5}, desc("nchw"), desc("nhwc")),
                Arguments.of("nhwc to nChw8c, 3 channels", new long[] {2, 3, 2, 3}, desc("nhwc"), desc("nChw8c")),
                Arguments.of("nchw to nChw16c, 17 channels", new long[] {1, 17, 2, 2}, desc("nchw"), desc("nChw16c")),
                Arguments.of("nChw8c to nChw16c, 12 channels", new long[] {2, 12, 1, 3}, desc("nChw8c"),
                        desc("nChw16c")),
                Arguments.of("ncdhw to nCdhw16c, 5 channels", new long[] {1, 5, 2, 2, 2}, desc("ncdhw"),
                        desc("nCdhw16c")),
                Arguments.of("oihw to OIhw16i16o, 18x3", new long[] {18, 3, 2, 1}, desc("oihw"), desc("OIhw16i16o")),
                Arguments.of("row-padded strides to plain", new long[] {2, 3, 4}, strided(20, 5, 1), desc("abc")),
                Arguments.of("every other element to nChw8c", new long[] {2, 3, 2, 2}, strided(48, 16, 4, 2),
                        desc("nChw8c")),
                Arguments.of("column-major with gaps to transposed", new long[] {3, 4}, strided(1, 5), desc("ba")),
                Arguments.of("nCw8c to strided channels-last", new long[] {2, 5, 3}, desc("nCw8c"), strided(40, 1, 8)));
    }

    /** Layout factories applied to the dims of each case. */
    interface Layout {
        MemoryDesc of(long[] dims);
    }

    static Layout desc(String tag) {
        return dims -> MemoryDesc.of(dims, F32, tag);
    }

    static Layout strided(long... strides) {
        return dims -> MemoryDesc.ofStrides(dims, F32, strides);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundTrips")
    void reorderThereAndBackIsTheIdentity(String name, long[] dims, Layout a, Layout b) {
        Random r = new Random(name.hashCode());
        float[] x = ints(r, prod(dims), -50, 50);
        MemoryDesc plain = MemoryDesc.plain(dims, F32);
        MemoryDesc da = a.of(dims);
        MemoryDesc db = b.of(dims);
        try (Memory p0 = Memory.allocate(plain); Memory ma = Memory.allocate(da); Memory mb = Memory.allocate(db);
                Memory p1 = Memory.allocate(plain)) {
            p0.copyFrom(x);
            poison(ma);
            poison(mb);
            reorder(p0, ma);
            checkPaddingAndGaps(ma);
            reorder(ma, mb);
            checkPaddingAndGaps(mb);
            reorder(mb, p1);
            assertThat(p1.toFloatArray()).as("plain -> %s -> %s -> plain", da, db).containsExactly(x);
            assertThat(ma.toFloatArray()).containsExactly(x);
            assertThat(mb.toFloatArray()).containsExactly(x);
        }
    }

    private static void poison(Memory m) {
        m.segment().asSlice(0, m.desc().sizeInBytes()).fill((byte) 0x7F);
    }

    private static void reorder(Memory from, Memory to) {
        run(Reorder.of(engine, from.desc(), to.desc()).implementation("ref").build(), Args.of(Arg.SRC, from, Arg.DST, to));
    }

    /**
     * Every element of the span is either a logical element, padding of a blocked dim (must be 0,
     * as oneDNN requires) or a gap of a strided layout (must be left as it was).
     */
    private static void checkPaddingAndGaps(Memory m) {
        MemoryDesc md = m.desc();
        long span = md.spanElements();
        byte[] kind = new byte[Math.toIntExact(span)];
        long[] padded = md.paddedDims();
        long[] dims = md.dims();
        long[] index = new long[padded.length];
        do {
            boolean pad = false;
            for (int i = 0; i < dims.length; i++) {
                pad |= index[i] >= dims[i];
            }
            int off = Math.toIntExact(md.offsetUnchecked(index));
            assertThat(kind[off]).as("offset %d reached twice", off).isZero();
            kind[off] = (byte) (pad ? 2 : 1);
        } while (dev.jdnn.memory.LogicalIndex.next(index, padded));
        float poison = Float.intBitsToFloat(0x7F7F7F7F);
        for (int off = 0; off < kind.length; off++) {
            float v = m.segment().getAtIndex(ValueLayout.JAVA_FLOAT, off);
            if (kind[off] == 2) {
                assertThat(v).as("padding at offset %d of %s", off, md).isEqualTo(0f);
            } else if (kind[off] == 0) {
                assertThat(v).as("gap at offset %d of %s", off, md).isEqualTo(poison);
            }
        }
    }

    // ------------------------------------------------------------------ every output's padding is zero

    static java.util.stream.Stream<Arguments> blockedOutputs() {
        long[] img = {2, 3, 5, 5};
        long[] out = {2, 5, 3, 3};
        MemoryDesc src = MemoryDesc.of(img, F32, FormatTag.NCHW);
        Attr shift = Attr.of(PostOps.eltwise(EltwiseAlg.LINEAR, 1, 7));
        return java.util.stream.Stream.of(
                Arguments.of("convolution, 5 channels in nChw8c, post-op 1x+7", (ForDst) dst -> Convolution
                        .forwardInference(engine, src, MemoryDesc.of(new long[] {5, 3, 3, 3}, F32, FormatTag.OIHW),
                                MemoryDesc.of(new long[] {5}, F32, FormatTag.A), dst).attr(shift)
                        .implementation("ref").build(), out, "nChw8c"),
                Arguments.of("avg_p pooling, 3 channels in nChw16c", (ForDst) dst -> Pooling
                        .forwardInference(engine, PoolingAlg.AVG_INCLUDE_PADDING, src, dst).kernel(3, 3).strides(2, 2)
                        .padding(1, 1).implementation("ref").build(), new long[] {2, 3, 3, 3}, "nChw16c"),
                Arguments.of("max pooling in training, 3 channels in nChw8c", (ForDst) dst -> Pooling
                        .forwardTraining(engine, PoolingAlg.MAX, src, dst).kernel(3, 3).strides(2, 2).padding(1, 1)
                        .implementation("ref").build(), new long[] {2, 3, 3, 3}, "nChw8c"),
                Arguments.of("eltwise exp (exp(0) = 1), 3 channels in nChw8c", (ForDst) dst -> Eltwise
                        .forwardInference(engine, EltwiseAlg.EXP, 0, 0, src, dst).implementation("ref").build(),
                        img, "nChw8c"),
                Arguments.of("matmul, N = 3 in aB4b, post-op 1x+7", (ForDst) dst -> MatMul
                        .of(engine, MemoryDesc.plain(new long[] {2, 4}, F32), MemoryDesc.plain(new long[] {4, 3}, F32),
                                null, dst).attr(shift).implementation("ref").build(), new long[] {2, 3}, "aB4b"),
                Arguments.of("reorder, 3 channels in nChw16c", (ForDst) dst -> Reorder.of(engine, src, dst)
                        .implementation("ref").build(), img, "nChw16c"));
    }

    /** Builds a primitive for a destination descriptor. */
    interface ForDst {
        PrimitiveDesc build(MemoryDesc dst);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blockedOutputs")
    void blockedDestinationsGetZeroPaddingAndTheSameValues(String name, ForDst build, long[] dstDims, String tag) {
        MemoryDesc plainDst = MemoryDesc.plain(dstDims, F32);
        MemoryDesc blockedDst = MemoryDesc.of(dstDims, F32, tag);
        assertThat(blockedDst.paddedDims()).as("the case has padding").isNotEqualTo(dstDims);
        float[][] logical = new float[2][];
        int i = 0;
        for (MemoryDesc dst : new MemoryDesc[] {plainDst, blockedDst}) {
            PrimitiveDesc pd = build.build(dst);
            Random r = new Random(name.hashCode());
            Args args = new Args();
            java.util.List<Memory> owned = new java.util.ArrayList<>();
            for (var e : pd.arguments().entrySet()) {
                Memory m = Memory.allocate(e.getValue());
                owned.add(m);
                if (pd.isOutput(e.getKey())) {
                    poison(m);
                } else {
                    m.copyFrom(ints(r, e.getValue().nelems(), -4, 4));
                }
                args.put(e.getKey(), m);
            }
            run(pd, args);
            Memory out = args.get(Arg.DST);
            checkPaddingAndGaps(out);
            logical[i++] = out.toFloatArray();
            owned.forEach(Memory::close);
        }
        assertThat(logical[1]).as("values in %s as in plain", tag).containsExactly(logical[0]);
    }

    // ------------------------------------------------------------------ physical layouts

    @org.junit.jupiter.api.Test
    void reorderWritesTheDocumentedPhysicalLayouts() {
        int n = 2;
        int c = 11;
        int h = 2;
        int w = 3;
        long[] dims = {n, c, h, w};
        float[] x = ints(new Random(5), prod(dims), -99, 99);
        MemoryDesc nchw = MemoryDesc.of(dims, F32, FormatTag.NCHW);
        float[] nhwc = new float[x.length];
        run(Reorder.of(engine, nchw, MemoryDesc.of(dims, F32, FormatTag.NHWC)).implementation("ref").build(),
                Args.of(Arg.SRC, Memory.wrap(nchw, x), Arg.DST, Memory.wrap(MemoryDesc.of(dims, F32, FormatTag.NHWC), nhwc)));
        MemoryDesc blockedDesc = MemoryDesc.of(dims, F32, FormatTag.NCHW8C);
        int cb = (c + 7) / 8;
        float[] blocked = new float[n * cb * h * w * 8];
        Arrays.fill(blocked, Float.NaN);
        run(Reorder.of(engine, nchw, blockedDesc).implementation("ref").build(),
                Args.of(Arg.SRC, Memory.wrap(nchw, x), Arg.DST, Memory.wrap(blockedDesc, blocked)));
        for (int in = 0; in < n; in++) {
            for (int ic = 0; ic < cb * 8; ic++) {
                for (int ih = 0; ih < h; ih++) {
                    for (int iw = 0; iw < w; iw++) {
                        float want = ic < c ? x[((in * c + ic) * h + ih) * w + iw] : 0f;
                        if (ic < c) {
                            assertThat(nhwc[((in * h + ih) * w + iw) * c + ic]).isEqualTo(want);
                        }
                        assertThat(blocked[(((in * cb + ic / 8) * h + ih) * w + iw) * 8 + ic % 8])
                                .as("nChw8c element n%d c%d h%d w%d", in, ic, ih, iw).isEqualTo(want);
                    }
                }
            }
        }
    }
}
