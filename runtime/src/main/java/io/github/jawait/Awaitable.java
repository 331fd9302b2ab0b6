package io.github.jawait;

/**
 * Something {@link Asyncio#await(Awaitable)} can suspend on: a {@link Coroutine}, a
 * {@link Task}, {@link Asyncio#sleep(double)}, {@link Asyncio#gather(Awaitable[])}.
 *
 * <pre>{@code
 * Awaitable<String> aw = fetch(url);        // a coroutine: nothing runs yet
 * String body = await(aw);                  // runs it, suspending this coroutine meanwhile
 * }</pre>
 *
 * <p>The runtime's own types are the implementations; to await work done elsewhere, complete a
 * {@link java.util.concurrent.CompletableFuture} and await that ({@code await} takes any
 * {@link java.util.concurrent.CompletionStage}).
 *
 * @param <T> the value an await produces
 */
public interface Awaitable<T> {

    /** Whether awaiting this now would produce its outcome without suspending. */
    boolean isDone();
}
