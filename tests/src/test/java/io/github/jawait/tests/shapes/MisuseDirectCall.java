package io.github.jawait.tests.shapes;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;

/**
 * Refused: an await inside synchronized, in a static method that another method of the class
 * awaits right after calling it (a direct call). Used by {@code DirectCallAdversarialTest}.
 */
public final class MisuseDirectCall {
    private static final Object LOCK = new Object();

    private MisuseDirectCall() {
    }

    @Async
    public static Coroutine<Integer> refused(int v) {
        synchronized (LOCK) {
            await(sleep(1)); // MARK:direct-refused
        }
        return result(v);
    }

    @Async
    public static Coroutine<Integer> callsRefused(int v) {
        return result(await(refused(v)) + 1);
    }

    @Async
    public static Coroutine<Integer> fine(int v) {
        await(sleep(1));
        return result(v);
    }

    @Async
    public static Coroutine<Integer> callsFine(int v) {
        return result(await(fine(v)) + 1);
    }
}
