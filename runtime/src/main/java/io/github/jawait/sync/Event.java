package io.github.jawait.sync;

import io.github.jawait.Coroutine;

/**
 * A flag tasks can wait for, asyncio's {@code Event}: {@link #set()} wakes every waiting task.
 *
 * <pre>{@code
 * Event ready = new Event();
 * createTask(worker(ready));                   // the worker does await(ready.waitFor())
 * ready.set();                                 // wakes it (and any other waiter)
 * }</pre>
 *
 * <p>Python's {@code event.wait()} is {@link #waitFor()} here, because {@code wait()} belongs
 * to {@link Object}. A task woken by {@code set()} returns from its await even if the event is
 * cleared again before it runs, as in asyncio; and, as in asyncio, one cancelled after being
 * woken but before it runs sees the {@code CancelledError} at that await (an event hands over
 * nothing that could be lost, unlike a queue's item or a lock).
 */
public final class Event extends LoopBound {
    private boolean value;
    private final WaitQueue<Boolean> waiters = new WaitQueue<>();
    private final Operation.Begin<Boolean> beginWait = new Operation.Begin<>("Event.waitFor", waiters) {
        @Override
        boolean mustWait(Operation<Boolean> op) {
            bind("waitFor");
            if (!value) {
                return true;
            }
            op.succeedNow(Boolean.TRUE);
            return false;
        }
    };

    /** An event that is not set. */
    public Event() {
    }

    /** Waits until the event is set (at once if it is); yields {@code true}. Python's {@code wait()}. */
    public Coroutine<Boolean> waitFor() {
        return new Operation<>(beginWait, null);
    }

    /** Sets the flag and wakes every waiting task, in the order they started waiting. */
    public void set() {
        checkThread("set");
        if (!value) {
            value = true;
            waiters.wakeAll(Boolean.TRUE);
        }
    }

    /** Resets the flag; tasks calling {@link #waitFor()} afterwards wait for the next {@link #set()}. */
    public void clear() {
        checkThread("clear");
        value = false;
    }

    /** Whether the flag is set. Python's {@code is_set()}. */
    public boolean isSet() {
        checkThread("isSet");
        return value;
    }

    @Override
    boolean hasWaiters() {
        return !waiters.isEmpty();
    }

    @Override
    public String toString() {
        return "<Event [" + (value ? "set" : "unset")
                + (waiters.isEmpty() ? "" : ", waiters:" + waiters.size()) + "]>";
    }
}
