package io.github.jawait.junit;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.VirtualClock;
import java.util.List;

/** @AsyncTest as users write it, run by Surefire through the jawait engine next to Jupiter. */
class VirtualTimeAsyncTest {

    @Async
    static Coroutine<String> fetch(int id, double seconds) {
        await(sleep(seconds));
        return result("data " + id);
    }

    @AsyncTest(virtualTime = true)
    @Async
    Coroutine<Void> gatherTakesTheLongestNotTheSum(VirtualClock clock) {
        List<String> all = await(gather(fetch(1, 1), fetch(2, 3), fetch(3, 2)));
        assertEquals(List.of("data 1", "data 2", "data 3"), all);
        assertEquals(3.0, clock.seconds(), 1e-9);
        return done();
    }

    @AsyncTest
    @Async
    static Coroutine<Void> aStaticTestOnTheSystemClock(EventLoop loop) {
        double start = loop.time();
        await(sleep(0.01));
        double took = loop.time() - start;
        assertEquals(true, took >= 0.01 && took < 5, "took " + took);
        return done();
    }
}
