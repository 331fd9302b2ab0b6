package io.github.jawait.tests.sync;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.timeout;
import static io.github.jawait.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.jawait.Async;
import io.github.jawait.AsyncTimeoutException;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.sync.Condition;
import io.github.jawait.sync.Lock;
import io.github.jawait.sync.Permit;
import io.github.jawait.tests.TestLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** asyncio.Condition semantics, after CPython's test_locks.ConditionTests. */
class ConditionTest {
    final Condition cond = new Condition();
    final List<Integer> result = new ArrayList<>();
    boolean presult;
    int state;

    @Async
    Coroutine<Boolean> acquireWaitLog(int n, boolean release) {
        await(cond.acquire());
        if (await(cond.waitFor())) {
            result.add(n);
            if (release) {
                cond.release();
            }
        }
        return result(true);
    }

    @Async
    Coroutine<Void> waitAndSignal() {
        Task<Boolean> t1 = createTask(acquireWaitLog(1, false));
        Task<Boolean> t2 = createTask(acquireWaitLog(2, false));
        Task<Boolean> t3 = createTask(acquireWaitLog(3, false));
        await(sleep(0));
        assertEquals(List.of(), result);
        assertFalse(cond.locked());
        assertEquals("<Condition [unlocked, waiters:3]>", cond.toString());

        await(cond.acquire());
        cond.signal();
        await(sleep(0));
        assertEquals(List.of(), result); // woken, but the lock is still ours
        assertTrue(cond.locked());

        cond.release();
        await(sleep(0));
        assertEquals(List.of(1), result);
        assertTrue(cond.locked());

        cond.signal(2);
        await(sleep(0));
        assertEquals(List.of(1), result);
        assertTrue(cond.locked());

        cond.release();
        await(sleep(0));
        assertEquals(List.of(1, 2), result);
        assertTrue(cond.locked());

        cond.release();
        await(sleep(0));
        assertEquals(List.of(1, 2, 3), result);
        assertTrue(cond.locked());
        assertTrue(t1.result() && t2.result() && t3.result());
        return done();
    }

    @Test
    void aSignalledWaiterReturnsOnceItHasTheLockAgain() {
        TestLoop.run(waitAndSignal());
    }

    @Async
    Coroutine<Void> cancelWait() {
        await(cond.acquire());
        Task<Boolean> wait = createTask(cond.waitFor());
        getRunningLoop().callSoon(wait::cancel);
        try {
            await(wait);
            fail("the wait should have been cancelled");
        } catch (CancelledError e) {
            assertTrue(wait.cancelled());
        }
        assertEquals("<Condition [locked]>", cond.toString());
        return done();
    }

    @Test
    void aCancelledWaitLeavesNoWaiterAndHoldsTheLockAgain() {
        TestLoop.run(cancelWait());
    }

    boolean waited;

    @Async
    Coroutine<Void> waitOnCond() {
        try (var held = await(cond.acquire())) {
            waited = true;
            await(cond.waitFor());
        }
        return done();
    }

    @Async
    Coroutine<Void> cancelAfterNotify() {
        Task<Void> waiter = createTask(waitOnCond());
        await(sleep(0));
        await(cond.acquire());
        cond.signal();
        await(sleep(0)); // the waiter now waits for the lock
        waiter.cancel();
        await(sleep(0)); // the cancellation interrupts that wait; it waits for the lock again
        assertFalse(waiter.done());
        cond.release();
        await(sleep(0));
        assertTrue(waiter.cancelled());
        assertTrue(waited);
        assertFalse(cond.locked()); // its try-with-resources released the lock it had taken back
        return done();
    }

    @Test
    void aWaiterCancelledWhileReacquiringTakesTheLockBeforeItLeaves() {
        TestLoop.run(cancelAfterNotify());
    }

    @Async
    Coroutine<String> waitUnacquired() {
        try {
            await(cond.waitFor());
            return result("waited");
        } catch (IllegalStateException e) {
            return result(e.getMessage());
        }
    }

    @Test
    void waitingWithoutTheLockFails() {
        assertEquals("cannot wait on un-acquired lock", TestLoop.run(waitUnacquired()));
    }

    @Async
    Coroutine<Boolean> waitForPredicate() {
        await(cond.acquire());
        if (await(cond.waitFor(() -> presult))) {
            result.add(1);
            cond.release();
        }
        return result(true);
    }

    @Async
    Coroutine<Void> predicate() {
        Task<Boolean> t = createTask(waitForPredicate());
        await(sleep(0));
        assertEquals(List.of(), result);

        await(cond.acquire());
        cond.signal();
        cond.release();
        await(sleep(0));
        assertEquals(List.of(), result); // woken, predicate still false: waits again

        presult = true;
        await(cond.acquire());
        cond.signal();
        cond.release();
        await(sleep(0));
        assertEquals(List.of(1), result);
        assertTrue(t.result());
        return done();
    }

    @Test
    void waitForAPredicateWaitsUntilItHolds() {
        TestLoop.run(predicate());
    }

    @Async
    Coroutine<String> predicateUnacquired() {
        assertTrue(await(cond.waitFor(() -> true))); // true at once: no lock needed
        try {
            await(cond.waitFor(() -> false));
            return result("waited");
        } catch (IllegalStateException e) {
            return result(e.getMessage());
        }
    }

    @Test
    void aPredicateThatHoldsAtOnceNeedsNoLock() {
        assertEquals("cannot wait on un-acquired lock", TestLoop.run(predicateUnacquired()));
    }

    @Async
    Coroutine<Void> signalCounts() {
        Task<Boolean> t1 = createTask(acquireWaitLog(1, true));
        Task<Boolean> t2 = createTask(acquireWaitLog(2, true));
        Task<Boolean> t3 = createTask(acquireWaitLog(3, true));
        await(sleep(0));
        assertEquals(List.of(), result);

        await(cond.acquire());
        cond.signal(1);
        cond.release();
        await(sleep(0));
        assertEquals(List.of(1), result);

        await(cond.acquire());
        cond.signal(1);
        cond.signal(2048);
        cond.release();
        await(sleep(0));
        assertEquals(List.of(1, 2, 3), result);
        assertTrue(t1.result() && t2.result() && t3.result());
        return done();
    }

    @Test
    void signalWakesAtMostNWaiters() {
        TestLoop.run(signalCounts());
    }

    @Async
    Coroutine<Void> signalAll() {
        Task<Boolean> t1 = createTask(acquireWaitLog(1, true));
        Task<Boolean> t2 = createTask(acquireWaitLog(2, true));
        await(sleep(0));
        await(cond.acquire());
        cond.signalAll();
        cond.release();
        await(sleep(0));
        assertEquals(List.of(1, 2), result);
        assertTrue(t1.result() && t2.result());
        return done();
    }

    @Test
    void signalAllWakesEveryWaiterInOrder() {
        TestLoop.run(signalAll());
    }

    @Async
    Coroutine<String> signalUnacquired() {
        List<String> messages = new ArrayList<>();
        try {
            cond.signal();
        } catch (IllegalStateException e) {
            messages.add(e.getMessage());
        }
        try {
            cond.signalAll();
        } catch (IllegalStateException e) {
            messages.add(e.getMessage());
        }
        return result(String.join(" / ", messages));
    }

    @Test
    void signallingWithoutTheLockFails() {
        assertEquals("cannot notify on un-acquired lock / cannot notify on un-acquired lock",
                TestLoop.run(signalUnacquired()));
    }

    @Async
    Coroutine<Void> explicitLock(Lock lock, Condition c) {
        assertSame(lock, c.lock());
        assertFalse(lock.locked());
        try (var held = await(c.acquire())) {
            assertTrue(lock.locked());
            assertTrue(c.locked());
        }
        assertFalse(lock.locked());
        try (var held = await(lock.acquire())) {
            assertTrue(c.locked());
        }
        assertFalse(c.locked());
        return done();
    }

    @Test
    void aConditionMayShareALock() {
        Lock lock = new Lock();
        TestLoop.run(explicitLock(lock, new Condition(lock)));
    }

    @Async
    Coroutine<String> timeoutInBlock() {
        try (Permit held = await(cond.acquire())) {
            try {
                await(waitFor(cond.waitFor(), Duration.ofMillis(500)));
                return result("signalled");
            } catch (AsyncTimeoutException e) {
                return result("timed out @" + getRunningLoop().time() + ", " + cond);
            }
        }
    }

    @Test
    void aTimedOutWaitHoldsTheLockAgain() {
        assertEquals("timed out @0.5, <Condition [locked]>", TestLoop.run(timeoutInBlock()));
    }

    CancelledError raised;

    @Async
    Coroutine<Void> waitForWake() {
        try (var held = await(cond.acquire())) {
            try {
                await(cond.waitFor(() -> state != 0));
            } catch (CancelledError e) {
                raised = e;
                throw e;
            }
        }
        return done();
    }

    @Async
    Coroutine<Void> cancelledErrorWakeup() {
        Task<Void> task = createTask(waitForWake());
        await(sleep(0));
        task.cancel("foo");
        try {
            await(task);
            fail("the task should have been cancelled");
        } catch (CancelledError e) {
            assertEquals("foo", e.getMessage());
            assertSame(raised, e);
        }
        return done();
    }

    @Test
    void aCancellationWhileWaitingForTheSignalComesOutUnchanged() {
        TestLoop.run(cancelledErrorWakeup());
    }

    @Async
    Coroutine<Void> cancelledErrorReacquire() {
        Task<Void> task = createTask(waitForWake());
        await(sleep(0));
        await(cond.acquire());
        state = 1;
        cond.signal();
        await(sleep(0)); // the task now waits for the lock
        task.cancel("foo");
        cond.release();
        try {
            await(task);
            fail("the task should have been cancelled");
        } catch (CancelledError e) {
            assertEquals("foo", e.getMessage());
            assertSame(raised, e);
        }
        assertFalse(cond.locked());
        return done();
    }

    @Test
    void aCancellationWhileReacquiringComesOutUnchanged() {
        TestLoop.run(cancelledErrorReacquire());
    }

    @Async
    Coroutine<String> consumer() {
        try (var held = await(cond.acquire())) {
            while (true) {
                await(cond.waitFor(() -> state != 0));
                if (state < 0) {
                    return result("done");
                }
                state--;
            }
        }
    }

    @Async
    Coroutine<Void> cancelledWakeup(boolean letItRelock) {
        Task<String> c0 = createTask(consumer());
        Task<String> c1 = createTask(consumer());
        await(sleep(0));
        try (var held = await(cond.acquire())) {
            state++;
            cond.signal(1);
            if (letItRelock) {
                await(sleep(0)); // c0 wakes and waits for the lock
            }
            c0.cancel(); // c0 was signalled: its signal must not be lost
            try {
                await(timeout(Duration.ofMillis(10), t -> cond.waitFor(() -> state == 0)));
            } catch (AsyncTimeoutException e) {
                // nobody signals us; we only look at the state afterwards
            }
            assertEquals(0, state, "the item was consumed by c1");
            state = -1;
            cond.signalAll();
        }
        assertEquals("done", await(c1));
        assertTrue(c0.cancelled());
        return done();
    }

    @Test
    void aTaskCancelledAsItIsSignalledPassesTheSignalOn() {
        TestLoop.run(cancelledWakeup(false));
    }

    @Test
    void aTaskCancelledWhileRelockingPassesTheSignalOn() {
        TestLoop.run(cancelledWakeup(true));
    }
}
