package io.github.jawait;

/**
 * The object an {@link Async} method returns: Python's coroutine object. Calling the method
 * only allocates it; the body runs when the coroutine is awaited, wrapped in a
 * {@link Task} ({@link Asyncio#createTask}), or run by {@link Asyncio#run}.
 *
 * <pre>{@code
 * @Async Coroutine<Integer> answer() { await(sleep(1)); return result(42); }
 * Coroutine<Integer> c = answer();      // nothing has run yet
 * int v = Asyncio.run(c);               // 42, after one second
 * }</pre>
 *
 * <p>A coroutine runs once: it can be awaited by one awaiter while it runs (wrap it in a task
 * to share it); once finished, awaiting it again gives the same outcome.
 *
 * @param <T> the coroutine's result
 */
public abstract class Coroutine<T> implements Awaitable<T> {

    /** Only the runtime makes coroutines: {@link Async} methods and {@link Asyncio#result}. */
    protected Coroutine() {
    }
}
