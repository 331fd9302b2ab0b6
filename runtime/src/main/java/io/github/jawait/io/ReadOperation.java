package io.github.jawait.io;

import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.core.Sneaky;
import io.github.jawait.core.Suspendable;
import io.github.jawait.core.TaskAccess;

/**
 * One read of a {@link StreamReader} ({@code read}, {@code readExactly}, {@code readUntil},
 * {@code readLine}): does nothing until awaited, then takes its bytes from the reader's buffer
 * if they are there; otherwise it becomes the reader's one waiter and is retried each time data
 * or the end of the stream arrives. The bytes it takes are granted to its task: a task
 * cancelled after they were taken still receives them and sees the cancellation at its next
 * await. A task cancelled while waiting takes nothing: the buffer keeps every byte.
 */
abstract class ReadOperation<T> extends Coroutine<T> implements Suspendable {
    private static final byte NEW = 0;
    private static final byte WAITING = 1;
    private static final byte PARKED = 2;
    private static final byte SUCCEEDED = 3;
    private static final byte FAILED = 4;
    private static final byte ABANDONED = 5;

    final StreamReader reader;
    private byte state;
    private Object value;
    private Task<?> task;

    ReadOperation(StreamReader reader) {
        this.reader = reader;
    }

    /**
     * Takes what it needs from the reader and calls {@link #succeed}, or throws its failure
     * (which ends it too); returns false when it must wait for more data.
     */
    abstract boolean take();

    final void succeed(T v) {
        value = v;
        state = SUCCEEDED;
    }

    /** Data, the end of the stream or an error arrived: try again, wake the task when done. */
    final void retry() {
        if (state != PARKED) {
            return;
        }
        if (attempt()) {
            reader.waiterDone(this);
            TaskAccess.wake(task, this);
        }
    }

    private boolean attempt() {
        try {
            return take();
        } catch (Throwable t) {
            value = t;
            state = FAILED;
            return true;
        }
    }

    @Override
    public boolean isDone() {
        if (state == NEW) {
            state = WAITING;
            attempt();
        }
        return state == SUCCEEDED || state == FAILED;
    }

    @Override
    public Object outcome() {
        if (state == SUCCEEDED) {
            return value;
        }
        if (state == FAILED) {
            throw Sneaky.rethrow((Throwable) value);
        }
        throw new IllegalStateException(this + " is not done");
    }

    @Override
    public void park(Task<?> waiter) {
        if (state == NEW) {
            isDone();
        }
        switch (state) {
            case WAITING -> {
                reader.becomeWaiter(this); // throws if another read waits
                task = waiter;
                state = PARKED;
            }
            case SUCCEEDED, FAILED -> TaskAccess.wake(waiter, this);
            case PARKED -> throw new IllegalStateException(this + " is already awaited by "
                    + task.getName() + "; a coroutine runs once");
            default -> throw new IllegalStateException(this + ": its task was cancelled while it"
                    + " waited; a coroutine runs once, call the read again");
        }
    }

    @Override
    public void unpark(Task<?> waiter) {
        if (state == PARKED) {
            reader.waiterDone(this);
            state = ABANDONED;
            task = null;
        }
    }

    @Override
    public boolean granted() {
        return state == SUCCEEDED;
    }

    abstract String describe();

    @Override
    public String toString() {
        return "<StreamReader." + describe() + (state >= SUCCEEDED ? " done>" : " waiting>");
    }
}
