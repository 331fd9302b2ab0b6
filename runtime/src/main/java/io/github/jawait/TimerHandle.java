package io.github.jawait;

import io.github.jawait.loop.TimerEntry;

/**
 * A callback scheduled with {@link EventLoop#callLater}; {@link #cancel()} removes it from the
 * timer heap at once (asyncio's {@code TimerHandle}).
 *
 * <pre>{@code
 * TimerHandle h = loop.callLater(Duration.ofSeconds(5), () -> System.out.println("late"));
 * h.cancel();
 * }</pre>
 */
public final class TimerHandle implements TimerEntry {
    private final EventLoop loop;
    private final Runnable callback;
    private final long deadline;
    private int timerSeq = -1;
    private boolean cancelled;

    TimerHandle(EventLoop loop, Runnable callback, long deadline) {
        this.loop = loop;
        this.callback = callback;
        this.deadline = deadline;
    }

    /** Stops the callback from running; does nothing if it already ran. */
    public void cancel() {
        loop.checkThread("TimerHandle.cancel");
        cancelled = true;
        loop.timers().remove(this);
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** When the callback is due, in the loop's time ({@link EventLoop#time()}). */
    public double when() {
        return loop.loopTime(deadline);
    }

    @Override
    public int timerSeq() {
        return timerSeq;
    }

    @Override
    public void timerSeq(int seq) {
        timerSeq = seq;
    }

    @Override
    public void onTimer() {
        if (!cancelled) {
            callback.run();
        }
    }
}
