package dev.jdnn.engines;

import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.Status;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * The CPU engine: owns the worker threads every primitive created on it runs with.
 *
 * <p>{@link #cpu()} takes its thread count from {@code -Djdnn.threads}, else the environment
 * variable {@code JDNN_NUM_THREADS}, else the number of available processors. Threads are
 * started once, here; executing a primitive never creates one. Close the engine to stop them
 * (they are daemon threads, so a forgotten engine does not keep the JVM alive).
 */
public final class Engine implements AutoCloseable {
    private static final AtomicLong IDS = new AtomicLong();

    private final long id;
    private final WorkerPool pool;

    private Engine(int threads) {
        this.id = IDS.incrementAndGet();
        this.pool = new WorkerPool(threads, "jdnn-" + id);
        VectorSupport.isa(); // logs once, now, if the vector path is unavailable
    }

    /** A CPU engine with the default thread count. */
    public static Engine cpu() {
        return new Engine(defaultThreads());
    }

    /** A CPU engine with {@code threads} threads (the caller's thread counts as one). */
    public static Engine cpu(int threads) {
        if (threads < 1 || threads > 4096) {
            throw JdnnException.invalid("threads = " + threads + " must be in 1..4096");
        }
        return new Engine(threads);
    }

    /** {@code -Djdnn.threads}, else {@code JDNN_NUM_THREADS}, else the available processors. */
    public static int defaultThreads() {
        String value = Settings.get("jdnn.threads", "JDNN_NUM_THREADS");
        if (value == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= 4096) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw JdnnException.invalid("jdnn.threads / JDNN_NUM_THREADS = '" + value + "' is not a thread count in 1..4096");
    }

    /** A stream to execute primitives of this engine on. */
    public Stream newStream() {
        requireOpen();
        return new Stream(this);
    }

    /** Number of threads parallel regions use. */
    public int threads() {
        return pool.size();
    }

    /** A number unique to this engine within the JVM (used in cache keys and verbose output). */
    public long id() {
        return id;
    }

    /** "cpu". */
    public String kind() {
        return "cpu";
    }

    /**
     * Runs {@code body.accept(t)} for every task {@code t} in {@code [0, tasks)} on the engine's
     * threads and returns when all are done. Tasks must not wait for each other: if the pool is
     * busy (a nested or concurrent region) they run one after another on the calling thread.
     */
    public void parallel(int tasks, IntConsumer body) {
        pool.run(tasks, body);
    }

    /** Splits {@code [0, n)} into one static range per thread and runs {@code body} on each. */
    public void parallelFor(long n, RangeBody body) {
        parallelFor(n, 1, body);
    }

    /** Like {@link #parallelFor(long, RangeBody)}, with at least {@code grain} items per range. */
    public void parallelFor(long n, long grain, RangeBody body) {
        if (n <= 0) {
            return;
        }
        int parts = Partition.parts(n, grain, pool.size());
        if (parts == 1) {
            body.run(0, n);
            return;
        }
        pool.run(parts, p -> body.run(Partition.start(n, parts, p), Partition.end(n, parts, p)));
    }

    void requireOpen() {
        if (pool.isClosed()) {
            throw new JdnnException(Status.RUNTIME_ERROR, "engine " + this + " is closed");
        }
    }

    public boolean isClosed() {
        return pool.isClosed();
    }

    /** Stops the worker threads. Idempotent. */
    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "cpu#" + id + "(" + pool.size() + " threads)";
    }
}
