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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.jawait.Async;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.Outcome;
import io.github.jawait.Task;
import io.github.jawait.sync.Permit;
import io.github.jawait.sync.Semaphore;
import io.github.jawait.tests.TestLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** asyncio.Semaphore semantics, after CPython's test_locks.SemaphoreTests, and the guide's limited_concurrency. */
class SemaphoreTest {
    final List<Object> result = new ArrayList<>();

    @Test
    void aSemaphoreWithoutPermitsIsLocked() {
        assertTrue(new Semaphore(0).locked());
        assertFalse(new Semaphore().locked());
        assertEquals(1, new Semaphore().value());
    }

    @Test
    void aNegativeInitialValueIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
        assertEquals("Semaphore initial value must be >= 0", e.getMessage());
    }

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
    Coroutine<Boolean> acquireAndLog(Semaphore sem, int n) {
        await(sem.acquire());
        result.add(n);
        return result(true);
    }

    @Async
    Coroutine<Void> acquire() {
        Semaphore sem = new Semaphore(3);
        await(sem.acquire());
        await(sem.acquire());
        assertFalse(sem.locked());

        Task<Boolean> t1 = createTask(acquireAndLog(sem, 1));
        Task<Boolean> t2 = createTask(acquireAndLog(sem, 2));
        Task<Boolean> t3 = createTask(acquireAndLog(sem, 3));
        await(sleep(0));
        assertEquals(List.of(1), result);
        assertTrue(sem.locked());
        assertEquals("<Semaphore [locked, waiters:2]>", sem.toString());
        assertEquals(0, sem.value());

        Task<Boolean> t4 = createTask(acquireAndLog(sem, 4));
        sem.release(); // to t2 ...
        sem.release(); // ... and t3, handed over directly: the count stays 0
        assertEquals(0, sem.value());
        await(sleep(0));
        assertEquals(0, sem.value());
        assertEquals(List.of(1, 2, 3), result); // t4 came later: it waits
        assertTrue(sem.locked());
        assertEquals("<Semaphore [locked, waiters:1]>", sem.toString());
        assertTrue(t1.result() && t2.result() && t3.result());
        assertFalse(t4.done());

        sem.release();
        await(t4);
        assertEquals(List.of(1, 2, 3, 4), result);
        return done();
    }

    @Test
    void permitsGoToWaitersInArrivalOrder() {
        TestLoop.run(acquire());
    }

    @Async
    Coroutine<Void> acquireCancel() {
        Semaphore sem = new Semaphore();
        await(sem.acquire());
        Task<Permit> acquire = createTask(sem.acquire());
        getRunningLoop().callSoon(acquire::cancel);
        try {
            await(acquire);
            fail("the acquire should have been cancelled");
        } catch (CancelledError e) {
            assertTrue(acquire.cancelled());
        }
        assertEquals("<Semaphore [locked]>", sem.toString());
        return done();
    }

    @Test
    void aCancelledAcquireLeavesTheQueue() {
        TestLoop.run(acquireCancel());
    }

    @Async
    Coroutine<Void> cancelBeforeAwoken() {
        Semaphore sem = new Semaphore(0);
        Task<Permit> t1 = createTask(sem.acquire());
        Task<Permit> t2 = createTask(sem.acquire());
        Task<Permit> t3 = createTask(sem.acquire());
        Task<Permit> t4 = createTask(sem.acquire());
        await(sleep(0));
        t1.cancel();
        t2.cancel();
        sem.release();
        await(sleep(0));
        await(sleep(0));
        assertTrue(t1.cancelled() && t2.cancelled());
        assertTrue(t3.done(), "the permit skipped the two cancelled waiters");
        assertFalse(t4.done());
        t4.cancel();
        await(sleep(0));
        assertEquals(0, sem.value());
        return done();
    }

    @Test
    void aReleaseSkipsWaitersCancelledBeforeIt() {
        TestLoop.run(cancelBeforeAwoken());
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
    Coroutine<Void> noHang() {
        Semaphore sem = new Semaphore(0);
        Task<Permit> t1 = createTask(sem.acquire());
        Task<Permit> t2 = createTask(sem.acquire());
        await(sleep(0));
        t1.cancel();
        sem.release();
        await(sleep(0));
        await(sleep(0));
        assertTrue(sem.locked());
        assertTrue(t2.done());
        return done();
    }

    @Test
    void aCancelledWaiterDoesNotSwallowTheNextRelease() {
        TestLoop.run(noHang());
    }

    @Async
    Coroutine<Void> twice(Semaphore sem, String tag) {
        await(sem.acquire());
        result.add(tag + "_1");
        await(sleep(0.01));
        sem.release();
        await(sem.acquire());
        result.add(tag + "_2");
        await(sleep(0.01));
        sem.release();
        return done();
    }

    @Async
    Coroutine<Void> fifo() {
        Semaphore sem = new Semaphore(1);
        await(gather(twice(sem, "c1"), twice(sem, "c2"), twice(sem, "c3")));
        return done();
    }

    @Test
    void aReleasingTaskQueuesBehindTheWaitersWhenItAcquiresAgain() {
        TestLoop.run(fifo());
        assertEquals(List.of("c1_1", "c2_1", "c3_1", "c1_2", "c2_2", "c3_2"), result);
    }

    @Async
    Coroutine<Boolean> releaseThenAcquireAgain(Semaphore sem) {
        await(sem.acquire());
        result.add(2);
        sem.release();
        await(sem.acquire());
        result.add(4);
        return result(true);
    }

    @Async
    Coroutine<Void> fifo2() {
        Semaphore sem = new Semaphore(1);
        Task<Boolean> t1 = createTask(acquireAndLog(sem, 1));
        Task<Boolean> t2 = createTask(releaseThenAcquireAgain(sem));
        Task<Boolean> t3 = createTask(acquireAndLog(sem, 3));
        await(sleep(0));
        sem.release(); // granted to t2 ...
        sem.release(); // ... and to t3, which holds it from now on
        await(gather(t1, t2, t3));
        // t2 releases and re-acquires before t3 runs: it queues behind t3, whose permit is
        // handed over but not yet taken, as in asyncio (test_acquire_fifo_order_2)
        assertEquals(List.of(1, 2, 3, 4), result);
        assertEquals(0, sem.value());
        return done();
    }

    @Test
    void aReacquiringTaskQueuesBehindAWokenWaiterThatHasNotRunYet() {
        TestLoop.run(fifo2());
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

    @Async
    Coroutine<Void> fifo3() {
        Semaphore sem = new Semaphore(0);
        Task<Boolean> t1 = createTask(acquireAndLog(sem, 1));
        Task<Boolean> t2 = createTask(acquireAndLog(sem, 2));
        Task<Boolean> t3 = createTask(acquireAndLog(sem, 3));
        await(sleep(0));
        t1.cancel();
        await(sleep(0));
        sem.release();
        sem.release();
        List<Outcome<Boolean>> outcomes = await(gatherSettled(t1, t2, t3));
        assertEquals(List.of(2, 3), result);
        assertTrue(outcomes.get(0).cancelled());
        return done();
    }

    @Test
    void aCancelledWaiterLosesItsPlace() {
        TestLoop.run(fifo3());
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
        } catch (io.github.jawait.AsyncTimeoutException e) {
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
