package com.example.marker;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;

/** A class with one @Async method, read as bytes by RewrittenMarkerTest (outside the agent's packages, which it never rewrites). */
public final class MarkerFixture {
    private MarkerFixture() {
    }

    @Async
    static Coroutine<Integer> slowly(int x) {
        await(sleep(1));
        return result(x + 1);
    }
}
