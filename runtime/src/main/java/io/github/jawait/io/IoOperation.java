package io.github.jawait.io;

import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.core.Sneaky;
import io.github.jawait.core.Suspendable;
import io.github.jawait.core.TaskAccess;
import java.io.IOException;

/**
 * One awaitable I/O operation: the life shared by a {@code sock*} call ({@link ChannelOperation}),
 * a {@link StreamReader} read ({@link ReadOperation}) and a UDP receive or send
 * ({@link DatagramOperation}). Like asyncio's coroutines it does nothing until awaited; then it
 * tries at once, and only if it cannot finish does its task park while the operation waits for
 * its event (readiness, data, its turn in a queue). Each event retries; the first attempt that
 * finishes stops the wait and wakes the task.
 *
 * <p>What a finished attempt took (bytes read, a datagram, a connection) is granted to the
 * task: a task cancelled after that still receives it and sees the cancellation at its next
 * await, so nothing is lost. A task cancelled while parked stops the wait; the cancelled
 * attempt took nothing.
 *
 * <p>States: new, waiting (begun, could not finish), parked (its task waits), succeeded,
 * failed, abandoned (its task was cancelled while parked). The subclasses say how to try and
 * how to wait; this class alone moves between the states.
 */
abstract class IoOperation<T> extends Coroutine<T> implements Suspendable {
    private static final byte NEW = 0;
    private static final byte WAITING = 1;
    private static final byte PARKED = 2;
    private static final byte SUCCEEDED = 3;
    private static final byte FAILED = 4;
    private static final byte ABANDONED = 5;

    private byte state;
    /** The value once succeeded, the failure once failed. */
    private Object value;
    private Task<?> task;

    /**
     * One try: returns true after calling {@link #succeed} (or throws the failure, which ends
     * the operation too), false if it must wait for its event.
     */
    abstract boolean attempt() throws IOException;

    /** The first try, when first awaited; by default the same as the retries. */
    boolean begin() throws IOException {
        return attempt();
    }

    /** Before the first try: throws if the operation cannot start (its channel is closed). */
    void checkOpen() throws IOException {
    }

    /** Its task parks: wait for the event that retries it; may refuse (a second waiter) by throwing. */
    abstract void startWaiting();

    /** The operation finished or its task was cancelled: stop waiting. */
    abstract void stopWaiting();

    /** What the operation is, for messages: {@code sockRecv(channel, 10)}, {@code readLine()}. */
    abstract String describe();

    /** The name {@link #toString()} shows; by default {@link #describe()}. */
    String name() {
        return describe();
    }

    final void succeed(T v) {
        value = v;
        state = SUCCEEDED;
    }

    private void fail(Throwable t) {
        value = t;
        state = FAILED;
    }

    @Override
    public boolean isDone() {
        if (state == NEW) {
            start();
        }
        return state == SUCCEEDED || state == FAILED;
    }

    private void start() {
        state = WAITING;
        try {
            checkOpen();
            begin();
        } catch (Throwable t) {
            fail(t);
        }
    }

    /**
     * Its event came: try again; when the try finishes, stop waiting and wake the task.
     * Returns whether this call finished the operation (false if it must wait on, or was not
     * waiting).
     */
    final boolean retry() {
        if (state != PARKED) {
            return false;
        }
        try {
            if (!attempt()) {
                return false;
            }
        } catch (Throwable t) {
            fail(t);
        }
        finish();
        return true;
    }

    /** The channel went away under the waiting task (closed): its await throws {@code error}. */
    final void failWaiting(Throwable error) {
        if (state == PARKED) {
            fail(error);
            finish();
        }
    }

    private void finish() {
        stopWaiting();
        TaskAccess.wake(task, this);
    }

    @Override
    public Object outcome() {
        switch (state) {
            case SUCCEEDED:
                return value;
            case FAILED:
                throw Sneaky.rethrow((Throwable) value);
            default:
                throw new IllegalStateException(this + " is not done");
        }
    }

    @Override
    public void park(Task<?> waiter) {
        if (state == NEW) {
            start(); // awaited without being asked isDone() first (hand-written frames)
        }
        switch (state) {
            case WAITING -> {
                startWaiting();
                task = waiter;
                state = PARKED;
            }
            case SUCCEEDED, FAILED -> TaskAccess.wake(waiter, this);
            case PARKED -> throw new IllegalStateException(this + " is already awaited by "
                    + task.getName() + "; a coroutine runs once");
            default -> throw new IllegalStateException(this + ": its task was cancelled while it"
                    + " waited; a coroutine runs once, call the operation again");
        }
    }

    /** Its task was cancelled while parked: stop waiting; nothing is granted from now on. */
    @Override
    public void unpark(Task<?> waiter) {
        if (state == PARKED) {
            state = ABANDONED;
            task = null;
            stopWaiting();
        }
    }

    @Override
    public boolean granted() {
        return state == SUCCEEDED;
    }

    @Override
    public String toString() {
        String s = switch (state) {
            case NEW -> "not awaited yet";
            case WAITING, PARKED -> "waiting";
            case SUCCEEDED -> "done";
            case FAILED -> "failed: " + value;
            default -> "cancelled";
        };
        return "<" + name() + " " + s + ">";
    }
}
