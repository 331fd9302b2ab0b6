package io.github.jawait;

import java.time.Duration;
import java.util.function.Function;

/**
 * A deadline around a block of awaits, asyncio's {@code async with asyncio.timeout(t)}. When
 * it passes, the task running the block is cancelled; once the block has finished its cleanup,
 * the cancellation becomes an {@link AsyncTimeoutException} at the scope's edge. A
 * cancellation that came from outside is never turned into a timeout, nor swallowed.
 *
 * <pre>{@code
 * String r = await(timeout(Duration.ofSeconds(2), t -> {
 *     String first = await(step1());
 *     t.reschedule(Duration.ofSeconds(5));      // move the deadline: 5 s from now
 *     return result(first + await(step2()));
 * }));
 * }</pre>
 */
public final class Timeout {
    private enum State { CREATED, ENTERED, EXPIRING, EXPIRED, EXITED }

    private final Function<Timeout, ? extends Coroutine<?>> body;
    private EventLoop loop;
    private Task<?> task;
    private long deadline;
    private final boolean never;
    private TimerHandle timer;
    private State state = State.CREATED;
    private int cancellingAtEnter;
    /** The delay last set (at creation or by reschedule), for the expiry's message. */
    private Duration lastDelay;
    private boolean rescheduled;

    private Timeout(Duration delay, Function<Timeout, ? extends Coroutine<?>> body) {
        this.body = body;
        this.lastDelay = delay;
        this.never = delay == null;
        this.deadline = never ? 0 : Math.max(0, delay.toNanos());
    }

    static <T> Coroutine<T> scope(Duration delay, Function<Timeout, ? extends Coroutine<T>> body) {
        Timeout t = new Timeout(delay, body);
        return t.new Scope<T>().coroutine("timeout(" + delay + ")");
    }

    /**
     * Moves the deadline to {@code fromNow} after the current time; {@code null} removes it.
     * Only while the block runs and before the deadline passed.
     */
    public void reschedule(Duration fromNow) {
        loop.checkThread("Timeout.reschedule");
        if (state != State.ENTERED) {
            throw new IllegalStateException("cannot reschedule a timeout that is " + state.name().toLowerCase());
        }
        disarm();
        lastDelay = fromNow;
        rescheduled = true;
        if (fromNow != null) {
            deadline = loop.now() + Math.max(0, fromNow.toNanos());
            arm();
        }
    }

    /** The deadline in loop time ({@link EventLoop#time()}), or null when there is none. */
    public Double when() {
        return timer == null ? null : loop.loopTime(deadline);
    }

    /** Whether the deadline passed and the block was cancelled for it. */
    public boolean expired() {
        return state == State.EXPIRING || state == State.EXPIRED;
    }

    private void arm() {
        long delay = Math.max(0, deadline - loop.now());
        timer = loop.callLater(Duration.ofNanos(delay), this::onDeadline);
    }

    private void disarm() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void onDeadline() {
        timer = null;
        if (state == State.ENTERED) {
            state = State.EXPIRING;
            task.cancel();
        }
    }

    private final class Scope<T> extends AsyncScope<T> {
        @Override
        void enter(Task<?> current) {
            if (current == null) {
                throw new IllegalStateException("timeout() must be awaited inside a task");
            }
            task = current;
            loop = current.loop;
            cancellingAtEnter = current.cancelling();
            state = State.ENTERED;
            if (!never) {
                deadline = loop.now() + deadline;
                arm();
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        Coroutine<T> body() {
            return (Coroutine<T>) body.apply(Timeout.this);
        }

        @Override
        T exit(Object value, Throwable failure) throws Throwable {
            disarm();
            if (state == State.EXPIRING) {
                state = State.EXPIRED;
                if (task.uncancel() <= cancellingAtEnter && failure instanceof CancelledError) {
                    throw new AsyncTimeoutException("timed out after " + AsyncTimeoutException.describe(lastDelay)
                            + (rescheduled ? " (the deadline as last rescheduled)" : ""), failure);
                }
            } else {
                state = State.EXITED;
            }
            if (failure != null) {
                throw failure;
            }
            @SuppressWarnings("unchecked")
            T v = (T) value;
            return v;
        }
    }
}
