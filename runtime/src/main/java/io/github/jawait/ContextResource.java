package io.github.jawait;

/**
 * A resource made from an async generator by {@link Asyncio#enter} (Python's
 * {@code @asynccontextmanager}): {@link #value()} is what the generator emitted after its
 * setup; closing it runs the generator's cleanup.
 *
 * <pre>{@code
 * @Async AsyncGenerator<Void> asyncTimer(String name) {
 *     System.out.println(name + " started");
 *     try { emit(null); } finally { System.out.println(name + " done"); }
 *     return end();
 * }
 * try (var t = await(enter(asyncTimer("Operation")))) { await(sleep(1)); }
 * }</pre>
 *
 * @param <T> the emitted value
 */
public interface ContextResource<T> extends AsyncCloseable {

    /** The value the generator emitted. */
    T value();
}
