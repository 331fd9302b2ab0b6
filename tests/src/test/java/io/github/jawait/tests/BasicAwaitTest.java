package io.github.jawait.tests;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BasicAwaitTest {
    final List<String> events = new ArrayList<>();

    @Async
    Coroutine<String> greet(String name) {
        events.add("start " + name);
        await(sleep(1));
        events.add("end " + name);
        return result("Hello, " + name + "!");
    }

    @Test
    void callingAnAsyncMethodRunsNothing() {
        Coroutine<String> c = greet("Alice");
        assertEquals(List.of(), events);
        assertEquals("Hello, Alice!", TestLoop.run(c));
        assertEquals(List.of("start Alice", "end Alice"), events);
    }

    @Test
    void sleepTakesVirtualTime() {
        VirtualClock clock = new VirtualClock();
        try (EventLoop loop = new EventLoop(clock)) {
            assertEquals("Hello, Bob!", loop.runUntilComplete(greet("Bob")));
        }
        assertEquals(1.0, clock.seconds(), 1e-9);
    }
}
