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
 * complete at once, the task parks here and the operation links itself into the
 * {@code Begin}'s wait queue, until {@link #wake} or {@link #fail} settles it.
 *
 * <p>Cancellation follows asyncio: a task cancelled while parked abandons the operation at once
 * (nothing is granted to it afterwards; the wait queue skips it); one cancelled after it was woken but before it ran
 * raises {@code CancelledError} at this await, and what it was handed goes back to the
 * primitive ({@link Begin#revoked}), which passes it on to the next waiter: nothing is lost and
 * FIFO order holds.
 *
 * @param <T> what the operation yields
 */
final class Operation<T> extends Coroutine<T> implements Suspendable {
    /**
     * One kind of operation of one primitive ({@code Queue.get} of this queue, say): its name, the
     * queue its operations wait in, its fast path, and what it hands over. One instance per
     * primitive and kind, shared by its calls, so that an operation needs no field of its own
     * for these (an operation is 32 bytes). An abstract class, not an interface: the fast path
     * is a virtual call, which is cheaper than an interface call once many primitives are used.
     */
    abstract static class Begin<T> {
        /** For messages: {@code "Queue.get"}. */
        final String name;
        /** Where operations of this kind wait. */
        final WaitQueue<T> queue;

        Begin(String name, WaitQueue<T> queue) {
            this.name = name;
            this.queue = queue;
        }

        /**
         * Completes {@code op} at once ({@link Operation#succeedNow}) and returns false, or
         * returns true: {@code op} must wait in {@link #queue}; a throw is the operation's failure.
         */
        abstract boolean mustWait(Operation<T> op) throws Throwable;

        /**
         * A woken operation's task reads {@code value}: returns what the await yields (or
         * throws), which is also what awaiting the finished operation again gives. A put's item,
         * for instance, enters the queue only now ({@code value} is then its {@link #argument}).
         */
        T taken(Operation<T> op, T value) {
            return value;
        }

        /**
         * The task {@code op} woke with {@code value} was cancelled before it read it: its await
         * raises {@code CancelledError}, and the primitive takes {@code value} back and passes
         * it on to the next waiter (asyncio: nothing is lost, FIFO holds).
         */
        void revoked(Operation<T> op, T value) {
        }
    }

    private static final byte NEW = 0;
    /** Begun, must wait; parks when its task does. */
    private static final byte MUST_WAIT = 1;
    private static final byte PARKED = 2;
    private static final byte SUCCEEDED = 3;
    private static final byte FAILED = 4;
    /** Its task was cancelled while it waited. */
    private static final byte ABANDONED = 5;

    // Four references and a byte: 32 bytes with compressed oops (one per handoff through a Queue).
    private final Begin<T> begin;
    private byte state;
    /**
     * Until settled, the argument bound by the factory (a {@code put}'s item), which a
     * {@link #grant()} keeps; once settled, the value or the failure.
     */
    private Object value;
    /**
     * The task parked here; once woken, the same task until it has read the outcome, so that
     * no other task can take that outcome first (the woken task would receive it too).
     */
    private Task<?> task;
    /**
     * The next operation in the {@link WaitQueue} (singly linked: see there). A woken operation
     * keeps it until its task reads the outcome: the operations woken after it, in order, which
     * {@link Begin#revoked} may pass an older item down (see {@link Queue}).
     */
    Operation<T> next;

    /** An operation that runs {@code begin} when first awaited; {@code argument} may be null. */
    Operation(Begin<T> begin, Object argument) {
        this.begin = begin;
        this.value = argument;
    }

    /**
     * An operation that waits in {@code hooks}' queue without taking the fast path (a
     * condition's wait, a lock re-acquired by a condition); {@code hooks} say what a woken one
     * hands over.
     */
    Operation(Begin<T> hooks) {
        this.begin = hooks;
        this.state = MUST_WAIT;
    }

    /**
     * Starts the operation if nobody asked before; true if its outcome is there for the asker.
     * An outcome handed to a woken task that has not read it yet is that task's: another task
     * awaiting the operation then parks, and {@link #park} refuses it.
     */
    @Override
    public boolean isDone() {
        if (state == NEW) {
            start();
        }
        return (state == SUCCEEDED || state == FAILED) && task == null;
    }

    private void start() {
        try {
            if (begin.mustWait(this)) {
                state = MUST_WAIT;
            }
        } catch (Throwable t) {
            state = FAILED;
            value = t;
        }
    }

    /**
     * For a {@link Begin}: what the factory bound (a {@code put}'s item); valid until the
     * operation settles, and in {@link Begin#taken} after a {@link #grant()}.
     */
    Object argument() {
        return value;
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
                if (task != null) { // read by the task it was handed to
                    task = null;
                    if (next != null) {
                        next = null; // the woken-after list is no longer needed (see revoke)
                    }
                    @SuppressWarnings("unchecked")
                    T v = (T) value;
                    T r;
                    try {
                        r = begin.taken(this, v);
                    } catch (Throwable t) { // a put into a queue shut down since: awaiting again throws it too
                        state = FAILED;
                        value = t;
                        throw t;
                    }
                    if (r != v) {
                        value = r; // a granted put's item was here: awaiting it again gives null
                    }
                    return r;
                }
                return value;
            case FAILED:
                task = null;
                next = null;
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
        if (state == NEW) {
            start(); // awaited without being asked isDone() first (hand-written frames)
        }
        switch (state) {
            case MUST_WAIT -> {
                task = waiter;
                state = PARKED;
                begin.queue.link(this);
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
            state = ABANDONED;
            task = null;
            value = null; // a blocked put's item
            begin.queue.abandon(this);
        }
    }

    /** Whether its task was cancelled while it waited (or after a grant it then gave back). */
    boolean abandoned() {
        return state == ABANDONED;
    }

    /**
     * Its task was cancelled after this woke it and before it resumed: the task raises the
     * cancellation at this await, and what was handed over goes back to the primitive, which
     * passes it on (asyncio's rule; a woken operation's grant is never kept by a cancelled task).
     */
    @Override
    public void revoke() {
        if (state == SUCCEEDED) {
            @SuppressWarnings("unchecked")
            T v = (T) value;
            state = ABANDONED;
            value = null;
            task = null;
            begin.revoked(this, v); // may follow next to the operations woken after this one
            next = null;
        } else if (state == FAILED) {
            state = ABANDONED;
            value = null;
            task = null;
            next = null;
        }
    }

    /** Woken with a value its task has not read yet (its task may still be cancelled). */
    boolean grantedUnread() {
        return state == SUCCEEDED && task != null;
    }

    /** Still waiting in its queue. */
    boolean parked() {
        return state == PARKED;
    }

    /**
     * For a {@link Begin#revoked}: a woken, unread operation is handed {@code older} instead of
     * what it was woken with, which is returned (passed on down the line of woken operations).
     */
    @SuppressWarnings("unchecked")
    T regrant(T older) {
        T newer = (T) value;
        value = older;
        return newer;
    }

    /** Called by the queue after unlinking: hands {@code v} to the parked task; false if not parked. */
    boolean wake(T v) {
        if (state != PARKED) {
            return false;
        }
        return settle(SUCCEEDED, v);
    }

    /**
     * Called by the queue after unlinking: wakes the parked task with what the operation was
     * bound to ({@link #argument()}, a blocked put's item), which {@link Begin#taken} then uses.
     */
    boolean grant() {
        if (state != PARKED) {
            return false;
        }
        return settle(SUCCEEDED, value);
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
        return "<" + begin.name + " " + s + ">";
    }
}
