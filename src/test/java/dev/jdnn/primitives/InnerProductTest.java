package dev.jdnn.primitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdnn.engines.Engine;
import dev.jdnn.engines.Stream;
import dev.jdnn.memory.DataType;
import dev.jdnn.memory.Memory;
import dev.jdnn.memory.MemoryDesc;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Inner product forward and backward against hand-written loops, on small-integer data (exact). */
class InnerProductTest {
    private static Engine engine;
    private static Stream stream;

    @BeforeAll
    static void start() {
        engine = Engine.cpu(2);
        stream = engine.newStream();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static MemoryDesc md(String tag, long... dims) {
        return MemoryDesc.of(dims, DataType.F32, tag);
    }

    private static float[] ints(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(9) - 4;
        }
        return v;
    }

    private static Memory mem(MemoryDesc d, float[] logical) {
        Memory m = Memory.allocate(d);
        m.copyFrom(logical);
        return m;
    }

    @Test
    void forwardHandComputed() {
        // mb 2, ic 3, oc 2: dst[n][o] = bias[o] + sum_i src[n][i] * w[o][i]
        float[] src = {1, 2, 3, 4, 5, 6};
        float[] wei = {1, 0, -1, 2, 1, 0};
        float[] bia = {10, -10};
        PrimitiveDesc pd = InnerProduct.forwardTraining(engine, md("ab", 2, 3), md("ab", 2, 3), md("a", 2), md("ab", 2, 2)).build();
        try (Memory s = mem(pd.srcDesc(), src); Memory w = mem(pd.weightsDesc(), wei); Memory b = mem(pd.biasDesc(), bia);
                Memory d = Memory.allocate(pd.dstDesc())) {
            pd.create().execute(stream, Args.of(Arg.SRC, s, Arg.WEIGHTS, w, Arg.BIAS, b, Arg.DST, d));
            assertThat(d.toFloatArray()).containsExactly(10 - 2, -10 + 4, 10 - 2, -10 + 13);
        }
    }

    @Test
    void spatialSourceFlattensLogicallyInEveryLayout() {
        long mb = 3, ic = 5, h = 2, w = 3, oc = 4;
        float[] src = ints((int) (mb * ic * h * w), 1);
        float[] wei = ints((int) (oc * ic * h * w), 2);
        float[] expected = new float[(int) (mb * oc)];
        int k = (int) (ic * h * w);
        for (int n = 0; n < mb; n++) {
            for (int o = 0; o < oc; o++) {
                float acc = 0;
                for (int i = 0; i < k; i++) {
                    acc += src[n * k + i] * wei[o * k + i];
                }
                expected[(int) (n * oc + o)] = acc;
            }
        }
        for (String[] tags : new String[][] {{"nchw", "oihw"}, {"nhwc", "ohwi"}, {"nChw8c", "OIhw8i8o"}, {"nhwc", "oihw"}}) {
            PrimitiveDesc pd = InnerProduct.forwardInference(engine, md(tags[0], mb, ic, h, w), md(tags[1], oc, ic, h, w), null,
                    MemoryDesc.any(new long[] {mb, oc}, DataType.F32)).build();
            try (Memory s = mem(pd.srcDesc(), src); Memory wm = mem(pd.weightsDesc(), wei); Memory d = Memory.allocate(pd.dstDesc())) {
                pd.create().execute(stream, Args.of(Arg.SRC, s, Arg.WEIGHTS, wm, Arg.DST, d));
                assertThat(d.toFloatArray()).as(tags[0] + "/" + tags[1]).containsExactly(expected);
            }
        }
    }

    @Test
    void backwardDataIsDiffDstTimesWeights() {
        long mb = 4, ic = 3, h = 2, oc = 5;
        int k = (int) (ic * h * h);
        float[] dd = ints((int) (mb * oc), 3);
        float[] wei = ints((int) oc * k, 4);
        float[] expected = new float[(int) mb * k];
        for (int n = 0; n < mb; n++) {
            for (int i = 0; i < k; i++) {
                float acc = 0;
                for (int o = 0; o < oc; o++) {
                    acc += dd[(int) (n * oc + o)] * wei[o * k + i];
                }
                expected[n * k + i] = acc;
            }
        }
        PrimitiveDesc pd = InnerProduct.backwardData(engine, md("nhwc", mb, ic, h, h), md("oihw", oc, ic, h, h), md("ab", mb, oc))
                .build();
        assertThat(pd.arguments().keySet()).containsExactly(Arg.DIFF_DST, Arg.WEIGHTS, Arg.DIFF_SRC);
        try (Memory ddm = mem(pd.diffDstDesc(), dd); Memory w = mem(pd.weightsDesc(), wei); Memory ds = Memory.allocate(pd.diffSrcDesc())) {
            pd.create().execute(stream, Args.of(Arg.DIFF_DST, ddm, Arg.WEIGHTS, w, Arg.DIFF_SRC, ds));
            assertThat(ds.toFloatArray()).containsExactly(expected);
        }
    }

    @Test
    void backwardWeightsAndBias() {
        long mb = 6, ic = 7, oc = 3;
        float[] src = ints((int) (mb * ic), 5);
        float[] dd = ints((int) (mb * oc), 6);
        float[] dw = new float[(int) (oc * ic)];
        float[] db = new float[(int) oc];
        for (int o = 0; o < oc; o++) {
            for (int n = 0; n < mb; n++) {
                db[o] += dd[(int) (n * oc + o)];
                for (int i = 0; i < ic; i++) {
                    dw[(int) (o * ic + i)] += dd[(int) (n * oc + o)] * src[(int) (n * ic + i)];
                }
            }
        }
        PrimitiveDesc pd = InnerProduct.backwardWeights(engine, md("ab", mb, ic), MemoryDesc.any(new long[] {oc, ic}, DataType.F32),
                MemoryDesc.any(new long[] {oc}, DataType.F32), md("ab", mb, oc)).build();
        try (Memory s = mem(pd.srcDesc(), src); Memory ddm = mem(pd.diffDstDesc(), dd); Memory dwm = Memory.allocate(pd.diffWeightsDesc());
                Memory dbm = Memory.allocate(pd.diffBiasDesc())) {
            pd.create().execute(stream, Args.of(Arg.SRC, s, Arg.DIFF_DST, ddm, Arg.DIFF_WEIGHTS, dwm, Arg.DIFF_BIAS, dbm));
            assertThat(dwm.toFloatArray()).containsExactly(dw);
            assertThat(dbm.toFloatArray()).containsExactly(db);
        }
    }

    @Test
    void badShapesAreRejected() {
        assertThatThrownBy(() -> InnerProduct.forwardTraining(engine, md("nchw", 2, 3, 4, 4), md("ab", 5, 48), null, md("ab", 2, 5))
                .build()).hasMessageContaining("rank 2, expected 4");
        assertThatThrownBy(() -> InnerProduct.forwardTraining(engine, md("ab", 2, 3), md("ab", 5, 4), null, md("ab", 2, 5)).build())
                .hasMessageContaining("do not match src 2x3 in dim 1");
        assertThatThrownBy(() -> InnerProduct.forwardTraining(engine, md("ab", 2, 3), md("ab", 5, 3), null, md("ab", 3, 5)).build())
                .hasMessageContaining("src minibatch 2 != dst minibatch 3");
        assertThatThrownBy(() -> InnerProduct.backwardData(engine, md("ab", 2, 3), md("ab", 5, 3), md("ab", 2, 5))
                .attr(Attr.of(PostOps.eltwise(EltwiseAlg.RELU, 0, 0))).build()).hasMessageContaining("forward propagation only");
    }
}
