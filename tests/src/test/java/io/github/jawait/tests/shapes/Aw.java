package io.github.jawait.tests.shapes;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.tests.TestLoop;

/**
 * Awaitables of the three kinds the shape tests mix: already done ({@link #now}), suspending
 * ({@link #later}, {@link #task}) and failing after a suspension ({@link #failLater}).
 */
final class Aw {
    private Aw() {
    }

    /** Done before it is awaited: the fast path, no suspension. */
    static <T> Coroutine<T> now(T value) {
        return result(value);
    }

    /** Suspends (a real trip through the loop and the timer heap) and then gives {@code value}. */
    @Async
    static <T> Coroutine<T> later(T value) {
        await(sleep(0.1));
        return result(value);
    }

    /** Suspends, then throws {@code error} as it is. */
    @Async
    static <T> Coroutine<T> failLater(RuntimeException error) {
        await(sleep(0.1));
        throw error;
    }

    /** Suspends, then throws a checked {@link MyCheckedException} with {@code message}. */
    @Async
    static <T> Coroutine<T> failChecked(String message) throws MyCheckedException {
        await(sleep(0.1));
        throw new MyCheckedException(message);
    }

    /** A task that has already finished with {@code value} when the caller awaits it. */
    @Async
    static <T> Coroutine<Task<T>> finishedTask(T value) {
        Task<T> t = io.github.jawait.Asyncio.createTask(now(value));
        await(sleep(0.01));
        if (!t.done()) {
            throw new AssertionError("task should be done");
        }
        return result(t);
    }

    /** Runs a coroutine on a virtual-clock loop. */
    static <T> T run(Coroutine<T> c) {
        return TestLoop.run(c);
    }
}
