package io.github.jawait.spi;

import io.github.jawait.Awaitable;

/**
 * Makes another library's future awaitable as it is: {@code await(vertxFuture)},
 * {@code await(mono)}, without a wrapper call. Register an implementation with
 * {@link java.util.ServiceLoader}, in {@code META-INF/services/io.github.jawait.spi.AwaitableAdapter}.
 *
 * <pre>{@code
 * public final class ListenableFutureAdapter implements AwaitableAdapter {
 *     public boolean supports(Class<?> type) { return ListenableFuture.class.isAssignableFrom(type); }
 *
 *     public Awaitable<?> adapt(Object future) {
 *         ListenableFuture<?> f = (ListenableFuture<?>) future;
 *         ExternalFuture<Object> result = ExternalFuture.create();
 *         result.onCancel(() -> f.cancel(true));          // the awaiting task was cancelled
 *         Futures.addCallback(f, new FutureCallback<Object>() {
 *             public void onSuccess(Object v) { result.complete(v); }     // any thread
 *             public void onFailure(Throwable t) { result.fail(t); }
 *         }, MoreExecutors.directExecutor());
 *         return result;
 *     }
 * }
 * }</pre>
 *
 * <p>The runtime asks the adapters only for objects that are neither a jawait
 * {@link Awaitable} nor a {@link java.util.concurrent.CompletionStage}: the await of jawait's
 * own types never looks at them. It asks once per class (the answer is cached for the class)
 * and calls {@link #adapt} on the loop thread when a task is about to suspend on such an
 * object. An adapter returns one of the runtime's awaitables: an
 * {@link io.github.jawait.ExternalFuture} (completed from any thread, the usual choice), a
 * {@code CompletableFuture}, a {@code Task}, or a coroutine (which then runs as a task).
 */
public interface AwaitableAdapter {

    /** Whether this adapter awaits instances of {@code type}. Asked once per class. */
    boolean supports(Class<?> type);

    /**
     * An awaitable with {@code future}'s outcome: called on the loop thread for an instance of a
     * class this adapter {@link #supports}. Its failure is thrown at the {@code await} as it is.
     */
    Awaitable<?> adapt(Object future);
}
