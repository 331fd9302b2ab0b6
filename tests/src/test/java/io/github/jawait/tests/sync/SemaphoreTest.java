package io.github.jawait.tests.sync;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.gatherSettled;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.jawait.Async;
import io.github.jawait.AsyncTimeoutException;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.sync.Permit;
import io.github.jawait.sync.Semaphore;
import io.github.jawait.tests.TestLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * asyncio.Semaphore behaviour beyond CPython's test_locks.SemaphoreTests, whose cases run in
 * {@code conformance/LocksConformanceTest}: the description, a permit granted to a task cancelled
 * in the same turn, newcomers, timeouts, and the guide's limited_concurrency.
 */
class SemaphoreTest {
    final List<Object> result = new ArrayList<>();

    @Async
    Coroutine<Void> describe() {
        Semaphore sem = new Semaphore();
        assertEquals("<Semaphore [unlocked, value:1]>", sem.toString());
        await(sem.acquire());
        assertEquals("<Semaphore [locked]>", sem.toString());
        Task<Permit> w1 = createTask(sem.acquire());
        Task<Permit> w2 = createTask(sem.acquire());
        await(sleep(0));
        assertEquals("<Semaphore [locked, waiters:2]>", sem.toString());
        w1.cancel();
        w2.cancel();
        await(sleep(0));
        assertEquals("<Semaphore [locked]>", sem.toString());
        return done();
    }

    @Test
    void toStringShowsStateValueAndWaiters() {
        TestLoop.run(describe());
    }

    @Async
    Coroutine<Void> grantedThenCancelled() {
        Semaphore sem = new Semaphore(0);
        Task<Void> a = createTask(holdThenSleep(sem, "A"));
        Task<Void> b = createTask(holdThenSleep(sem, "B"));
        await(sleep(0));
        sem.release(); // A is granted the permit ...
        a.cancel();    // ... and cancelled in the same turn, before it ran
        assertTrue(await(gatherSettled(a)).get(0).cancelled());
        assertFalse(result.contains("A holds"), "A never held the permit: its acquire raised CancelledError");
        await(b); // the permit taken back from A went on to B, which gave it back in turn
        assertEquals(1, sem.value());
        return done();
    }

    @Async
    Coroutine<Void> holdThenSleep(Semaphore sem, String name) {
        Permit permit = await(sem.acquire());
        try (permit) {
            result.add(name + " holds");
            await(sleep(1));
        } catch (CancelledError e) {
            result.add(name + " cancelled");
            throw e;
        }
        return done();
    }

    @Test
    void aPermitGrantedToATaskCancelledInTheSameTurnIsNotLost() {
        TestLoop.run(grantedThenCancelled());
        assertEquals(List.of("B holds"), result);
    }

    @Async
    Coroutine<Void> acquireLogRelease(Semaphore sem, String name) {
        await(sem.acquire());
        result.add(name);
        sem.release();
        return done();
    }

    @Async
    Coroutine<Void> newcomerWaits() {
        Semaphore sem = new Semaphore(1);
        await(sem.acquire());
        Task<Void> t1 = createTask(acquireLogRelease(sem, "t1"));
        await(sleep(0));
        sem.release();                 // granted to t1, which has not run yet ...
        assertTrue(sem.locked());      // ... so a newcomer has to wait behind it
        await(acquireLogRelease(sem, "main"));
        assertTrue(t1.done());
        assertEquals(List.of("t1", "main"), result);
        assertEquals(1, sem.value());
        return done();
    }

    @Test
    void aNewcomerNeverOvertakesAWaiter() {
        TestLoop.run(newcomerWaits());
    }

    // ---- the guide's limited_concurrency: 10,000 urls, Semaphore(10) ----

    int running;
    int maxRunning;

    @Async
    Coroutine<String> fetchUrl(String url) {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await(sleep(0.1));
        running--;
        return result("body of " + url);
    }

    @Async
    Coroutine<List<String>> limitedConcurrency(List<String> urls, int limit) {
        Semaphore semaphore = new Semaphore(limit);
        List<Coroutine<String>> tasks = new ArrayList<>();
        for (String url : urls) {
            tasks.add(fetchWithSemaphore(semaphore, url));
        }
        return result(await(gather(tasks)));
    }

    @Async
    Coroutine<String> fetchWithSemaphore(Semaphore semaphore, String url) {
        try (var slot = await(semaphore.acquire())) {
            return result(await(fetchUrl(url)));
        }
    }

    @Async
    Coroutine<String> guide() {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            urls.add("https://example.com/" + i);
        }
        List<String> bodies = await(limitedConcurrency(urls, 10));
        assertEquals(10_000, bodies.size());
        for (int i = 0; i < bodies.size(); i++) {
            assertEquals("body of https://example.com/" + i, bodies.get(i));
        }
        return result("max " + maxRunning + " @" + getRunningLoop().time());
    }

    @Test
    void theGuidesLimitedConcurrencyRunsTenAtATimeAndKeepsTheOrder() {
        // 10,000 fetches of 0.1 s, ten at a time: 1,000 rounds, 100 s of (virtual) time
        assertEquals("max 10 @100.0", TestLoop.run(guide()));
        assertEquals(0, running);
    }

    @Async
    Coroutine<Void> waitForAcquire() {
        Semaphore sem = new Semaphore(1);
        await(waitFor(sem.acquire(), Duration.ofSeconds(1)));
        try {
            await(waitFor(sem.acquire(), Duration.ofSeconds(1)));
            fail("no permit was left");
        } catch (AsyncTimeoutException e) {
            assertInstanceOf(CancelledError.class, e.getCause());
        }
        assertEquals("<Semaphore [locked]>", sem.toString());
        sem.release();
        assertEquals(1, sem.value());
        return done();
    }

    @Test
    void anAcquireMayTimeOut() {
        TestLoop.run(waitForAcquire());
    }
}
