package io.github.jawait;

/**
 * Where an {@link EventLoop} reads the time: the system's monotonic clock, or a
 * {@link VirtualClock} that tests drive so that no test sleeps for real.
 *
 * <pre>{@code
 * try (var loop = new EventLoop(new VirtualClock())) {
 *     loop.runUntilComplete(main());   // a sleep(3600) finishes at once
 * }
 * }</pre>
 */
public interface LoopClock {

    /** Monotonic time in nanoseconds; only differences are meaningful. */
    long nanoTime();

    /**
     * Called by the loop when nothing is ready and the next timer is due at {@code deadline}.
     * A real clock returns {@code false} and lets the loop sleep; a virtual clock jumps to the
     * deadline and returns {@code true}, so the loop runs the timer at once.
     */
    default boolean advanceWhenIdle(long deadline) {
        return false;
    }

    /**
     * For a clock that jumps: how long (real nanoseconds) the loop first waits for another
     * thread when one may still wake it (a task awaits a {@code CompletableFuture}), before
     * jumping anyway (trio's autojump threshold). Ignored by real clocks.
     */
    default long autojumpGraceNanos() {
        return 0;
    }

    /** The system clock ({@link System#nanoTime()}). */
    static LoopClock system() {
        return System::nanoTime;
    }
}
