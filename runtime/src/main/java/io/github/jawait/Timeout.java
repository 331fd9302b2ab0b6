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
    /** asyncio's states, with its names for them (used in messages). */
    private enum State {
        CREATED("created"), ENTERED("active"), EXPIRING("expiring"), EXPIRED("expired"), EXITED("finished");

        final String label;

        State(String label) {
            this.label = label;
        }
    }

    private final Function<Timeout, ? extends Coroutine<?>> body;
    private EventLoop loop;
    private Task<?> task;
    private long deadline;
    /** No deadline (yet); the deadline may still be set by a reschedule. */
    private boolean never;
    /** For timeoutAt: the deadline in loop time, converted when the scope is entered. */
    private final Double absolute;
    private TimerHandle timer;
    private State state = State.CREATED;
    private int cancellingAtEnter;
    /** What the expiry says: the deadline as last set (at creation or by a reschedule). */
    private String expiryMessage;

    private Timeout(Duration delay, Double when, Function<Timeout, ? extends Coroutine<?>> body) {
        this.body = body;
        this.expiryMessage = delay != null ? "timed out after " + AsyncTimeoutException.describe(delay)
                : when != null ? "timed out at loop time " + when : "timed out";
        this.never = delay == null && when == null;
        this.absolute = when;
        // a deadline in the past stays in the past, as asyncio's loop.time() + delay does
        this.deadline = delay == null ? 0 : saturatedNanos(delay);
    }

    /** trio's {@code move_on_after}: on expiry the scope ends quietly, yielding null. */
    private boolean quiet;

    static <T> Coroutine<T> moveOnAfter(Duration delay, Function<Timeout, ? extends Coroutine<T>> body) {
        Timeout t = new Timeout(delay, null, body);
        t.quiet = true;
        return t.new Scope<T>().coroutine("moveOnAfter(" + delay + ")");
    }

    static <T> Coroutine<T> scope(Duration delay, Function<Timeout, ? extends Coroutine<T>> body) {
        Timeout t = new Timeout(delay, null, body);
        return t.new Scope<T>().coroutine("timeout(" + delay + ")");
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return d.isNegative() ? -(Long.MAX_VALUE / 4) : Long.MAX_VALUE / 4;
        }
    }

    static <T> Coroutine<T> scopeAt(Double when, Function<Timeout, ? extends Coroutine<T>> body) {
        if (when != null && when.isNaN()) {
            throw new IllegalArgumentException("timeoutAt(NaN)");
        }
        Timeout t = new Timeout(null, when, body);
        return t.new Scope<T>().coroutine("timeoutAt(" + when + ")");
    }

    /**
     * Moves the deadline to {@code fromNow} after the current time; {@code null} removes it.
     * Only while the block runs and before the deadline passed.
     */
    public void reschedule(Duration fromNow) {
        checkReschedule();
        disarm();
        expiryMessage = "timed out after " + AsyncTimeoutException.describe(fromNow) + " (the deadline as last rescheduled)";
        never = fromNow == null;
        if (!never) {
            deadline = loop.now() + saturatedNanos(fromNow);
            arm();
        }
    }

    /**
     * Moves the deadline to {@code when} in loop time ({@link EventLoop#time()}), asyncio's
     * {@code reschedule(when)}; a time already past expires the block on the next loop turn.
     */
    public void rescheduleAt(double when) {
        checkReschedule();
        if (Double.isNaN(when)) {
            throw new IllegalArgumentException("rescheduleAt(NaN)");
        }
        disarm();
        expiryMessage = "timed out at loop time " + when + " (the deadline as last rescheduled)";
        never = false;
        deadline = loop.nanosAt(when);
        arm();
    }

    private void checkReschedule() {
        if (loop != null) {
            loop.checkThread("Timeout.reschedule");
        }
        if (state != State.ENTERED) {
            throw new IllegalStateException(state == State.CREATED ? "Timeout has not been entered"
                    : "Cannot change state of " + state.label + " Timeout");
        }
    }

    /**
     * The deadline in loop time ({@link EventLoop#time()}), or null when there is none. As in
     * asyncio, it stays readable after the deadline fired and after the block ended.
     */
    public Double when() {
        return never || loop == null ? null : loop.loopTime(deadline);
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
            if (absolute != null) {
                deadline = loop.nanosAt(absolute);
                arm();
            } else if (!never) {
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
                    if (quiet) {
                        return null; // moveOnAfter: the block was cut short, nothing more
                    }
                    throw new AsyncTimeoutException(expiryMessage, failure);
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
