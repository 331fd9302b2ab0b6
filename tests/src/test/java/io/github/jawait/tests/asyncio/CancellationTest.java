package io.github.jawait.tests.asyncio;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gatherSettled;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.Waiter;
import io.github.jawait.sync.Event;
import io.github.jawait.tests.TestLoop;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Task cancellation, after CPython's test_tasks cancel tests and the guide's 任务取消. */
class CancellationTest {
    final Recorder rec = new Recorder();

    @Async
    Coroutine<Void> cancellableTask() {
        try {
            rec.add("Task started");
            await(sleep(10));
            rec.add("Task completed");
        } catch (CancelledError e) {
            rec.add("Task was cancelled");
            throw e;
        }
        return done();
    }

    @Async
    Coroutine<Void> guideMain() {
        Task<Void> task = createTask(cancellableTask());
        await(sleep(1));
        task.cancel();
        try {
            await(task);
        } catch (CancelledError e) {
            rec.add("Main caught cancellation");
        }
        return done();
    }

    @Test
    void theGuidesCancellationExample() {
        TestLoop.run(guideMain());
        assertEquals(List.of("Task started @0.0", "Task was cancelled @1.0", "Main caught cancellation @1.0"), rec.events);
    }

    @Async
    Coroutine<Void> catchesExceptionOnly() {
        try {
            await(sleep(10));
        } catch (Exception e) {
            rec.add("swallowed by catch (Exception)");
        }
        rec.add("kept running");
        return done();
    }

    @Async
    Coroutine<String> cancelErrorIsNotAnException() {
        Task<Void> t = createTask(catchesExceptionOnly());
        await(sleep(1));
        t.cancel("stop it");
        try {
            await(t);
            return result("finished");
        } catch (CancelledError e) {
            return result("cancelled: " + e.getMessage());
        }
    }

    @Test
    void catchExceptionDoesNotSwallowACancellationAndTheMessageArrives() {
        assertEquals("cancelled: stop it", TestLoop.run(cancelErrorIsNotAnException()));
        assertEquals(List.of(), rec.events);
    }

    @Async
    Coroutine<Void> awaitsInFinally() {
        try {
            await(sleep(10));
        } finally {
            rec.add("cleanup starts");
            await(sleep(2));
            rec.add("cleanup ends");
        }
        return done();
    }

    @Async
    Coroutine<String> cancelWithAsyncCleanup() {
        Task<Void> t = createTask(awaitsInFinally());
        await(sleep(1));
        assertTrue(t.cancel());
        assertFalse(t.done());
        assertEquals(1, t.cancelling());
        try {
            await(t);
        } catch (CancelledError e) {
            rec.add("awaiter sees cancellation");
        }
        assertFalse(t.cancel());
        return result(String.valueOf(t.cancelled()));
    }

    @Test
    void aCancelledTaskMayAwaitInItsFinallyBlockAndCancellingAgainDoesNothing() {
        assertEquals("true", TestLoop.run(cancelWithAsyncCleanup()));
        assertEquals(List.of("cleanup starts @1.0", "cleanup ends @3.0", "awaiter sees cancellation @3.0"), rec.events);
    }

    @Async
    Coroutine<Void> manyCancelRequests() {
        Task<Void> t = createTask(awaitsInFinally());
        await(sleep(1));
        for (int i = 0; i < 40_000; i++) {
            assertTrue(t.cancel());
        }
        assertEquals(Short.MAX_VALUE, t.cancelling(), "the count saturates instead of wrapping around");
        assertEquals(Short.MAX_VALUE - 1, t.uncancel());
        try {
            await(t);
        } catch (CancelledError e) {
            rec.add("cancelled");
        }
        assertTrue(t.cancelled());
        return done();
    }

    @Test
    void cancellationRequestsSaturateAt32767() {
        TestLoop.run(manyCancelRequests());
        assertEquals(List.of("cleanup starts @1.0", "cleanup ends @3.0", "cancelled @3.0"), rec.events);
    }

    @Async
    Coroutine<String> cancelBeforeStart() {
        Task<Void> t = createTask(cancellableTask());
        t.cancel();
        try {
            await(t);
        } catch (CancelledError e) {
            rec.add("cancelled before it ran");
        }
        return result(String.valueOf(t.cancelled()));
    }

    @Test
    void aTaskCancelledBeforeItStartsNeverRunsItsBody() {
        assertEquals("true", TestLoop.run(cancelBeforeStart()));
        assertEquals(List.of("cancelled before it ran @0.0"), rec.events);
    }

    @Async
    Coroutine<Void> innermost() {
        try {
            await(sleep(10));
        } finally {
            rec.add("innermost finally");
        }
        return done();
    }

    @Async
    Coroutine<Void> middle() {
        try {
            await(innermost()); // a coroutine awaited inline
        } finally {
            rec.add("middle finally");
        }
        return done();
    }

    @Async
    Coroutine<Void> awaitsATask() {
        Task<Void> inner = createTask(middle(), "inner");
        try {
            await(inner);
        } finally {
            rec.add("outer finally, inner cancelled=" + inner.cancelled());
        }
        return done();
    }

    @Async
    Coroutine<Void> cancelChain() {
        Task<Void> t = createTask(awaitsATask());
        await(sleep(1));
        t.cancel();
        try {
            await(t);
        } catch (CancelledError e) {
            rec.add("done");
        }
        return done();
    }

    @Test
    void cancellationTravelsInwardThroughAwaitedTasksAndCoroutines() {
        TestLoop.run(cancelChain());
        assertEquals(List.of("innermost finally @1.0", "middle finally @1.0", "outer finally, inner cancelled=true @1.0", "done @1.0"), rec.events);
    }

    @Async
    Coroutine<Void> selfCancel() {
        Asyncio_currentTaskCancel();
        rec.add("still runs until the next await");
        try {
            await(sleep(1));
        } catch (CancelledError e) {
            rec.add("cancelled at the next await");
            throw e;
        }
        return done();
    }

    private static void Asyncio_currentTaskCancel() {
        io.github.jawait.Asyncio.currentTask().cancel();
    }

    @Async
    Coroutine<String> runSelfCancel() {
        Task<Void> t = createTask(selfCancel());
        try {
            await(t);
        } catch (CancelledError e) {
            return result("cancelled");
        }
        return result("not cancelled");
    }

    @Test
    void aTaskCancellingItselfIsCancelledAtItsNextAwait() {
        assertEquals("cancelled", TestLoop.run(runSelfCancel()));
        assertEquals(List.of("still runs until the next await @0.0", "cancelled at the next await @0.0"), rec.events);
    }

    @Async
    Coroutine<String> uncancel() {
        Task<Void> t = createTask(swallowsAndUncancels());
        await(sleep(1));
        t.cancel();
        await(t);
        return result("finished normally, cancelled=" + t.cancelled());
    }

    @Async
    Coroutine<Void> swallowsAndUncancels() {
        try {
            await(sleep(5));
        } catch (CancelledError e) {
            int left = io.github.jawait.Asyncio.currentTask().uncancel();
            rec.add("uncancelled, " + left + " left");
        }
        await(sleep(1));
        rec.add("went on");
        return done();
    }

    @Test
    void uncancelLetsATaskDeclineACancellation() {
        assertEquals("finished normally, cancelled=false", TestLoop.run(uncancel()));
        assertEquals(List.of("uncancelled, 0 left @1.0", "went on @2.0"), rec.events);
    }

    // ---- a cancellation pending when the awaited thing wakes the task at once ----

    @Async
    Coroutine<String> cancelsItselfThenYields() {
        io.github.jawait.Asyncio.currentTask().cancel("self");
        try {
            await(sleep(0)); // parks and is woken at once: the cancellation must still strike here
        } catch (CancelledError e) {
            rec.add("cancelled at sleep(0): " + e.getMessage());
            throw e;
        }
        rec.add("sleep(0) returned");
        await(sleep(1));
        rec.add("sleep(1) returned");
        return result("finished");
    }

    @Async
    Coroutine<String> runCancelsItselfThenYields() {
        Task<String> t = createTask(cancelsItselfThenYields());
        await(gatherSettled(t));
        return result("cancelled=" + t.cancelled() + " cancelling=" + t.cancelling());
    }

    @Test
    void aTaskCancellingItselfIsCancelledAtASleepZero() {
        assertEquals("cancelled=true cancelling=1", TestLoop.run(runCancelsItselfThenYields()));
        assertEquals(List.of("cancelled at sleep(0): self @0.0"), rec.events);
    }

    @Async
    Coroutine<String> wokenThenYields(Waiter<String> w) {
        rec.add("woken with " + await(w));
        try {
            await(sleep(0));
        } catch (CancelledError c) {
            rec.add("cancelled at the yield after the wake-up");
            throw c;
        }
        rec.add("yield returned");
        return result("finished");
    }

    @Async
    Coroutine<String> cancelAWokenTaskWhoseNextAwaitIsAYield() {
        Waiter<String> w = new Waiter<>(null);
        Task<String> t = createTask(wokenThenYields(w));
        await(sleep(0));
        w.wake("item"); // t is woken: a Waiter's value is kept (the primitives give theirs back)
        t.cancel();     // before t runs: the cancellation moves to t's next await, a sleep(0)
        await(gatherSettled(t));
        return result("cancelled=" + t.cancelled());
    }

    @Test
    void aCancellationDeferredByAWakeUpStrikesAtTheNextAwaitEvenASleepZero() {
        assertEquals("cancelled=true", TestLoop.run(cancelAWokenTaskWhoseNextAwaitIsAYield()));
        assertEquals(List.of("woken with item @0.0", "cancelled at the yield after the wake-up @0.0"), rec.events);
    }

    @Async
    Coroutine<String> cancelAFinishedCoroutineBeforeItsTaskStarts() {
        Task<Integer> t = createTask(result(5));
        assertTrue(t.cancel("too late to care"));
        await(gatherSettled(t));
        CancelledError e = org.junit.jupiter.api.Assertions.assertThrows(CancelledError.class, t::result);
        return result("cancelled=" + t.cancelled() + " message=" + e.getMessage());
    }

    @Test
    void aTaskOfAFinishedCoroutineCancelledBeforeItStartsIsCancelled() {
        // asyncio: a task cancelled before its first step is cancelled, whatever its coroutine
        assertEquals("cancelled=true message=too late to care", TestLoop.run(cancelAFinishedCoroutineBeforeItsTaskStarts()));
    }

    @Async
    Coroutine<Void> countsCancellations() {
        try {
            await(sleep(5));
        } catch (CancelledError e) {
            Task<?> me = io.github.jawait.Asyncio.currentTask();
            rec.add("cancelled once, cancelling=" + me.cancelling() + ", uncancel -> " + me.uncancel());
        }
        await(sleep(1));
        rec.add("slept after declining one of two");
        return done();
    }

    @Async
    Coroutine<String> twoCancelsInOneTurn() {
        Task<Void> t = createTask(countsCancellations());
        await(sleep(1));
        assertTrue(t.cancel());
        assertTrue(t.cancel());
        assertEquals(2, t.cancelling());
        await(t);
        return result("cancelled=" + t.cancelled() + " cancelling=" + t.cancelling());
    }

    @Test
    void twoCancellationsBeforeTheTaskRunsThrowOneCancelledErrorAndCountTwo() {
        // as asyncio: one CancelledError, cancelling() == 2; one uncancel() leaves 1, no more throws
        assertEquals("cancelled=false cancelling=1", TestLoop.run(twoCancelsInOneTurn()));
        assertEquals(List.of("cancelled once, cancelling=2, uncancel -> 1 @1.0",
                "slept after declining one of two @2.0"), rec.events);
    }
}
