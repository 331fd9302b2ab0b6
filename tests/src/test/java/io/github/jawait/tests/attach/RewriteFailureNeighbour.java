package io.github.jawait.tests.attach;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;

/** An unrelated class with {@code @Async} code, loaded right after the one whose rewrite fails. */
public final class RewriteFailureNeighbour implements RewriteFailureIsolationTest.Probe {
    @Async
    @Override
    public Coroutine<String> asyncPart() {
        await(sleep(2));
        return result(String.valueOf(EventLoop.current().time()));
    }

    @Override
    public String plainPart() {
        return "neighbour plain";
    }
}
