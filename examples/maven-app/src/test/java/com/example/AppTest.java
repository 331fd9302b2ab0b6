package com.example;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.VirtualClock;
import io.github.jawait.junit.AsyncTest;
import java.util.List;

class AppTest {

    @AsyncTest(virtualTime = true, timeout = 10)
    @Async
    Coroutine<Void> fetchesConcurrently(VirtualClock clock) {
        List<String> pages = await(App.fetchAll());
        assertEquals(List.of("page 1", "page 2", "page 3", "page 4", "page 5"), pages);
        // 0.3 s for the gathered three (the slowest), then 0.1 s for the group: not the sum
        assertEquals(0.4, clock.seconds(), 1e-9);
        return done();
    }
}
