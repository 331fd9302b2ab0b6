package io.github.jawait;

/**
 * One event loop reused by several top-level runs, asyncio's {@code Runner} (Python 3.11):
 * where {@link Asyncio#run} makes and closes a loop per call, a runner keeps its loop (and so
 * the tasks, primitives and executor bound to it) from one {@link #run} to the next, until
 * {@link #close()}.
 *
 * <pre>{@code
 * try (Runner runner = new Runner()) {
 *     runner.run(connect());
 *     String answer = runner.run(ask("ping"));   // same loop: the connection's tasks live on
 * }                                              // close(): cancels what is left, closes the loop
 * }</pre>
 *
 * <p>Like the loop it owns, a runner belongs to the thread that first runs it.
 */
public final class Runner implements AutoCloseable {
    private final LoopClock clock;
    private EventLoop loop;
    private boolean closed;

    /** A runner whose loop reads the system clock. */
    public Runner() {
        this(LoopClock.system());
    }

    /** A runner whose loop reads {@code clock} (a {@link VirtualClock} in tests). */
    public Runner(LoopClock clock) {
        this.clock = clock;
    }

    /**
     * Runs {@code main} as a task on the runner's loop until it finishes and returns its result
     * or rethrows its exception; tasks it started and did not await stay on the loop for the
     * next run. The loop is made by the first run.
     *
     * @throws IllegalStateException if the runner is closed, or called inside a running loop
     */
    public <T> T run(Coroutine<T> main) {
        if (closed) {
            throw new IllegalStateException("Runner is closed");
        }
        if (EventLoop.runningOrNull() != null) {
            throw new IllegalStateException("Runner.run() cannot be called from a running event loop");
        }
        return getLoop().runUntilComplete(main);
    }

    /** The runner's loop, made on first use. */
    public EventLoop getLoop() {
        if (closed) {
            throw new IllegalStateException("Runner is closed");
        }
        if (loop == null) {
            loop = new EventLoop(clock);
        }
        return loop;
    }

    /** Cancels the tasks left, lets their cleanup run, and closes the loop. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (loop != null) {
            loop.close();
        }
    }
}
