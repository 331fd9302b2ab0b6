package io.github.jawait.fuzz.ref;

/**
 * The reference {@code AsyncGenerator}: the consumer's side of an async generator (pull with
 * {@code await(hasNext())}, read with {@code next()}, close with {@code closeAsync()}). The
 * generated programs' generators are {@link ThreadGenerator}s.
 */
public abstract class AsyncGenerator<T> implements AsyncCloseable {
    AsyncGenerator() {
    }

    public abstract Awaitable<Boolean> hasNext();

    public abstract T next();

    @Override
    public abstract Awaitable<Void> closeAsync();
}
