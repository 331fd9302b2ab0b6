package io.github.jawait.sync;

import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.core.Sneaky;
import io.github.jawait.core.Suspendable;
import io.github.jawait.core.TaskAccess;

/**
 * One call of a primitive's awaiting operation ({@code get}, {@code put}, {@code waitFor},
 * {@code acquire}...): the coroutine the call returns and, while it waits, its own node in the
 * primitive's {@link WaitQueue}. One object per call, where a coroutine frame, a waiter and a
 * queue node would be three: a handoff through a {@link Queue} allocates just this.
 *
 * <p>Like Python's {@code async def get()}, calling the operation runs nothing. The work starts
 * when the coroutine is awaited: the awaiting code asks {@link #isDone()}, which runs the
 * primitive's {@link Begin} (the fast path: take an item, a free permit...); if that cannot
 * complete at once, the task parks here and the operation links itself into the wait queue the
 * {@code Begin} named, until {@link #wake} or {@link #fail} settles it.
 *
 * <p>Cancellation follows {@link io.github.jawait.Waiter}'s contract: a task cancelled while
 * parked unlinks the operation at once (nothing is granted to it afterwards); one cancelled
 * after it was woken keeps what it was given, and the cancellation strikes at its next await.
 *
 * @param <T> what the operation yields
 */
final class Operation<T> extends Coroutine<T> implements Suspendable {
    /** The fast path of one kind of operation; one instance per primitive, shared by its calls. */
    @FunctionalInterface
    interface Begin<T> {
        /**
         * Completes {@code op} at once ({@link Operation#succeedNow}) and returns null, or returns
         * the queue to wait in; a throw is the operation's failure.
         */
        WaitQueue<T> begin(Operation<T> op) throws Throwable;
    }

    private static final byte NEW = 0;
    /** Begun, must wait; parks when its task does. */
    private static final byte MUST_WAIT = 1;
    private static final byte PARKED = 2;
    private static final byte SUCCEEDED = 3;
    private static final byte FAILED = 4;
    /** Its task was cancelled while it waited. */
    private static final byte ABANDONED = 5;

    private final String name;
    private final Begin<T> begin;
    private final boolean grants;
    /** Bound by the factory: the item of a {@code put}, for instance. */
    final Object payload;
    private byte state;
    /** The value once succeeded, the failure once failed. */
    private Object value;
    private WaitQueue<T> queue;
    /**
     * The task parked here; once woken, the same task until it has read the outcome, so that
     * no other task can take that outcome first (the woken task would receive it too).
     */
    private Task<?> task;
    Operation<T> prev;
    Operation<T> next;

    /**
     * An operation that runs {@code begin} when first awaited. {@code grants}: whether waking
     * it hands over something that would be lost if its task then raised the cancellation at
     * this await (an item, a lock, a permit); a plain notification (an event, a join) does not,
     * and a task cancelled after being woken by one sees the cancellation right there, as in
     * asyncio.
     */
    Operation(String name, Begin<T> begin, Object payload, boolean grants) {
        this.name = name;
        this.begin = begin;
        this.payload = payload;
        this.grants = grants;
    }

    /** An operation that waits in {@code queue} without a fast path (a condition's wait). */
    Operation(String name, WaitQueue<T> queue) {
        this.name = name;
        this.begin = null;
        this.payload = null;
        this.grants = true; // a condition's signal, a lock re-acquired: both must be passed on, not lost
        this.queue = queue;
        this.state = MUST_WAIT;
    }

    /**
     * Starts the operation if nobody asked before; true if its outcome is there for the asker.
     * An outcome handed to a woken task that has not read it yet is that task's: another task
     * awaiting the operation then parks, and {@link #park} refuses it.
     */
    @Override
    public boolean isDone() {
        if (state <= MUST_WAIT && begin != null) {
            start();
        }
        return (state == SUCCEEDED || state == FAILED) && task == null;
    }

    private void start() {
        try {
            WaitQueue<T> q = begin.begin(this);
            if (q != null) {
                queue = q;
                state = MUST_WAIT;
            }
        } catch (Throwable t) {
            state = FAILED;
            value = t;
        }
    }

    /** For a {@link Begin}: the operation completes now with {@code v}. */
    void succeedNow(T v) {
        state = SUCCEEDED;
        value = v;
    }

    @Override
    public Object outcome() {
        switch (state) {
            case SUCCEEDED:
                task = null; // read by the task it was handed to
                return value;
            case FAILED:
                task = null;
                throw Sneaky.rethrow((Throwable) value);
            case ABANDONED:
                throw new IllegalStateException(this + ": its task was cancelled while it waited;"
                        + " a coroutine runs once, call the operation again");
            default:
                throw new IllegalStateException(this + " is not done yet");
        }
    }

    @Override
    public void park(Task<?> waiter) {
        if (state == NEW && begin != null) {
            start(); // awaited without being asked isDone() first (hand-written frames)
        }
        switch (state) {
            case MUST_WAIT -> {
                task = waiter;
                state = PARKED;
                queue.link(this);
            }
            case SUCCEEDED, FAILED -> {
                if (task != null && task != waiter) {
                    throw alreadyAwaited();
                }
                TaskAccess.wake(waiter, this);
            }
            case PARKED -> throw alreadyAwaited();
            default -> throw new IllegalStateException(this + ": its task was cancelled while it waited;"
                    + " a coroutine runs once, call the operation again");
        }
    }

    private IllegalStateException alreadyAwaited() {
        return new IllegalStateException(this + " is already awaited by " + task
                + "; a coroutine runs once: wrap it in Asyncio.createTask(...) to await it from several places");
    }

    /** Its task was cancelled while parked: leave the queue; nothing is granted from now on. */
    @Override
    public void unpark(Task<?> waiter) {
        if (state == PARKED) {
            queue.unlink(this);
            state = ABANDONED;
            task = null;
        }
    }

    /**
     * A task woken by an operation that {@code grants} keeps what it was given even if
     * cancelled meanwhile (the cancellation strikes at its next await).
     */
    @Override
    public boolean granted() {
        return grants && (state == SUCCEEDED || state == FAILED);
    }

    /** Called by the queue after unlinking: hands {@code v} to the parked task; false if not parked. */
    boolean wake(T v) {
        if (state != PARKED) {
            return false;
        }
        return settle(SUCCEEDED, v);
    }

    /** Called by the queue after unlinking: the parked task's await throws {@code error}. */
    boolean fail(Throwable error) {
        if (state != PARKED) {
            return false;
        }
        return settle(FAILED, error);
    }

    private boolean settle(byte newState, Object newValue) {
        state = newState;
        value = newValue;
        TaskAccess.wake(task, this); // the task stays set until it reads the outcome
        return true;
    }

    @Override
    public String toString() {
        String s = switch (state) {
            case NEW -> "not awaited yet";
            case MUST_WAIT -> "waiting";
            case PARKED -> "waiting (task " + task.getName() + ")";
            case SUCCEEDED -> task != null ? "done (task " + task.getName() + ")" : "done";
            case FAILED -> "failed: " + value + (task != null ? " (task " + task.getName() + ")" : "");
            default -> "cancelled";
        };
        return "<" + name + " " + s + ">";
    }
}
