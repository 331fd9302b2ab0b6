package io.github.jawait;

/**
 * A resource released by awaiting: Python's {@code async with}. Inside an {@code @Async}
 * method, try-with-resources over an {@code AsyncCloseable} awaits {@link #closeAsync()} on
 * every exit path (normal, exception, cancellation), with suppressed exceptions as Java does.
 *
 * <pre>{@code
 * try (Connection c = await(Connection.open(url))) {   // __aenter__: an @Async factory
 *     await(c.send(query));
 * }                                                   // __aexit__: await(c.closeAsync())
 * }</pre>
 *
 * <p>Outside rewritten code nothing can await, so the synchronous {@link #close()} fails with
 * a message saying so.
 */
public interface AsyncCloseable extends AutoCloseable {

    /** Releases the resource; awaited by try-with-resources in {@code @Async} code. */
    Awaitable<Void> closeAsync();

    /**
     * Not for calling directly: the agent turns this call into {@code await(closeAsync())}
     * in {@code @Async} code. Reaching it means the caller was not rewritten.
     */
    @Override
    default void close() {
        throw new IllegalStateException(getClass().getName() + " is an AsyncCloseable: close it"
                + " with await(closeAsync()), or with try-with-resources inside an @Async method");
    }
}
