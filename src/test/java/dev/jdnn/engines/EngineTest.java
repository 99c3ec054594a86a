package dev.jdnn.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.Status;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EngineTest {
    @Test
    void parallelRunsEveryTaskExactlyOnceOnSeveralThreads() {
        try (Engine e = Engine.cpu(4)) {
            assertThat(e.threads()).isEqualTo(4);
            AtomicIntegerArray runs = new AtomicIntegerArray(37);
            ConcurrentHashMap<Thread, Boolean> threads = new ConcurrentHashMap<>();
            for (int rep = 0; rep < 200; rep++) {
                e.parallel(37, t -> {
                    runs.incrementAndGet(t);
                    threads.put(Thread.currentThread(), true);
                });
            }
            for (int t = 0; t < 37; t++) {
                assertThat(runs.get(t)).isEqualTo(200);
            }
            assertThat(threads.size()).isGreaterThan(1);
        }
    }

    @Test
    void parallelForCoversTheRangeWithDisjointStaticChunks() {
        try (Engine e = Engine.cpu(3)) {
            for (long n : new long[] {0, 1, 2, 3, 10, 1001}) {
                AtomicIntegerArray seen = new AtomicIntegerArray((int) Math.max(n, 1));
                e.parallelFor(n, (b, end) -> {
                    for (long i = b; i < end; i++) {
                        seen.incrementAndGet((int) i);
                    }
                });
                for (int i = 0; i < n; i++) {
                    assertThat(seen.get(i)).as("n=%d i=%d", n, i).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void grainLimitsTheNumberOfChunks() {
        try (Engine e = Engine.cpu(4)) {
            AtomicLong chunks = new AtomicLong();
            e.parallelFor(100, 60, (b, end) -> chunks.incrementAndGet());
            assertThat(chunks.get()).isEqualTo(1);
        }
    }

    @Test
    void aFailingTaskFailsTheRegionWithItsException() {
        try (Engine e = Engine.cpu(2)) {
            assertThatThrownBy(() -> e.parallel(8, t -> {
                if (t == 5) {
                    throw new IllegalStateException("task 5 broke");
                }
            })).isInstanceOf(IllegalStateException.class).hasMessage("task 5 broke");
            AtomicLong sum = new AtomicLong();
            e.parallel(4, t -> sum.addAndGet(t));
            assertThat(sum.get()).isEqualTo(6);
        }
    }

    @Test
    void nestedAndConcurrentRegionsCompleteWithoutDeadlock() throws Exception {
        try (Engine e = Engine.cpu(2)) {
            AtomicLong inner = new AtomicLong();
            for (int rep = 0; rep < 500; rep++) {
                e.parallel(4, t -> e.parallel(5, u -> inner.incrementAndGet()));
            }
            assertThat(inner.get()).isEqualTo(500 * 20);
            ExecutorService callers = Executors.newFixedThreadPool(6);
            try {
                CountDownLatch go = new CountDownLatch(1);
                AtomicLong total = new AtomicLong();
                Future<?>[] fs = new Future<?>[6];
                for (int c = 0; c < 6; c++) {
                    fs[c] = callers.submit(() -> {
                        go.await();
                        for (int rep = 0; rep < 300; rep++) {
                            e.parallelFor(10, (b, end) -> total.addAndGet(end - b));
                        }
                        return null;
                    });
                }
                go.countDown();
                for (Future<?> f : fs) {
                    f.get();
                }
                assertThat(total.get()).isEqualTo(6 * 300 * 10);
            } finally {
                callers.shutdown();
            }
        }
    }

    @Test
    void closedEngineAndStreamRefuseWork() {
        Engine e = Engine.cpu(2);
        Stream s = e.newStream();
        s.await();
        s.close();
        assertThatThrownBy(s::await).isInstanceOfSatisfying(JdnnException.class,
                x -> assertThat(x.status()).isEqualTo(Status.RUNTIME_ERROR));
        e.close();
        e.close();
        assertThat(e.isClosed()).isTrue();
        assertThatThrownBy(e::newStream).hasMessageContaining("is closed");
        assertThatThrownBy(() -> e.parallel(2, t -> { })).hasMessageContaining("closed");
    }

    @Test
    void threadCountIsValidated() {
        assertThatThrownBy(() -> Engine.cpu(0)).isInstanceOf(JdnnException.class).hasMessageContaining("threads = 0");
        assertThatThrownBy(() -> Engine.cpu(-2)).hasMessageContaining("threads = -2");
    }

    @Test
    void defaultThreadsComeFromThePropertyOrTheMachine() {
        String old = System.getProperty("jdnn.threads");
        try {
            System.setProperty("jdnn.threads", "3");
            assertThat(Engine.defaultThreads()).isEqualTo(3);
            try (Engine e = Engine.cpu()) {
                assertThat(e.threads()).isEqualTo(3);
            }
            System.setProperty("jdnn.threads", "many");
            assertThatThrownBy(Engine::defaultThreads).hasMessageContaining("'many'");
            System.clearProperty("jdnn.threads");
            if (System.getenv("JDNN_NUM_THREADS") == null) {
                assertThat(Engine.defaultThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
            }
        } finally {
            if (old == null) {
                System.clearProperty("jdnn.threads");
            } else {
                System.setProperty("jdnn.threads", old);
            }
        }
    }

    @Test
    void partitionIsBalanced() {
        assertThat(Partition.start(10, 3, 0)).isEqualTo(0);
        assertThat(Partition.end(10, 3, 0)).isEqualTo(4);
        assertThat(Partition.end(10, 3, 1)).isEqualTo(7);
        assertThat(Partition.end(10, 3, 2)).isEqualTo(10);
        assertThat(Partition.parts(5, 1, 8)).isEqualTo(5);
        assertThat(Partition.parts(0, 1, 8)).isEqualTo(1);
        assertThat(Partition.parts(1000, 100, 4)).isEqualTo(4);
    }

    @Test
    void vectorPathIsOnWhenTheModuleIsPresent() {
        // The test JVM runs with --add-modules jdk.incubator.vector; every x86-64 CI machine has AVX2.
        assertThat(VectorSupport.isa()).isNotEqualTo(Isa.SCALAR);
        assertThat(VectorSupport.enabled()).isTrue();
        assertThat(VectorSupport.isa().floatLanes()).isIn(8, 16);
    }
}
