package io.github.jawait;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/**
 * What {@link Asyncio#runInExecutor} returns: a future settled on the loop thread with what the
 * callable returned or threw on its executor's thread (asyncio's wrapped
 * {@code concurrent.futures.Future}).
 *
 * <pre>{@code
 * Awaitable<byte[]> read = runInExecutor(ioPool, () -> Files.readAllBytes(path));
 * doOtherWork();
 * byte[] data = await(read);                   // resumes on the loop thread
 * }</pre>
 *
 * <p>Cancelling a task that awaits it cancels the future, as in asyncio: every awaiter gets
 * {@link CancelledError}; work that has not started yet is skipped; work already running on
 * its thread is left to finish, and its outcome is dropped. While the work is pending the loop
 * counts it as an outside wait, so a {@link VirtualClock} does not jump past it.
 */
final class ExecutorFuture<T> extends Completion<T> {
    /** Set on the loop thread when cancelled; read by the worker before it starts. */
    private volatile boolean cancelled;
    private boolean waitCounted;

    private ExecutorFuture(EventLoop loop) {
        super(loop);
    }

    /** Submits {@code fn} to {@code executor}; throws what {@code execute} throws (e.g. rejection). */
    static <T> ExecutorFuture<T> start(EventLoop loop, Executor executor, Callable<? extends T> fn) {
        ExecutorFuture<T> f = new ExecutorFuture<>(loop);
        loop.externalWaitStarted();
        f.waitCounted = true;
        try {
            executor.execute(() -> f.runOnWorker(fn));
        } catch (RuntimeException | Error e) {
            f.stopCounting();
            throw e;
        }
        return f;
    }

    /** Worker thread: runs the work unless cancelled first, then posts the outcome to the loop. */
    private void runOnWorker(Callable<? extends T> fn) {
        if (cancelled) {
            return;
        }
        Object value = null;
        Throwable error = null;
        try {
            value = fn.call();
        } catch (Throwable t) {
            error = t;
        }
        Object v = value;
        Throwable e = error;
        try {
            loop.callSoonThreadsafe(() -> deliver(v, e));
        } catch (IllegalStateException closed) {
            // the loop was closed meanwhile: nobody is left to receive the outcome
        }
    }

    private void deliver(Object value, Throwable error) {
        stopCounting();
        if (error == null) {
            settle(SUCCEEDED, value);
        } else {
            settle(FAILED, error);
        }
    }

    private void stopCounting() {
        if (waitCounted) {
            waitCounted = false;
            loop.externalWaitEnded();
        }
    }

    @Override
    boolean cancelInward(Object message) {
        if (isDone()) {
            return false;
        }
        cancelled = true;
        stopCounting();
        settle(CANCELLED, message == null ? new CancelledError() : new CancelledError(message));
        return true;
    }

    @Override
    public String toString() {
        return describe("ExecutorFuture");
    }
}
