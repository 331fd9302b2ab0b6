package io.github.jawait.tests.shapes;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;

/** Refused: an @Async method cannot be synchronized. */
class MisuseSynchronizedMethod {
    @Async
    synchronized Coroutine<Integer> locked() {
        await(sleep(1)); // MARK:synchronized-method
        return result(1);
    }
}
