package io.github.jawait.tests.sync;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.jawait.Async;
import io.github.jawait.AsyncTimeoutException;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.Task;
import io.github.jawait.sync.Event;
import io.github.jawait.tests.TestLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** asyncio.Event semantics, after CPython's test_locks.EventTests. */
class EventTest {
    final Event ev = new Event();
    final List<Integer> result = new ArrayList<>();

    @Async
    Coroutine<Boolean> waitAndLog(int n) {
        if (await(ev.waitFor())) {
            result.add(n);
        }
        return result(true);
    }

    @Async
    Coroutine<Void> wakesEveryWaiter() {
        assertFalse(ev.isSet());
        Task<Boolean> t1 = createTask(waitAndLog(1));
        Task<Boolean> t2 = createTask(waitAndLog(2));
        await(sleep(0));
        assertEquals(List.of(), result);
        assertEquals("<Event [unset, waiters:2]>", ev.toString());
        Task<Boolean> t3 = createTask(waitAndLog(3));
        ev.set();
        await(sleep(0));
        // t3 had not started when the event was set: it finds it set and runs first, as in asyncio
        assertEquals(List.of(3, 1, 2), result);
        assertTrue(t1.result() && t2.result() && t3.result());
        assertEquals("<Event [set]>", ev.toString());
        return done();
    }

    @Test
    void setWakesEveryWaiterInOrder() {
        TestLoop.run(wakesEveryWaiter());
    }

    @Async
    Coroutine<Boolean> waitOnSet() {
        ev.set();
        return result(await(ev.waitFor()));
    }

    @Test
    void waitingForASetEventReturnsAtOnce() {
        assertTrue(TestLoop.run(waitOnSet()));
    }

    @Async
    Coroutine<String> cancelWait() {
        Task<Boolean> wait = createTask(ev.waitFor());
        getRunningLoop().callSoon(wait::cancel);
        try {
            await(wait);
            fail("the wait should have been cancelled");
        } catch (CancelledError e) {
            assertTrue(wait.cancelled());
        }
        return result(ev.toString());
    }

    @Test
    void aCancelledWaitLeavesNoWaiterBehind() {
        assertEquals("<Event [unset]>", TestLoop.run(cancelWait()));
    }

    @Async
    Coroutine<Void> clearWithWaiters() {
        Task<Boolean> t = createTask(waitAndLog(1));
        await(sleep(0));
        ev.set();
        ev.clear();
        assertFalse(ev.isSet());
        ev.set();
        ev.set();
        await(sleep(0));
        assertEquals(List.of(1), result);
        assertTrue(t.done());
        assertTrue(t.result());
        ev.clear();
        assertFalse(ev.isSet());
        return done();
    }

    @Test
    void aWaiterWokenBySetReturnsEvenIfTheEventIsClearedAgain() {
        TestLoop.run(clearWithWaiters());
    }

    @Async
    Coroutine<String> timedWait() {
        try {
            await(waitFor(ev.waitFor(), Duration.ofSeconds(2)));
            return result("set");
        } catch (AsyncTimeoutException e) {
            return result(ev + " @" + getRunningLoop().time());
        }
    }

    @Test
    void aTimedOutWaitLeavesNoWaiterBehind() {
        assertEquals("<Event [unset]> @2.0", TestLoop.run(timedWait()));
    }

    @Async
    Coroutine<String> setLater() {
        getRunningLoop().callLater(Duration.ofSeconds(3), ev::set);
        await(ev.waitFor());
        return result("woken @" + getRunningLoop().time());
    }

    @Test
    void aCallbackMaySetTheEvent() {
        assertEquals("woken @3.0", TestLoop.run(setLater()));
    }

    @Async
    Coroutine<String> setFromAnotherThread() {
        EventLoop loop = getRunningLoop();
        Task<Boolean> waiting = createTask(ev.waitFor());
        await(sleep(0));
        Throwable error = Threads.runOn("setter", ev::set);
        assertFalse(ev.isSet());
        assertNull(Threads.runOn("poster", () -> loop.callSoonThreadsafe(ev::set))); // the right way
        assertTrue(await(waiting));
        return result(error.getClass().getSimpleName() + ": " + error.getMessage());
    }

    @Test
    void setFromAnotherThreadFailsButCallSoonThreadsafeWorks() {
        String message = TestLoop.run(setFromAnotherThread());
        assertTrue(message.startsWith("IllegalStateException: Event.set() called from thread 'setter', but this Event belongs to"
                + " the event loop of thread '"), message);
    }
}
