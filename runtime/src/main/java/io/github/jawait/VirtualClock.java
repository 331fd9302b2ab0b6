package io.github.jawait;

import java.time.Duration;

/**
 * A clock that only moves when the loop has nothing else to do: then it jumps straight to the
 * next timer (trio's {@code MockClock} with autojump). Timers still fire in deadline order and
 * {@link EventLoop#time()} reports the virtual time, so tests can assert timings exactly.
 *
 * <pre>{@code
 * var clock = new VirtualClock();
 * try (var loop = new EventLoop(clock)) { loop.runUntilComplete(sleepy()); }
 * assertEquals(2.0, clock.seconds(), 1e-9);
 * }</pre>
 *
 * <p>When a task awaits another thread (a {@code CompletableFuture}), the loop first waits a
 * short real grace period for it, then jumps; with no timer pending, it waits for real.
 */
public final class VirtualClock implements LoopClock {
    private long now;
    private final long graceNanos;

    /**
     * A clock at time zero. While a task awaits another thread, the loop waits up to 20 ms of
     * real time for it before jumping.
     */
    public VirtualClock() {
        this(Duration.ofMillis(20));
    }

    /** A clock at time zero that waits up to {@code grace} (real time) for other threads before jumping. */
    public VirtualClock(Duration grace) {
        this.graceNanos = grace.toNanos();
    }

    @Override
    public long autojumpGraceNanos() {
        return graceNanos;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public boolean advanceWhenIdle(long deadline) {
        if (deadline > now) {
            now = deadline;
        }
        return true;
    }

    /** Moves time forward by hand. */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("a clock cannot go back: " + by);
        }
        now += by.toNanos();
    }

    /** The virtual time in seconds since the clock was made. */
    public double seconds() {
        return now / 1e9;
    }
}
