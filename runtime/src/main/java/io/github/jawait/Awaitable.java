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
 * <p>The runtime's own types are the only implementations: a class of yours implementing it
 * cannot be awaited (there is no base class to extend, and {@code await} says so). To await work
 * done elsewhere, complete a {@link java.util.concurrent.CompletableFuture} and await that
 * ({@code await} takes any {@link java.util.concurrent.CompletionStage}); to await a sequence of
 * steps, write it as an {@code @Async} method.
 *
 * @param <T> the value an await produces
 */
public interface Awaitable<T> {

    /** Whether awaiting this now would produce its outcome without suspending. */
    boolean isDone();
}
