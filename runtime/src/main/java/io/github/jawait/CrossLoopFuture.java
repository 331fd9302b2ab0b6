package io.github.jawait;

import io.github.jawait.loop.Inbox;

/**
 * A task's view of a completion owned by another loop (a task of another thread's loop, or
 * one of its futures): a future of the awaiting loop that the owning loop settles by posting
 * to the awaiting loop's inbox. No state is shared: the owning loop reads its completion on its
 * own thread and hands the outcome over as a message; the awaiting loop reads only this.
 *
 * <p>A task that finished before its loop closed can still be awaited: its outcome is read
 * once the loop has closed (no thread writes it any more). A task left pending cannot.
 *
 * <p>Cancelling the awaiting task cancels the other loop's task (posted to its loop), as an
 * await on the same loop does and as asyncio's {@code wrap_future} chains cancellation; the
 * awaiting task then sees the task's real outcome once it crosses back. To await without
 * passing cancellation on, shield it: {@code await(shield(otherLoopsTask))}.
 */
final class CrossLoopFuture<T> extends Completion<T> {
    private final Completion<?> source;
    private boolean waitCounted;
    /** The awaiting task stopped waiting and nobody else will read the outcome. */
    private boolean abandoned;

    private CrossLoopFuture(EventLoop loop, Completion<?> source) {
        super(loop);
        this.source = source;
    }

    /** Awaiting loop's thread: subscribe to {@code source} on its own loop. */
    static <T> CrossLoopFuture<T> of(EventLoop awaiting, Completion<?> source) {
        CrossLoopFuture<T> f = new CrossLoopFuture<>(awaiting, source);
        awaiting.externalWaitStarted(); // another thread will wake us: a virtual clock must wait
        f.waitCounted = true;
        try {
            source.loop.callSoonThreadsafe(f.new Subscribe());
        } catch (IllegalStateException closed) {
            // the refusal read the inbox's closed flag, written after the loop's last write to
            // its tasks: a task that finished is read safely now, and nothing changes it again
            f.stopCounting();
            if (source.state != PENDING) {
                f.settle(source.state, source.value);
            } else {
                f.settle(FAILED, f.ownerClosed());
            }
        }
        return f;
    }

    /** Runs on the source's loop: listen to the source there, and post its outcome over. */
    private final class Subscribe implements Runnable, Inbox.Handoff {
        @Override
        public void run() {
            if (source.loop.isClosed() && !source.isDone()) {
                post(FAILED, ownerClosed()); // the loop closed before this message's turn
                return;
            }
            source.listen(c -> {
                c.markRetrieved(); // handed on: the awaiting loop reports it if nobody reads it
                post(c.state, c.value);
            });
        }
    }

    /** Source's loop: hand the outcome to the awaiting loop (dropped if that loop is closed). */
    private void post(int state, Object value) {
        try {
            loop.callSoonThreadsafe(() -> deliver(state, value));
        } catch (IllegalStateException closed) {
            // the awaiting loop is gone, and every task that could read it with it
        }
    }

    /** Awaiting loop's thread. */
    private void deliver(int state, Object value) {
        stopCounting();
        if (abandoned) {
            markRetrieved();
        }
        settle(state, value);
    }

    private void stopCounting() {
        if (waitCounted) {
            waitCounted = false;
            loop.externalWaitEnded();
        }
    }

    private IllegalStateException ownerClosed() {
        return new IllegalStateException("cannot await " + source + ": its event loop (thread '"
                + source.loop.ownerName() + "') is closed");
    }

    @Override
    boolean cancelInward(Object message) {
        if (source instanceof Task<?> task) {
            try {
                source.loop.callSoonThreadsafe(() -> task.cancel(message));
                return true; // the awaiting task sees the cancellation when the outcome crosses back
            } catch (IllegalStateException closed) {
                // its loop is closed: the task was cancelled with it, stop waiting
            }
        }
        abandoned = true;
        return false;
    }

    @Override
    public String toString() {
        return "<CrossLoopFuture " + (isDone() ? "done" : "pending") + " of a completion of thread '"
                + source.loop.ownerName() + "'>";
    }
}
