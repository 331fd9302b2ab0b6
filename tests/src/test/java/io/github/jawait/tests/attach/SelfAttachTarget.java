package io.github.jawait.tests.attach;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;

/** Loaded after JawaitAgent.install(). */
final class SelfAttachTarget {
    private SelfAttachTarget() {
    }

    @Async
    static Coroutine<Integer> compute(int x) {
        await(sleep(0.01));
        return result(x + 22);
    }
}
