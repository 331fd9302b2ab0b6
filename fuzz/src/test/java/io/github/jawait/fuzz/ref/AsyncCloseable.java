package io.github.jawait.fuzz.ref;

/** {@code async with}: in the reference runtime, closing awaits {@link #closeAsync()} at once. */
public interface AsyncCloseable extends AutoCloseable {
    Awaitable<Void> closeAsync();

    @Override
    default void close() {
        Asyncio.await(closeAsync());
    }
}
