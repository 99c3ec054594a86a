package dev.jdnn.primitives;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdnn.engines.Engine;
import dev.jdnn.engines.Stream;
import dev.jdnn.memory.DataType;
import dev.jdnn.memory.FormatTag;
import dev.jdnn.memory.Memory;
import dev.jdnn.memory.MemoryDesc;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * One primitive object executed from 8 threads at once, each on its own memory, must give every
 * thread exactly (bit for bit) what a single-threaded run gives: kernels keep no per-call state
 * in shared fields, and a busy worker pool (regions then run inline on the caller) does not
 * change results. The reference is computed on a 1-thread engine, one execution at a time.
 */
class ConcurrentExecutionTest {
    private static final int THREADS = 8;
    private static final int ROUNDS = 6;
    private static final DataType F32 = DataType.F32;

    @Test
    void convolutionWithPostOpsFromEightThreads() throws Exception {
        long[] src = {2, 8, 12, 12};
        long[] dst = {2, 12, 6, 6};
        check(engine -> Convolution.forwardTraining(engine, MemoryDesc.of(src, F32, FormatTag.NCHW),
                        MemoryDesc.of(new long[] {2, 6, 4, 3, 3}, F32, FormatTag.GOIHW),
                        MemoryDesc.of(new long[] {12}, F32, FormatTag.A), MemoryDesc.of(dst, F32, FormatTag.NHWC))
                .strides(2, 2).padding(1, 1)
                .attr(Attr.of(PostOps.eltwise(EltwiseAlg.RELU, 0.5f, 0)
                        .thenBinary(BinaryAlg.ADD, MemoryDesc.plain(new long[] {1, 12, 1, 1}, F32))))
                .implementation("ref").build());
    }

    @Test
    void maxPoolingWithWorkspaceFromEightThreads() throws Exception {
        check(engine -> Pooling.forwardTraining(engine, PoolingAlg.MAX,
                        MemoryDesc.of(new long[] {2, 5, 13, 11}, F32, FormatTag.NCHW),
                        MemoryDesc.of(new long[] {2, 5, 7, 6}, F32, FormatTag.NCHW))
                .kernel(3, 3).strides(2, 2).padding(1, 1).implementation("ref").build());
    }

    @Test
    void averagePoolingFromEightThreads() throws Exception {
        check(engine -> Pooling.forwardInference(engine, PoolingAlg.AVG_EXCLUDE_PADDING,
                        MemoryDesc.of(new long[] {2, 9, 10, 10}, F32, FormatTag.NHWC),
                        MemoryDesc.of(new long[] {2, 9, 5, 5}, F32, FormatTag.NHWC))
                .kernel(3, 3).strides(2, 2).dilations(1, 0).padding(new long[] {2, 1}, new long[] {2, 0})
                .implementation("ref").build());
    }

    /**
     * Builds the primitive on a 2-thread engine and on a 1-thread one; runs the 1-thread one on 8
     * data sets one after another, then the shared 2-thread primitive on the same 8 data sets from
     * 8 threads at once, several rounds, and compares every output byte.
     */
    private static void check(Function<Engine, PrimitiveDesc> build) throws Exception {
        try (Engine serialEngine = Engine.cpu(1); Engine engine = Engine.cpu(2)) {
            PrimitiveDesc serialPd = build.apply(serialEngine);
            PrimitiveDesc pd = build.apply(engine);
            Primitive shared = pd.create();
            List<Map<Arg, float[]>> inputs = new ArrayList<>();
            List<List<byte[]>> expected = new ArrayList<>();
            try (Stream s = serialEngine.newStream()) {
                for (int t = 0; t < THREADS; t++) {
                    inputs.add(randomInputs(pd, t));
                    Args args = allocate(serialPd, inputs.get(t));
                    serialPd.create().execute(s, args);
                    expected.add(outputs(serialPd, args));
                    close(args);
                }
            }
            for (int t = 1; t < THREADS; t++) {
                assertThat(expected.get(t).get(0)).as("data sets differ").isNotEqualTo(expected.get(0).get(0));
            }

            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                CyclicBarrier start = new CyclicBarrier(THREADS);
                List<Future<Integer>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int me = t;
                    done.add(pool.submit(() -> {
                        Args args = allocate(pd, inputs.get(me));
                        try (Stream s = engine.newStream()) {
                            for (int round = 0; round < ROUNDS; round++) {
                                clearOutputs(pd, args);
                                start.await(30, TimeUnit.SECONDS);
                                shared.execute(s, args);
                                List<byte[]> got = outputs(pd, args);
                                for (int i = 0; i < got.size(); i++) {
                                    assertThat(got.get(i)).as("thread %d, round %d, output %d", me, round, i)
                                            .isEqualTo(expected.get(me).get(i));
                                }
                            }
                        } finally {
                            close(args);
                        }
                        return me;
                    }));
                }
                for (Future<Integer> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** Small random integers for every f32 input of {@code pd}, in logical order. */
    private static Map<Arg, float[]> randomInputs(PrimitiveDesc pd, int seed) {
        Random r = new Random(1234 + seed);
        Map<Arg, float[]> in = new java.util.LinkedHashMap<>();
        for (Map.Entry<Arg, MemoryDesc> e : pd.arguments().entrySet()) {
            if (!pd.isOutput(e.getKey()) && e.getValue().dataType() == F32) {
                float[] v = new float[Math.toIntExact(e.getValue().nelems())];
                for (int i = 0; i < v.length; i++) {
                    v[i] = r.nextInt(9) - 4;
                }
                in.put(e.getKey(), v);
            }
        }
        return in;
    }

    private static Args allocate(PrimitiveDesc pd, Map<Arg, float[]> inputs) {
        Args args = new Args();
        for (Map.Entry<Arg, MemoryDesc> e : pd.arguments().entrySet()) {
            Memory m = Memory.allocate(e.getValue());
            float[] v = inputs.get(e.getKey());
            if (v != null) {
                m.copyFrom(v);
            }
            args.put(e.getKey(), m);
        }
        return args;
    }

    /** Outputs are set to a pattern no primitive writes, so a skipped store cannot go unseen. */
    private static void clearOutputs(PrimitiveDesc pd, Args args) {
        for (int i = 0; i < args.size(); i++) {
            if (pd.isOutput(args.argAt(i))) {
                Memory m = args.memoryAt(i);
                m.segment().asSlice(0, m.desc().sizeInBytes()).fill((byte) 0x55);
            }
        }
    }

    /** The raw bytes of every output, in the order of {@code pd.arguments()}. */
    private static List<byte[]> outputs(PrimitiveDesc pd, Args args) {
        List<byte[]> out = new ArrayList<>();
        for (Arg a : pd.arguments().keySet()) {
            if (pd.isOutput(a)) {
                Memory m = args.get(a);
                out.add(m.segment().asSlice(0, m.desc().sizeInBytes()).toArray(ValueLayout.JAVA_BYTE));
            }
        }
        return out;
    }

    private static void close(Args args) {
        for (int i = 0; i < args.size(); i++) {
            args.memoryAt(i).close();
        }
    }
}
