package io.github.jawait;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What {@link Asyncio#wrapFuture} returns: a loop-side future mirroring a
 * {@link CompletableFuture} completed by another thread (asyncio's {@code wrap_future}).
 *
 * <p>The outcome crosses to the loop once: the thread that completes the source runs one
 * callback, which posts to the loop's inbox; no thread pool of jawait's is involved. While the
 * source is pending the loop counts it as an outside wait, so a {@link VirtualClock} gives it
 * its grace period before jumping. Unlike a plain {@code await(completableFuture)}, cancelling
 * a task that awaits it cancels the source ({@code source.cancel(true)}), which is how work
 * that can be aborted (an HTTP exchange of the JDK's {@code HttpClient}) is aborted.
 */
final class WrappedFuture<T> extends Completion<T> {
    private final CompletableFuture<? extends T> source;
    private boolean waitCounted;

    private WrappedFuture(EventLoop loop, CompletableFuture<? extends T> source) {
        super(loop);
        this.source = source;
    }

    static <T> WrappedFuture<T> wrap(EventLoop loop, CompletableFuture<? extends T> source) {
        WrappedFuture<T> w = new WrappedFuture<>(loop, source);
        if (source.isDone()) {
            w.deliver(); // nothing to wait for: settle now, no trip through the inbox
            return w;
        }
        loop.externalWaitStarted();
        w.waitCounted = true;
        source.whenComplete((v, e) -> {
            try {
                loop.callSoonThreadsafe(w::deliver);
            } catch (IllegalStateException closed) {
                // the loop was closed meanwhile: nobody is left to receive the outcome
            }
        });
        return w;
    }

    /** Loop thread: the source is done; take its outcome. */
    private void deliver() {
        stopCounting();
        if (isDone()) {
            return; // cancelled from the loop side first
        }
        try {
            settle(SUCCEEDED, source.join());
        } catch (CancellationException e) {
            settle(CANCELLED, new CancelledError("the wrapped future was cancelled"));
        } catch (CompletionException e) {
            settle(FAILED, e.getCause() != null ? e.getCause() : e);
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
        stopCounting();
        settle(CANCELLED, message == null ? new CancelledError() : new CancelledError(message));
        source.cancel(true); // after settling: a source completing inline finds us done
        return true;
    }

    @Override
    public String toString() {
        String s = switch (state) {
            case PENDING -> "pending";
            case SUCCEEDED -> "finished result=" + value;
            case FAILED -> "finished exception=" + value;
            default -> "cancelled";
        };
        return "<WrappedFuture " + s + " source=" + source + ">";
    }
}
