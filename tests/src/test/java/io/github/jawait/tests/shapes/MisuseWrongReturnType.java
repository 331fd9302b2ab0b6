package io.github.jawait.tests.shapes;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import java.util.concurrent.CompletableFuture;

/** Refused: @Async methods must return Coroutine. */
class MisuseWrongReturnType {
    @Async
    String notACoroutine() {
        await(sleep(1)); // MARK:wrong-return-type
        return "x";
    }

    @Async
    CompletableFuture<String> aFuture() {
        return CompletableFuture.completedFuture("y"); // MARK:future-return-type
    }
}
