package io.github.jawait.io;

import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.core.Sneaky;
import io.github.jawait.core.Suspendable;
import io.github.jawait.core.TaskAccess;
import java.io.IOException;

/**
 * One {@link DatagramEndpoint#recv()} or {@code send(...)}: does nothing until awaited, then
 * tries at once if no earlier operation of its kind waits; otherwise it queues behind them
 * (first come, first served) and the endpoint retries it when the socket is ready. A datagram
 * it received is granted to its task: a task cancelled after that still gets it. A task
 * cancelled while queued leaves the queue having taken nothing, so no datagram is lost.
 */
abstract class DatagramOperation<T> extends Coroutine<T> implements Suspendable {
    private static final byte NEW = 0;
    private static final byte WAITING = 1;
    private static final byte PARKED = 2;
    private static final byte SUCCEEDED = 3;
    private static final byte FAILED = 4;
    private static final byte ABANDONED = 5;

    final DatagramEndpoint endpoint;
    final boolean receives;
    private byte state;
    private Object value;
    private Task<?> task;

    DatagramOperation(DatagramEndpoint endpoint, boolean receives) {
        this.endpoint = endpoint;
        this.receives = receives;
    }

    /** One try: true after {@link #succeed}, false if the socket is not ready; throws the failure. */
    abstract boolean attempt() throws IOException;

    final void succeed(T v) {
        value = v;
        state = SUCCEEDED;
    }

    final void fail(Throwable t) {
        value = t;
        state = FAILED;
    }

    /** The socket is ready (or failed, {@code error} not null): try; wake the task when finished. */
    final boolean retry(Throwable error) {
        if (state != PARKED) {
            return true;
        }
        if (error != null) {
            fail(error);
        } else {
            try {
                if (!attempt()) {
                    return false;
                }
            } catch (IOException | RuntimeException e) {
                fail(e);
            }
        }
        TaskAccess.wake(task, this);
        return true;
    }

    @Override
    public boolean isDone() {
        if (state == NEW) {
            state = WAITING;
            try {
                endpoint.checkOpen();
                if (!endpoint.hasQueue(receives)) {
                    attempt();
                }
            } catch (IOException | RuntimeException e) {
                fail(e);
            }
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
                task = waiter;
                state = PARKED;
                endpoint.enqueue(this);
            }
            case SUCCEEDED, FAILED -> TaskAccess.wake(waiter, this);
            case PARKED -> throw new IllegalStateException(this + " is already awaited by "
                    + task.getName() + "; a coroutine runs once");
            default -> throw new IllegalStateException(this + ": its task was cancelled while it"
                    + " waited; a coroutine runs once, call the operation again");
        }
    }

    @Override
    public void unpark(Task<?> waiter) {
        if (state == PARKED) {
            state = ABANDONED;
            task = null;
            endpoint.dequeue(this);
        }
    }

    @Override
    public boolean granted() {
        return state == SUCCEEDED;
    }

    abstract String describe();

    @Override
    public String toString() {
        return "<" + describe() + (state >= SUCCEEDED ? " done>" : " waiting>");
    }
}
