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
 * <p>The loop still blocks for real while it waits for another thread
 * ({@link EventLoop#callSoonThreadsafe}) and no timer is pending.
 */
public final class VirtualClock implements LoopClock {
    private long now;

    /** A clock at time zero. */
    public VirtualClock() {
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
