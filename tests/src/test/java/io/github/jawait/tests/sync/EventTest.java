package io.github.jawait.tests.sync;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.AsyncTimeoutException;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.Task;
import io.github.jawait.sync.Event;
import io.github.jawait.tests.TestLoop;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * asyncio.Event behaviour beyond CPython's test_locks.EventTests, whose cases run in
 * {@code conformance/LocksConformanceTest}: timed waits, a callback that sets it, the thread check.
 */
class EventTest {
    final Event ev = new Event();

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
