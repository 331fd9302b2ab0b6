package io.github.jawait.loop;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;

/**
 * The loop's I/O readiness source, kept behind this small interface so that another backend
 * (for instance one driven by Netty 4.2's {@code ManualIoEventLoop} for epoll or io_uring) can
 * replace the JDK {@link java.nio.channels.Selector} without touching tasks or streams.
 *
 * <p>Three jobs: register interest in a channel ({@link #interest}), wait for readiness with a
 * deadline and call the handlers ({@link #poll}), and wake a waiting poll from another thread
 * ({@link #wakeup}). Loop-thread only, except {@link #wakeup}.
 */
public interface IoBackend {

    /** Told which of its interest ops a channel is ready for; runs on the loop thread, inside {@link #poll}. */
    @FunctionalInterface
    interface Handler {
        void ready(int readyOps);
    }

    /**
     * Sets the {@link java.nio.channels.SelectionKey} ops the loop watches on {@code channel}
     * (0: none for now, the registration is kept); registers the channel with {@code handler}
     * the first time. The channel must be non-blocking.
     */
    void interest(SelectableChannel channel, int ops, Handler handler) throws ClosedChannelException;

    /** The ops watched on {@code channel}; 0 when it is not registered. */
    int interest(SelectableChannel channel);

    /** The handler {@code channel} was registered with, or null. */
    Handler handler(SelectableChannel channel);

    /** Drops {@code channel}'s registration (its ops, its handler); a no-op when not registered. */
    void forget(SelectableChannel channel);

    /**
     * Closes {@code channel} and releases the OS socket now. (A JDK channel closed while
     * registered keeps its socket open until the selector's next poll: a closed listener would
     * still take connections, a closed connection would not yet send its FIN.)
     */
    void close(SelectableChannel channel) throws IOException;

    /**
     * Waits until a watched channel is ready, {@link #wakeup} is called, or {@code timeoutNanos}
     * pass (0: do not wait; {@code Long.MAX_VALUE}: no timeout), and calls the handler of each
     * ready channel. Returns how many handlers ran.
     */
    int poll(long timeoutNanos) throws IOException;

    /** Any thread: makes the current (or the next) {@link #poll} return at once. */
    void wakeup();

    /**
     * Runs {@code turns} (the loop's turns while it runs) inside the per-thread set-up the
     * backend's library wants around all its calls: Netty and Vert.x take slower paths on a
     * thread they did not make unless told otherwise. The loop calls this once per run, or, when
     * the backend is installed while the loop runs, from the next turn on. Default: just runs them.
     */
    default void runTurns(Runnable turns) {
        turns.run();
    }

    /** Closes every registered channel, then the backend itself. */
    void close();
}
