package io.github.jawait.io;

import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.Task;
import io.github.jawait.core.Sneaky;
import io.github.jawait.core.Suspendable;
import io.github.jawait.core.TaskAccess;
import java.io.IOException;
import java.nio.channels.SelectableChannel;

/**
 * One socket operation ({@code sockRecv}, {@code sockSendAll}, {@code sockConnect},
 * {@code sockAccept}): the coroutine the call returns and, while its task waits, the loop's
 * reader or writer callback for the channel. Like asyncio's {@code sock_*} coroutines it does
 * nothing until awaited; then it tries at once, and only if the channel is not ready does it
 * watch the channel and park the task. Each readiness event retries; the first attempt that
 * finishes stops the watch and wakes the task.
 *
 * <p>What an attempt did (bytes read, a connection accepted) is granted to the task: a task
 * cancelled after the operation finished still receives it, and sees the cancellation at its
 * next await, so no data is lost. A task cancelled while parked stops the watch; nothing was
 * read or written by the cancelled attempt.
 */
abstract class ChannelOperation<T> extends Coroutine<T> implements Suspendable, Runnable {
    private static final byte NEW = 0;
    private static final byte WAITING = 1;
    private static final byte PARKED = 2;
    private static final byte SUCCEEDED = 3;
    private static final byte FAILED = 4;
    private static final byte ABANDONED = 5;

    final EventLoop loop;
    final SelectableChannel selectable;
    private final boolean reads;
    private byte state;
    private Object value;
    private Task<?> task;

    ChannelOperation(EventLoop loop, SelectableChannel selectable, boolean reads) {
        this.loop = loop;
        this.selectable = selectable;
        this.reads = reads;
    }

    /**
     * One try: returns true after calling {@link #succeed} (or throws the failure), false if
     * the channel is not ready yet.
     */
    abstract boolean attempt() throws IOException;

    /** The first try, when first awaited; by default the same as the retries. */
    boolean begin() throws IOException {
        return attempt();
    }

    final void succeed(T v) {
        value = v;
        state = SUCCEEDED;
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
            if (!selectable.isOpen()) {
                throw new java.nio.channels.ClosedChannelException();
            }
            begin();
        } catch (Throwable t) {
            failNow(t);
        }
    }

    private void failNow(Throwable t) {
        value = t;
        state = FAILED;
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
            start();
        }
        switch (state) {
            case WAITING -> {
                if (reads ? hasReader() : hasWriter()) {
                    throw new IllegalStateException("another operation is already "
                            + (reads ? "reading from " : "writing to ") + selectable
                            + "; await one operation per direction at a time");
                }
                task = waiter;
                state = PARKED;
                if (reads) {
                    loop.addReader(selectable, this);
                } else {
                    loop.addWriter(selectable, this);
                }
            }
            case SUCCEEDED, FAILED -> TaskAccess.wake(waiter, this);
            case PARKED -> throw new IllegalStateException(this + " is already awaited by "
                    + task.getName() + "; a coroutine runs once");
            default -> throw new IllegalStateException(this + ": its task was cancelled while it"
                    + " waited; a coroutine runs once, call the operation again");
        }
    }

    private boolean hasReader() {
        return loop.hasReader(selectable);
    }

    private boolean hasWriter() {
        return loop.hasWriter(selectable);
    }

    /** Readiness: try again; when finished, stop watching and wake the task. */
    @Override
    public final void run() {
        if (state != PARKED) {
            return;
        }
        try {
            if (!attempt()) {
                return;
            }
        } catch (Throwable t) {
            failNow(t);
        }
        stopWatching();
        TaskAccess.wake(task, this);
    }

    private void stopWatching() {
        if (reads) {
            loop.removeReader(selectable);
        } else {
            loop.removeWriter(selectable);
        }
    }

    @Override
    public void unpark(Task<?> waiter) {
        if (state == PARKED) {
            stopWatching();
            state = ABANDONED;
            task = null;
        }
    }

    @Override
    public boolean granted() {
        return state == SUCCEEDED;
    }

    /** What the operation is, for messages: {@code sockRecv(selectable)}. */
    abstract String describe();

    @Override
    public String toString() {
        String s = switch (state) {
            case NEW -> "not awaited yet";
            case WAITING, PARKED -> "waiting";
            case SUCCEEDED -> "done";
            case FAILED -> "failed: " + value;
            default -> "cancelled";
        };
        return "<" + describe() + " " + s + ">";
    }
}
