package dev.jdnn.engines;

import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.Status;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed set of platform threads that run parallel regions with static partitioning. The
 * calling thread takes part as worker 0, so a pool of {@code n} threads starts {@code n - 1}.
 *
 * <p>A region is handed out by publishing it in a volatile field and unparking the workers;
 * after a region the workers spin for up to {@link #SPIN_NANOS} before parking, so back-to-back
 * regions (a GEMM after a GEMM) start in microseconds. Only one region runs at a time: a caller
 * that finds the pool busy (another thread's region, or a region nested in a worker) runs its tasks
 * itself, in order, which is always correct because tasks never wait for each other.
 */
final class WorkerPool implements AutoCloseable {
    /**
     * How long a worker waiting for the next region, and a caller waiting for its workers, spin
     * before parking ({@code jdnn.pool.spinMicros}, default 2000). An instrumented probe (1024^3 on
     * two threads, 80 calls a JVM) saw workers start their share 0.5-5 ms after the region was
     * published in 6-10 calls of 80, those calls at 1.2-1.8x their usual time; our guess, not
     * verified (we did not read the threads' CPUs), is a parked thread woken onto the waker's busy
     * core. Spinning through the gaps between back-to-back calls avoids the wake-ups (the probe still
     * saw 5-8 late starts of 80, most under 1.3 ms), and in the timer:
     * Zen 4, two threads, `SgemmTimer`, three alternating rounds, GFLOP/s with 50 us / 2 ms: 128^3
     * 28, 28, 28 / 162, 144, 114; 256^3 80, 80, 209 / 202, 200, 209; 1024^3 105, 187, 190 / 191, 199,
     * 196; 49x512x4608 165, 159, 161 / 136, 142, 159 (the one shape that lost). OpenMP runtimes spin
     * as long or longer (Intel's default is 200 ms).
     */
    private static final long SPIN_NANOS = 1000L * Settings.getInt("jdnn.pool.spinMicros", null, 2000);

    private final int size;
    private final Thread[] workers;
    /** Held while a region runs; not reentrant, so a region nested on the calling thread runs inline. */
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile Region region;
    private volatile boolean closed;
    private long generation;

    private static final class Region {
        final IntConsumer task;
        final int tasks;
        final int participants;
        final long generation;
        final Thread caller;
        final AtomicInteger pendingWorkers;
        volatile Throwable failure;

        Region(IntConsumer task, int tasks, int participants, long generation) {
            this.task = task;
            this.tasks = tasks;
            this.participants = participants;
            this.generation = generation;
            this.caller = Thread.currentThread();
            this.pendingWorkers = new AtomicInteger(participants - 1);
        }

        /** Runs the tasks of participant {@code p}: p, p + participants, ... */
        void runShare(int p) {
            try {
                for (int t = p; t < tasks; t += participants) {
                    task.accept(t);
                }
            } catch (Throwable e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
    }

    WorkerPool(int size, String name) {
        this.size = size;
        this.workers = new Thread[size - 1];
        for (int w = 0; w < workers.length; w++) {
            int id = w + 1;
            workers[w] = Thread.ofPlatform().daemon().name(name + "-worker-" + id).unstarted(() -> workLoop(id));
            workers[w].start();
        }
    }

    int size() {
        return size;
    }

    boolean isClosed() {
        return closed;
    }

    /** Runs {@code task.accept(t)} for every {@code t} in {@code [0, tasks)}; returns when all are done. */
    void run(int tasks, IntConsumer task) {
        if (tasks <= 0) {
            return;
        }
        if (closed) {
            throw new JdnnException(Status.RUNTIME_ERROR, "engine is closed");
        }
        if (tasks == 1 || size == 1 || !busy.compareAndSet(false, true)) {
            runInline(tasks, task);
            return;
        }
        try {
            int participants = Math.min(tasks, size);
            Region r = new Region(task, tasks, participants, ++generation);
            region = r;
            for (int w = 0; w < participants - 1; w++) {
                LockSupport.unpark(workers[w]);
            }
            r.runShare(0);
            awaitWorkers(r);
            rethrow(r.failure);
        } finally {
            busy.set(false);
        }
    }

    private static void runInline(int tasks, IntConsumer task) {
        for (int t = 0; t < tasks; t++) {
            task.accept(t);
        }
    }

    private static void awaitWorkers(Region r) {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        int spins = 0;
        while (r.pendingWorkers.get() > 0) {
            if ((++spins & 63) != 0 || System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(r);
            }
        }
    }

    private static void rethrow(Throwable failure) {
        if (failure == null) {
            return;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        throw new JdnnException(Status.RUNTIME_ERROR, "parallel task failed: " + failure, failure);
    }

    private void workLoop(int id) {
        long seen = 0;
        long idleSince = System.nanoTime();
        int spins = 0;
        while (!closed) {
            Region r = region;
            if (r != null && r.generation != seen) {
                seen = r.generation;
                if (id < r.participants) {
                    r.runShare(id);
                    if (r.pendingWorkers.decrementAndGet() == 0) {
                        LockSupport.unpark(r.caller);
                    }
                }
                idleSince = System.nanoTime();
                continue;
            }
            if ((++spins & 63) != 0 || System.nanoTime() - idleSince < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
        for (Thread w : workers) {
            try {
                w.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
