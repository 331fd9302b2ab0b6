package io.github.jawait.tests.sync;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.AsyncTimeoutException;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.Task;
import io.github.jawait.VirtualClock;
import io.github.jawait.sync.Lock;
import io.github.jawait.sync.Permit;
import io.github.jawait.tests.TestLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * asyncio.Lock behaviour beyond CPython's test_locks.LockTests, whose cases run in
 * {@code conformance/LocksConformanceTest}: reacquiring in turn, waiters cancelled as the lock is
 * released, the permit, timeouts, and the thread and loop checks.
 */
class LockTest {
    final Lock lock = new Lock();
    final List<String> log = new ArrayList<>();

    @Async
    Coroutine<Void> twice(String tag) {
        try (var held = await(lock.acquire())) {
            log.add(tag + "_1");
            await(sleep(0.01));
        }
        try (var held = await(lock.acquire())) {
            log.add(tag + "_2");
            await(sleep(0.01));
        }
        return done();
    }

    @Async
    Coroutine<Void> fifo() {
        await(gather(twice("c1"), twice("c2"), twice("c3")));
        return done();
    }

    @Test
    void aTaskThatReleasesAndReacquiresQueuesBehindTheOthers() {
        TestLoop.run(fifo());
        assertEquals(List.of("c1_1", "c2_1", "c3_1", "c1_2", "c2_2", "c3_2"), log);
    }

    @Async
    Coroutine<Void> holdThenSleep(String name) {
        Permit held = await(lock.acquire());
        try (held) {
            log.add(name + " holds");
            await(sleep(1));
            log.add(name + " slept");
        } catch (CancelledError e) {
            log.add(name + " cancelled, locked=" + lock.locked());
            throw e;
        }
        return done();
    }

    @Async
    Coroutine<Void> releaseThenCancelInOneTurn() {
        await(lock.acquire());
        Task<Void> b = createTask(holdThenSleep("B"));
        Task<Void> c = createTask(holdThenSleep("C"));
        await(sleep(0));
        lock.release(); // B is granted the lock ...
        b.cancel();     // ... and cancelled before it could run
        await(sleep(0));
        // asyncio: B's acquire raises CancelledError, the lock goes on to C (woken, not run yet)
        assertTrue(b.cancelled());
        assertEquals(List.of(), log);
        assertFalse(lock.locked()); // asyncio: released to C, which has not run yet
        await(sleep(0));
        assertEquals(List.of("C holds"), log);
        await(c);
        assertFalse(lock.locked());
        return done();
    }

    @Test
    void aWaiterCancelledJustAfterBeingGrantedTheLockPassesItOn() {
        TestLoop.run(releaseThenCancelInOneTurn());
        assertEquals(List.of("C holds", "C slept"), log);
    }

    @Async
    Coroutine<Void> cancelThenReleaseInOneTurn() {
        await(lock.acquire());
        Task<Void> b = createTask(holdThenSleep("B"));
        Task<Void> c = createTask(holdThenSleep("C"));
        await(sleep(0));
        b.cancel();     // B leaves the queue ...
        lock.release(); // ... so the lock goes to C
        await(sleep(0));
        assertTrue(b.cancelled());
        assertEquals(List.of("C holds"), log);
        await(c);
        return done();
    }

    @Test
    void aWaiterCancelledJustBeforeTheReleaseNeverHoldsTheLock() {
        TestLoop.run(cancelThenReleaseInOneTurn());
        assertEquals(List.of("C holds", "C slept"), log);
    }

    @Async
    Coroutine<String> bareAcquireTaskCancelledWhenGranted() {
        await(lock.acquire());
        Task<Permit> t = createTask(lock.acquire());
        await(sleep(0));
        lock.release();
        t.cancel();
        await(sleep(0));
        // asyncio: the task raises CancelledError and the lock is taken back, not lost
        assertTrue(t.done());
        assertTrue(t.cancelled());
        assertFalse(lock.locked());
        return result("ok");
    }

    @Test
    void aLockGrantedToATaskCancelledInTheSameTurnIsNeverLost() {
        assertEquals("ok", TestLoop.run(bareAcquireTaskCancelledWhenGranted()));
    }

    @Async
    Coroutine<Void> tryWithResources() {
        Permit p;
        try (Permit held = await(lock.acquire())) {
            p = held;
            assertTrue(lock.locked());
            assertFalse(held.released());
        }
        assertFalse(lock.locked());
        assertTrue(p.released());
        p.close(); // a second close does nothing
        assertFalse(lock.locked());
        try (var held = await(lock.acquire())) {
            throw new IllegalArgumentException("boom");
        } catch (IllegalArgumentException e) {
            assertEquals("boom", e.getMessage());
            assertFalse(lock.locked());
        }
        return done();
    }

    @Test
    void tryWithResourcesReleasesOnceEvenOnException() {
        TestLoop.run(tryWithResources());
    }

    @Async
    Coroutine<Void> lazyAcquire() {
        Coroutine<Permit> pending = lock.acquire();
        assertFalse(lock.locked(), "acquire() runs nothing until awaited");
        try (var held = await(pending)) {
            assertTrue(lock.locked());
        }
        return done();
    }

    @Test
    void acquireRunsNothingUntilAwaited() {
        TestLoop.run(lazyAcquire());
    }

    @Async
    Coroutine<String> timedOutAcquire() {
        await(lock.acquire());
        try {
            await(waitFor(lock.acquire(), Duration.ofSeconds(1)));
            return result("acquired twice");
        } catch (AsyncTimeoutException e) {
            return result(lock + " @" + getRunningLoop().time());
        }
    }

    @Test
    void anAcquireThatTimesOutLeavesNoWaiterBehind() {
        assertEquals("<Lock [locked]> @1.0", TestLoop.run(timedOutAcquire()));
    }

    @Async
    Coroutine<String> releaseFromAnotherThread() {
        await(lock.acquire());
        Throwable error = Threads.runOn("intruder", lock::release);
        assertTrue(lock.locked());
        return result(error.getClass().getSimpleName() + ": " + error.getMessage());
    }

    @Test
    void aCallFromAnotherThreadFailsWithAClearMessage() {
        assertEquals("IllegalStateException: Lock.release() called from thread 'intruder', but this"
                + " Lock belongs to the event loop of thread '" + Thread.currentThread().getName()
                + "'; jawait primitives are not thread-safe: reach them from another thread through"
                + " loop.callSoonThreadsafe(...) or loop.submit(...)", TestLoop.run(releaseFromAnotherThread()));
    }

    @Async
    Coroutine<Void> holdOnly() {
        await(lock.acquire());
        return done();
    }

    @Async
    Coroutine<Void> releaseOnly() {
        lock.release();
        return done();
    }

    @Test
    void aLockIsBoundToOneLoopAtATimeButOutlivesAClosedOne() {
        TestLoop.run(holdOnly());
        TestLoop.run(releaseOnly()); // the first loop is closed: the lock moves on
        try (EventLoop first = new EventLoop(new VirtualClock())) {
            first.runUntilComplete(holdOnly());
            Throwable error = Threads.runOn("other-loop", () -> TestLoop.run(holdOnly()));
            assertInstanceOf(IllegalStateException.class, error);
            assertTrue(error.getMessage().startsWith("Lock.acquire() called from thread 'other-loop'"),
                    error.getMessage());
            IllegalStateException sameThread = assertThrows(IllegalStateException.class, () -> TestLoop.run(holdOnly()));
            assertTrue(sameThread.getMessage().startsWith("<Lock [locked]> is bound to a different event loop: <EventLoop"),
                    sameThread.getMessage());
            assertNull(first.runUntilComplete(releaseOnly()));
        }
    }

    @Test
    void aPermitTellsWhatItReleases() {
        assertSame(Permit.class, TestLoop.run(holdPermit()).getClass());
    }

    @Async
    Coroutine<Permit> holdPermit() {
        return result(await(lock.acquire()));
    }
}
