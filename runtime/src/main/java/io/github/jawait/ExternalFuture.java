package io.github.jawait;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A future completed by another library's thread, awaited on the loop: the bridge for
 * callbacks (a driver's, an HTTP client's) and for {@link io.github.jawait.spi.AwaitableAdapter}s.
 * asyncio's {@code loop.create_future()} plus {@code call_soon_threadsafe(fut.set_result, v)}
 * in one object.
 *
 * <pre>{@code
 * ExternalFuture<Row> f = ExternalFuture.create();     // on the loop thread
 * f.onCancel(query::cancel);                           // runs on the loop if the awaiter is cancelled
 * driver.query(sql, (row, error) -> { if (error == null) f.complete(row); else f.fail(error); });
 * Row row = await(f);                                  // resumes on the loop thread
 * }</pre>
 *
 * <p>{@link #complete} and {@link #fail} may be called from any thread, once (later calls are
 * ignored); called on the loop's own thread they settle at once, from another thread they
 * cross into the loop through its inbox: one hand-off. Until it is settled the loop counts it
 * as an outside wait, so a {@link VirtualClock} waits its real grace period for it before
 * jumping time, as for an awaited {@code CompletableFuture}.
 *
 * <p>Cancelling a task that awaits it cancels the future, as asyncio's wrapped futures are: the
 * {@link #onCancel} hook runs on the loop thread, every awaiter gets {@link CancelledError} at
 * once, and an outcome arriving later is dropped.
 *
 * <p>It is the runtime's one bridge from another thread's future to the loop:
 * {@link Asyncio#wrapFuture} and a plain {@code await(completableFuture)} are an
 * {@code ExternalFuture} whose {@code onCancel} cancels the {@code CompletableFuture}, and the
 * {@link io.github.jawait.spi.AwaitableAdapter}s return one.
 *
 * @param <T> the value
 */
public final class ExternalFuture<T> extends Completion<T> {
    private Runnable onCancel;
    private boolean waitCounted;

    private ExternalFuture(EventLoop loop) {
        super(loop);
    }

    /** A pending future of the loop running on the calling thread. */
    public static <T> ExternalFuture<T> create() {
        EventLoop loop = EventLoop.current();
        ExternalFuture<T> f = new ExternalFuture<>(loop);
        loop.externalWaitStarted();
        f.waitCounted = true;
        return f;
    }

    /**
     * The loop-side mirror of {@code source} (asyncio's {@code wrap_future}): settled with its
     * outcome, a {@code CompletionException}/{@code ExecutionException} unwrapped, a
     * cancellation as {@link CancelledError}({@code cancelledMessage}) with the
     * {@code CancellationException} as cause; cancelling the awaiter calls
     * {@code source.cancel(true)}. A source already done settles at once, without the inbox.
     */
    static <T> ExternalFuture<T> mirror(EventLoop loop, CompletableFuture<? extends T> source, String cancelledMessage) {
        ExternalFuture<T> f = new ExternalFuture<>(loop);
        if (!source.isDone()) {
            loop.externalWaitStarted();
            f.waitCounted = true;
            f.onCancel = () -> source.cancel(true); // after settling: a source completing inline finds us done
        }
        source.whenComplete((v, e) -> {
            if (e == null) {
                f.complete(v);
            } else {
                f.fail(unwrap(e, cancelledMessage));
            }
        });
        return f;
    }

    private static Throwable unwrap(Throwable e, String cancelledMessage) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof CancellationException) {
            CancelledError c = new CancelledError(cancelledMessage);
            c.initCause(e);
            return c;
        }
        return e;
    }

    /**
     * {@code hook} runs on the loop thread if a task awaiting this is cancelled before it is
     * settled: stop the outside work there (cancel a request, a query). Loop thread only.
     */
    public ExternalFuture<T> onCancel(Runnable hook) {
        loop.checkThread("ExternalFuture.onCancel");
        this.onCancel = hook;
        return this;
    }

    /** Any thread: the awaiting coroutines resume with {@code value}. Ignored once settled. */
    public void complete(T value) {
        deliver(SUCCEEDED, value);
    }

    /** Any thread: the awaits throw {@code error} as it is. Ignored once settled. */
    public void fail(Throwable error) {
        if (error == null) {
            throw new NullPointerException("ExternalFuture.fail(null)");
        }
        deliver(error instanceof CancelledError ? CANCELLED : FAILED, error);
    }

    private void deliver(int newState, Object newValue) {
        if (loop.inLoopThread()) {
            settleNow(newState, newValue);
            return;
        }
        try {
            loop.callSoonThreadsafe(() -> settleNow(newState, newValue));
        } catch (IllegalStateException closed) {
            // the loop was closed meanwhile: nobody is left to receive the outcome
        }
    }

    private void settleNow(int newState, Object newValue) {
        if (settle(newState, newValue)) {
            stopCounting();
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
        Runnable hook = onCancel;
        onCancel = null;
        if (hook != null) {
            try {
                hook.run(); // after settling: a hook that completes this synchronously changes nothing
            } catch (RuntimeException e) {
                System.getLogger("io.github.jawait").log(System.Logger.Level.ERROR,
                        "exception in the onCancel hook of " + this, e);
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return describe("ExternalFuture");
    }
}
