package io.github.jawait.tests.conformance;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.currentTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Awaitable;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.ExternalFuture;
import io.github.jawait.Task;
import io.github.jawait.TimerHandle;
import io.github.jawait.VirtualClock;
import io.github.jawait.Waiter;
import io.github.jawait.tests.asyncio.LogCapture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cancellation cases of CPython's {@code Lib/test/test_asyncio/test_tasks.py}
 * ({@code BaseTaskTests}) that {@link TasksConformanceTest} did not port, on the virtual clock. A
 * bare future whose cancellation the case checks is an {@link ExternalFuture} (cancelling a task
 * awaiting it cancels it, as asyncio cancels an awaited future); one that is only set is a
 * {@link Waiter}. Python's implicit exception context ({@code __context__}) is Java's cause when the
 * code chains explicitly ({@code raise X from e} / {@code new X(msg, e)}).
 *
 * <p>Not ported: the {@code repr} checks inside {@code test_cancelling}, and
 * {@code test_cancel_traceback_for_future_result} / {@code _exception} (traceback text; the async
 * stack traces are the diagnostics tests' subject).
 */
class CancellationConformanceTest {
    final VirtualClock clock = new VirtualClock();

    <T> T run(Coroutine<T> c) {
        return Conformance.run(clock, c);
    }

    @Async
    static <T> Coroutine<T> awaitIt(Awaitable<T> aw) {
        return result(await(aw));
    }

    @Async
    static Coroutine<Void> sleeps(double seconds) {
        await(sleep(seconds));
        return done();
    }

    // test_tasks.py: test_cancelling — each request counts, and cancel() says yes to each
    @Test
    void test_cancelling() {
        try (EventLoop loop = new EventLoop(clock)) {
            Task<Void> t = loop.createTask(sleeps(10));
            assertEquals(0, t.cancelling());
            assertTrue(t.cancel());
            assertEquals(1, t.cancelling());
            assertTrue(t.cancel()); // asyncio 3.11+: a second request is accepted too
            assertEquals(2, t.cancelling());
            assertThrows(CancelledError.class, () -> loop.runUntilComplete(awaitIt(t)));
            assertTrue(t.cancelled());
            assertEquals(0.0, loop.time(), 1e-9); // the sleep never ran
        }
    }

    // test_tasks.py: test_uncancel_structured_blocks — a timeout written by hand with callLater,
    // cancel() and uncancel(): the block is cancelled, the code after it runs uncancelled
    static final class TimeoutError extends RuntimeException {
        TimeoutError() {
            super("timed out");
        }
    }

    @Async
    static Coroutine<boolean[]> makeRequestWithTimeout(double sleepFor, double timeout) {
        Task<?> task = currentTask();
        EventLoop loop = getRunningLoop();
        boolean[] flags = new boolean[3]; // timed out, structured block finished, outer code reached
        TimerHandle timeoutHandle = loop.callLater(Duration.ofMillis(Math.round(timeout * 1000)), () -> {
            flags[0] = true;
            task.cancel();
        });
        try {
            Throwable raised = null;
            try {
                // structured block affected by the timeout
                await(sleep(sleepFor));
                flags[1] = true;
            } catch (Throwable e) {
                raised = e;
                throw e;
            } finally {
                timeoutHandle.cancel();
                // CPython's five rules, in its order: our flag, then uncancel(), then the type
                if (flags[0] && task.uncancel() == 0 && raised instanceof CancelledError) {
                    throw new TimeoutError();
                }
            }
        } catch (TimeoutError e) {
            assertTrue(flags[0]);
        }
        // outer code, not affected by the timeout
        flags[2] = true;
        await(sleep(0));
        return result(flags);
    }

    @Test
    void test_uncancel_structured_blocks() {
        try (EventLoop loop = new EventLoop(clock)) {
            Task<boolean[]> t1 = loop.createTask(makeRequestWithTimeout(10.0, 0.1));
            assertArrayEquals(new boolean[] {true, false, true}, loop.runUntilComplete(awaitIt(t1)));
            assertEquals(0, t1.cancelling()); // no cancellation of the task is pending
            assertEquals(0.1, loop.time(), 1e-9);

            Task<boolean[]> t2 = loop.createTask(makeRequestWithTimeout(0, 10.0));
            assertArrayEquals(new boolean[] {false, true, true}, loop.runUntilComplete(awaitIt(t2)));
            assertEquals(0, t2.cancelling());
        }
    }

    // test_tasks.py: test_cancel_with_message_then_future_exception — exception() of a task
    // cancelled with a message raises the CancelledError carrying it, chained to nothing
    @Async
    Coroutine<Void> cancelWithMessageThenException(Object message) {
        Task<Void> task = createTask(sleeps(10));
        await(sleep(0));
        task.cancel(message);
        await(Asyncio.wait(List.of(task)));
        task.exception();
        return done();
    }

    @Test
    void test_cancel_with_message_then_future_exception() {
        CancelledError none = assertThrows(CancelledError.class, () -> run(cancelWithMessageThenException(null)));
        assertNull(none.messageObject());
        assertNull(none.getMessage());
        assertNull(none.getCause());
        CancelledError text = assertThrows(CancelledError.class,
                () -> Conformance.run(new VirtualClock(), cancelWithMessageThenException("my message")));
        assertEquals("my message", text.getMessage());
        assertNull(text.getCause());
        CancelledError five = assertThrows(CancelledError.class,
                () -> Conformance.run(new VirtualClock(), cancelWithMessageThenException(5)));
        assertEquals(5, five.messageObject()); // non-string values round-trip
        assertNull(five.getCause());
    }

    // test_tasks.py: test_cancellation_exception_context — a CancelledError caught and chained
    // into another exception keeps the cancel message, one link down
    @Async
    static Coroutine<Void> setsThenSleeps(Waiter<Void> fut) {
        fut.wake(null);
        await(sleep(10));
        return done();
    }

    @Async
    static Coroutine<Void> cancelsInnerThenChains() {
        Waiter<Void> fut = new Waiter<>(null);
        Task<Void> innerTask = createTask(setsThenSleeps(fut));
        await(fut);
        getRunningLoop().callSoon(() -> innerTask.cancel("msg"));
        try {
            await(innerTask);
        } catch (CancelledError ex) {
            throw new IllegalArgumentException("cancelled", ex);
        }
        return done();
    }

    @Test
    void test_cancellation_exception_context() {
        IllegalArgumentException exc = assertThrows(IllegalArgumentException.class, () -> run(cancelsInnerThenChains()));
        assertEquals("cancelled", exc.getMessage());
        CancelledError inner = (CancelledError) exc.getCause();
        assertEquals("msg", inner.getMessage());
        assertNull(inner.getCause()); // depth 1: nothing further down
    }

    // test_tasks.py: test_task_cancel_waiter_future — cancelling a task cancels the future it awaits
    @Async
    Coroutine<Void> cancelWaiterFuture() {
        ExternalFuture<Void> fut = ExternalFuture.create();
        Task<Void> task = createTask(awaitIt(fut));
        await(sleep(0));
        task.cancel();
        await(sleep(0));
        try {
            await(task);
            fail("not cancelled");
        } catch (CancelledError expected) {
            // cancelled
        }
        assertTrue(task.cancelled());
        assertTrue(fut.cancelled());
        return done();
    }

    @Test
    void test_task_cancel_waiter_future() {
        run(cancelWaiterFuture());
    }

    // test_tasks.py: test_yield_future_passes_cancel — cancelling outer() cancels inner() cancels waiter
    int proof;

    @Async
    Coroutine<Void> passesInner(ExternalFuture<Void> waiter) {
        try {
            await(waiter);
        } catch (CancelledError e) {
            proof += 1;
            throw e;
        }
        fail("got past the waiter in inner()");
        return done();
    }

    @Async
    Coroutine<Void> passesOuter(ExternalFuture<Void> waiter) {
        try {
            await(passesInner(waiter));
        } catch (CancelledError e) {
            proof += 100; // expect this path
            return done();
        }
        proof += 10;
        return done();
    }

    @Async
    Coroutine<Void> yieldFuturePassesCancel() {
        ExternalFuture<Void> waiter = ExternalFuture.create();
        Task<Void> f = createTask(passesOuter(waiter));
        await(sleep(0));
        f.cancel();
        await(f); // outer() swallowed the cancellation: the task ends normally
        assertEquals(101, proof);
        assertTrue(waiter.cancelled());
        assertFalse(f.cancelled());
        assertEquals(1, f.cancelling()); // the request stays counted (asyncio's cancelling())
        return done();
    }

    @Test
    void test_yield_future_passes_cancel() {
        run(yieldFuturePassesCancel());
    }

    // test_tasks.py: test_tb_logger_not_called_after_cancel — cancel() on a task that already
    // failed returns false, and the caller has thereby looked at it: nothing is logged
    Task<Void> failed;

    @Async
    static Coroutine<Void> raisesTypeError() {
        throw new ClassCastException("TypeError");
    }

    @Async
    Coroutine<Void> cancelsAFailedTask() {
        failed = createTask(raisesTypeError());
        await(sleep(0.05));
        assertTrue(failed.done());
        assertFalse(failed.cancel());
        return done();
    }

    @Test
    void test_tb_logger_not_called_after_cancel() {
        try (LogCapture log = new LogCapture()) {
            run(cancelsAFailedTask());
            assertEquals(List.of(), log.records);
        }
        assertSame(ClassCastException.class, assertThrows(ClassCastException.class, failed::result).getClass());
    }
}
