package dev.jdnn.engines;

import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.Status;

/**
 * An in-order execution queue on an {@link Engine}. On the CPU, primitives execute synchronously
 * on the calling thread (and the engine's workers), so {@link #await()} returns at once; code
 * that calls it stays correct for engines that run asynchronously.
 */
public final class Stream implements AutoCloseable {
    private final Engine engine;
    private volatile boolean closed;

    Stream(Engine engine) {
        this.engine = engine;
    }

    public Engine engine() {
        return engine;
    }

    /** Waits until everything submitted to this stream has finished. */
    public void await() {
        requireOpen();
    }

    /** Throws RUNTIME_ERROR if this stream or its engine is closed. */
    public void requireOpen() {
        if (closed) {
            throw new JdnnException(Status.RUNTIME_ERROR, "stream on " + engine + " is closed");
        }
        engine.requireOpen();
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "Stream[" + engine + "]";
    }
}
