package io.github.jawait.tests.generators;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.emit;
import static io.github.jawait.Asyncio.end;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jawait.Async;
import io.github.jawait.AsyncGenerator;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Generators left open are closed by the loop (asyncio's {@code loop.shutdown_asyncgens()},
 * after CPython's test_asyncgen.py {@code test_async_gen_asyncio_shutdown_*}): their
 * {@code finally} blocks run, and may await.
 */
class ShutdownAsyncgensTest {
    final List<String> events = new ArrayList<>();

    @Async
    AsyncGenerator<Integer> counting(String name) {
        try {
            for (int i = 0; ; i++) {
                emit(i);
            }
        } finally {
            await(sleep(0)); // cleanup that awaits
            events.add(name + " finalized");
        }
    }

    @Async
    Coroutine<Integer> takeOneAndLeave(String name) {
        AsyncGenerator<Integer> g = counting(name); // no try-with-resources: left open
        await(g.hasNext());
        return result(g.next());
    }

    @Async
    Coroutine<Integer> leaveTwoOpen() {
        int a = await(takeOneAndLeave("a"));
        int b = await(takeOneAndLeave("b"));
        return result(a + b);
    }

    @Test
    void asyncioRunClosesTheGeneratorsLeftOpen() {
        assertEquals(0, Asyncio.run(leaveTwoOpen(), new VirtualClock()));
        // closed concurrently, in no particular order (asyncio keeps them in a WeakSet too)
        assertEquals(2, events.size());
        assertEquals(java.util.Set.of("a finalized", "b finalized"), java.util.Set.copyOf(events));
    }

    @Async
    Coroutine<Void> shutdownExplicitly() {
        await(takeOneAndLeave("c"));
        AsyncGenerator<Integer> neverStarted = counting("never started");
        await(getRunningLoop().shutdownAsyncgens());
        events.add("after shutdown");
        return done();
    }

    @Test
    void shutdownAsyncgensClosesThemWhenAwaited() {
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            loop.runUntilComplete(shutdownExplicitly());
        }
        // a generator never iterated has nothing to clean up, as in asyncio
        assertEquals(List.of("c finalized", "after shutdown"), events);
    }

    @Async
    AsyncGenerator<Integer> finishes() {
        try {
            emit(1);
        } finally {
            events.add("finished normally");
        }
        return end();
    }

    @Async
    Coroutine<Void> drain() {
        AsyncGenerator<Integer> g = finishes();
        while (await(g.hasNext())) {
            g.next();
        }
        return done();
    }

    @Test
    void aFinishedGeneratorIsNotClosedAgain() {
        Asyncio.run(drain(), new VirtualClock());
        assertEquals(List.of("finished normally"), events);
    }
}
