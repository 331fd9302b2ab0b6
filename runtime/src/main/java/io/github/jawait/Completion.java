package io.github.jawait;

import io.github.jawait.core.Sneaky;
import io.github.jawait.core.Suspendable;
import java.util.ArrayList;
import java.util.function.Consumer;

/**
 * The outcome shared by tasks and the runtime's futures (asyncio's {@code Future}): pending,
 * then succeeded, failed or cancelled, once. Tasks awaiting it are woken on its loop; done
 * callbacks are scheduled with {@code callSoon}, as asyncio does.
 */
abstract class Completion<T> implements Awaitable<T>, Suspendable {
    static final int PENDING = 0;
    static final int SUCCEEDED = 1;
    static final int FAILED = 2;
    static final int CANCELLED = 3;

    final EventLoop loop;
    /** Bit of {@link #flags}: the outcome was read (a failure then counts as handled). */
    static final byte RETRIEVED = 1;

    /** A byte, so that a task's flags pack into one word (memory per task is a design goal). */
    byte state = PENDING;
    /** Bit flags: {@link #RETRIEVED} here, more in subclasses (one byte, not a boolean each). */
    byte flags;
    /**
     * Done: the value or failure. Pending: who waits — null, one waiter (a Task, a listener or
     * a done callback), or a {@link Waiters} list of them. One field for both, since nobody
     * waits once it is done: tasks are counted in millions and this saves 4 bytes in each.
     * Read it as a value only when {@link #state} says done.
     */
    Object value;

    /** Two or more waiters of a pending completion. */
    private static final class Waiters extends ArrayList<Object> {
        Waiters(Object first, Object second) {
            super(4);
            add(first);
            add(second);
        }
    }

    Completion(EventLoop loop) {
        this.loop = loop;
    }

    final boolean retrieved() {
        return (flags & RETRIEVED) != 0;
    }

    final void markRetrieved() {
        flags |= RETRIEVED;
    }

    @Override
    public boolean isDone() {
        return state != PENDING;
    }

    /** asyncio's future repr: {@code <name pending>}, {@code <name finished result=...>}, {@code <name cancelled>}. */
    final String describe(String name) {
        return RecursiveRepr.of(this, () -> {
            String s = switch (state) {
                case PENDING -> "pending";
                case SUCCEEDED -> "finished result=" + value;
                case FAILED -> "finished exception=" + value;
                default -> "cancelled";
            };
            return "<" + name + " " + s + ">";
        });
    }

    /** Done, and owned by the calling thread's loop: another loop's task must park instead. */
    @Override
    public boolean readyToRead() {
        return isDone() && loop.inLoopThread(); // isDone(), not state: a subclass may take its outcome there
    }

    /** Whether it ended by cancellation. */
    public boolean cancelled() {
        return state == CANCELLED;
    }

    @Override
    public Object outcome() {
        markRetrieved();
        switch (state) {
            case SUCCEEDED:
                return value;
            case FAILED:
            case CANCELLED:
                throw Sneaky.rethrow((Throwable) value);
            default:
                throw new IllegalStateException(this + " is not done yet");
        }
    }

    @Override
    public void park(Task<?> waiter) {
        if (waiter.loop != loop) {
            // owned by another loop: the waiter awaits a future of its own loop instead, which
            // this completion's loop settles through the waiter's inbox
            waiter.awaitInstead(CrossLoopFuture.of(waiter.loop, this));
            return;
        }
        addWaiter(waiter);
    }

    @Override
    public void unpark(Task<?> waiter) {
        removeWaiter(waiter);
    }

    void addWaiter(Object w) {
        if (state != PENDING) { // value is the outcome: wake it now rather than overwrite it
            notifyWaiter(w);
            return;
        }
        Object waiters = value; // pending: the waiters
        if (waiters == null) {
            value = w;
        } else if (waiters instanceof Waiters list) {
            list.add(w);
        } else {
            value = new Waiters(waiters, w);
        }
    }

    void removeWaiter(Object w) {
        if (state != PENDING) {
            return; // value is the outcome now; nobody waits any more
        }
        if (value == w) {
            value = null;
        } else if (value instanceof Waiters list) {
            list.remove(w);
        }
    }

    /** Settles once; returns false if already done. Wakes waiters and schedules callbacks. */
    boolean settle(int newState, Object newValue) {
        if (state != PENDING) {
            return false;
        }
        Object w = value; // pending: the waiters
        value = newValue;
        state = (byte) newState;
        if (w instanceof Waiters list) {
            for (Object each : list) {
                notifyWaiter(each);
            }
        } else if (w != null) {
            notifyWaiter(w);
        } else if (newState == FAILED) {
            loop.noteFailure(this);
        }
        return true;
    }

    /**
     * The runtime's own observers (gather, wait, task groups...): called synchronously when the
     * completion settles, without allocating or spending a loop turn; they only do bookkeeping
     * and wake tasks, which then run on a later turn as usual.
     */
    interface Listener {
        void completed(Completion<?> c);
    }

    /** Calls {@code l} when done (at once if already done). */
    void listen(Listener l) {
        if (isDone()) {
            l.completed(this);
        } else {
            addWaiter(l);
        }
    }

    @SuppressWarnings("unchecked")
    private void notifyWaiter(Object w) {
        if (w instanceof Task<?> t) {
            t.wake(this);
        } else if (w instanceof Listener l) {
            l.completed(this);
        } else {
            Consumer<Object> callback = (Consumer<Object>) w;
            loop.callSoon(() -> callback.accept(this));
        }
    }

    /**
     * A task awaiting this was cancelled: pass the cancellation inward if this completion has
     * work to cancel (a task, a gather) and return true; the awaiting task then sees the
     * cancellation when this finishes. Return false to let the awaiting task stop waiting.
     */
    boolean cancelInward(Object message) {
        return false;
    }

    /** The failure when failed or cancelled; null when succeeded. Throws when pending. */
    Throwable failure() {
        if (state == PENDING) {
            throw new IllegalStateException(this + " is not done yet");
        }
        markRetrieved();
        return state == SUCCEEDED ? null : (Throwable) value;
    }

    /** The value; rethrows the failure as it is; throws {@link IllegalStateException} when pending. */
    @SuppressWarnings("unchecked")
    T resultNow() {
        return (T) outcome();
    }
}
