package dev.jdnn.primitives;

import static dev.jdnn.primitives.Fixtures.DST;
import static dev.jdnn.primitives.Fixtures.SRC;
import static dev.jdnn.primitives.Fixtures.WEI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdnn.engines.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

@ResourceLock("jdnn-global-state")
class PrimitiveCacheTest {
    private final int oldCapacity = PrimitiveCache.capacity();

    @AfterEach
    void restore() {
        PrimitiveCache.setCapacity(oldCapacity);
        PrimitiveCache.clear();
    }

    private static PrimitiveDesc conv(Engine e, long pad, Attr attr) {
        long out = 4 + 2 * pad - 2;
        var dst = dev.jdnn.memory.MemoryDesc.of(new long[] {1, 3, out, out}, DST.dataType(), "nchw");
        return Convolution.forwardTraining(e, SRC, WEI, null, dst).padding(pad, pad).attr(attr).build();
    }

    @Test
    void anIdenticalDescriptorGetsTheSamePrimitive() {
        PrimitiveCache.clear();
        try (Engine e = Engine.cpu(1); Engine other = Engine.cpu(1)) {
            Primitive a = conv(e, 1, Attr.NONE).create();
            Primitive b = conv(e, 1, Attr.NONE).create();
            assertThat(b).isSameAs(a);
            assertThat(PrimitiveCache.hits()).isEqualTo(1);
            assertThat(conv(e, 1, Attr.of(PostOps.eltwise(EltwiseAlg.RELU, 0, 0))).create()).isNotSameAs(a);
            assertThat(conv(e, 2, Attr.NONE).create()).isNotSameAs(a);
            assertThat(conv(other, 1, Attr.NONE).create()).isNotSameAs(a);
            assertThat(PrimitiveCache.size()).isEqualTo(4);
        }
    }

    @Test
    void leastRecentlyUsedIsEvictedAndZeroDisables() {
        try (Engine e = Engine.cpu(1)) {
            PrimitiveCache.setCapacity(2);
            Primitive p1 = conv(e, 1, Attr.NONE).create();
            Primitive p2 = conv(e, 2, Attr.NONE).create();
            assertThat(conv(e, 1, Attr.NONE).create()).isSameAs(p1); // p1 now most recent
            conv(e, 3, Attr.NONE).create(); // evicts p2
            assertThat(PrimitiveCache.size()).isEqualTo(2);
            assertThat(conv(e, 1, Attr.NONE).create()).isSameAs(p1);
            assertThat(conv(e, 2, Attr.NONE).create()).isNotSameAs(p2);
            PrimitiveCache.setCapacity(0);
            assertThat(PrimitiveCache.size()).isZero();
            assertThat(conv(e, 1, Attr.NONE).create()).isNotSameAs(conv(e, 1, Attr.NONE).create());
            assertThatThrownBy(() -> PrimitiveCache.setCapacity(-1)).hasMessageContaining("capacity = -1");
        }
    }

    @Test
    void concurrentCreationIsSafe() throws Exception {
        PrimitiveCache.setCapacity(8);
        try (Engine e = Engine.cpu(1)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Primitive>> fs = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    long pad = i % 12;
                    fs.add(pool.submit(() -> conv(e, pad, Attr.NONE).create()));
                }
                for (Future<Primitive> f : fs) {
                    assertThat(f.get()).isNotNull();
                }
            } finally {
                pool.shutdown();
            }
            assertThat(PrimitiveCache.size()).isLessThanOrEqualTo(8);
        }
    }
}
