package io.github.jawait.tests.shapes;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;

/** Refused: await in methods that are not rewritten. */
class MisuseAwaitOutsideAsync {
    String plain() {
        return "plain " + await(Aw.later("x")); // MARK:await-outside-async
    }

    Runnable voidLambda() {
        return () -> await(sleep(1)); // MARK:await-in-void-lambda
    }

    @Async
    Coroutine<String> fine() {
        return result(await(Aw.later("ok")));
    }
}
