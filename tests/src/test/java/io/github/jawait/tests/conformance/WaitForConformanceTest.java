package io.github.jawait.tests.conformance;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
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
import io.github.jawait.AsyncTimeoutException;
import io.github.jawait.Asyncio;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.VirtualClock;
import io.github.jawait.Waiter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CPython's {@code Lib/test/test_asyncio/test_waitfor.py}, case by case, on the virtual clock.
 * {@code asyncio.wait_for(aw, t)} is {@code waitFor(aw, Duration)}; {@code TimeoutError} is
 * {@link AsyncTimeoutException}, whose cause is the {@code CancelledError} CPython chains as
 * {@code __context__}; a bare future is a {@link Waiter}. {@code SlowTask}, which measures
 * {@code time.monotonic()}, measures the loop's virtual time here.
 *
 * <p>Every case of the file is ported.
 */
class WaitForConformanceTest {
    static final double EPSILON = 0.0001;
    final VirtualClock clock = new VirtualClock();
    boolean fooRunning;
    boolean fooStarted;
    boolean taskDone;

    static double now() {
        return getRunningLoop().time();
    }

    /** Runs for TASK_TIMEOUT of loop time, ignoring cancellation requests. */
    static final class SlowTask {
        static final double TASK_TIMEOUT = 0.2;
        boolean exited;

        @Async
        Coroutine<Void> run() {
            double exitAt = now() + TASK_TIMEOUT;
            while (true) {
                double toSleep = exitAt - now();
                if (toSleep <= 0) {
                    break;
                }
                try {
                    await(sleep(toSleep));
                } catch (CancelledError ignored) {
                    // keeps running
                }
            }
            exited = true;
            return done();
        }
    }

    // test_waitfor.py: test_asyncio_wait_for_cancelled
    @Async
    Coroutine<Void> waitForCancelled() {
        SlowTask t = new SlowTask();
        Task<Void> waitForTask = createTask(waitFor(t.run(), Duration.ofMillis((long) (SlowTask.TASK_TIMEOUT * 2000))));
        await(sleep(0));
        waitForTask.cancel();
        await(Asyncio.wait(List.of(waitForTask)));
        assertTrue(t.exited);
        return done();
    }

    @Test
    void test_asyncio_wait_for_cancelled() {
        Conformance.run(clock, waitForCancelled());
    }

    // test_waitfor.py: test_asyncio_wait_for_timeout
    @Async
    Coroutine<Void> waitForTimeout() {
        SlowTask t = new SlowTask();
        try {
            await(waitFor(t.run(), Duration.ofMillis((long) (SlowTask.TASK_TIMEOUT * 500))));
        } catch (AsyncTimeoutException expected) {
            // the slow task ignored the cancellation and ran on
        }
        assertTrue(t.exited);
        return done();
    }

    @Test
    void test_asyncio_wait_for_timeout() {
        Conformance.run(clock, waitForTimeout());
    }

    // test_waitfor.py: test_wait_for_timeout_less_then_0_or_0_future_done
    @Async
    Coroutine<Void> timeoutZeroFutureDone() {
        Waiter<String> fut = new Waiter<>(null);
        fut.wake("done");
        double t0 = now();
        String ret = await(waitFor(fut, Duration.ZERO));
        double t1 = now();
        assertEquals("done", ret);
        assertTrue(fut.isDone());
        assertTrue(t1 - t0 < 0.1);
        return done();
    }

    @Test
    void test_wait_for_timeout_less_then_0_or_0_future_done() {
        Conformance.run(clock, timeoutZeroFutureDone());
    }

    // test_waitfor.py: test_wait_for_timeout_less_then_0_or_0_coroutine_do_not_started
    // (issue 13, item 3)
    @Async
    Coroutine<String> foo() {
        fooStarted = true;
        return result("foo");
    }

    @Async
    Coroutine<Void> timeoutZeroCoroutineNotStarted(Duration timeout) {
        double t0 = now();
        try {
            await(waitFor(foo(), timeout));
            fail("TimeoutError not raised");
        } catch (AsyncTimeoutException expected) {
            // at once
        }
        double t1 = now();
        assertFalse(fooStarted);
        assertTrue(t1 - t0 < 0.1);
        return done();
    }

    @Test
    void test_wait_for_timeout_less_then_0_or_0_coroutine_do_not_started() {
        Conformance.run(clock, timeoutZeroCoroutineNotStarted(Duration.ZERO));
        Conformance.run(new VirtualClock(), timeoutZeroCoroutineNotStarted(Duration.ofSeconds(-1)));
    }

    // test_waitfor.py: test_wait_for_timeout_less_then_0_or_0
    @Async
    Coroutine<String> fooRuns(Waiter<Void> started) {
        fooRunning = true;
        started.wake(null);
        try {
            await(sleep(10));
        } finally {
            fooRunning = false;
        }
        return result("done");
    }

    @Async
    Coroutine<Void> timeoutZeroOnRunningTask(Duration timeout) {
        Waiter<Void> started = new Waiter<>(null);
        Task<String> fut = createTask(fooRuns(started));
        await(started);
        double t0 = now();
        try {
            await(waitFor(fut, timeout));
            fail("TimeoutError not raised");
        } catch (AsyncTimeoutException expected) {
            // the running task was cancelled and waited for
        }
        double t1 = now();
        assertTrue(fut.done());
        assertTrue(fut.cancelled());
        assertFalse(fooRunning);
        assertTrue(t1 - t0 < 0.1);
        return done();
    }

    @Test
    void test_wait_for_timeout_less_then_0_or_0() {
        Conformance.run(clock, timeoutZeroOnRunningTask(Duration.ZERO));
        Conformance.run(new VirtualClock(), timeoutZeroOnRunningTask(Duration.ofSeconds(-1)));
    }

    // test_waitfor.py: test_wait_for
    @Async
    Coroutine<String> fooSleeps() {
        fooRunning = true;
        try {
            await(sleep(10));
        } finally {
            fooRunning = false;
        }
        return result("done");
    }

    @Async
    Coroutine<Void> waitForTask() {
        Task<String> fut = createTask(fooSleeps());
        double t0 = now();
        try {
            await(waitFor(fut, Duration.ofMillis(100)));
            fail("TimeoutError not raised");
        } catch (AsyncTimeoutException expected) {
            // after 0.1 s
        }
        double t1 = now();
        assertTrue(fut.done());
        assertTrue(fut.cancelled());
        assertTrue(t1 - t0 < 0.5);
        assertEquals(0.1, t1 - t0, 1e-9);
        assertFalse(fooRunning);
        return done();
    }

    @Test
    void test_wait_for() {
        Conformance.run(clock, waitForTask());
    }

    // test_waitfor.py: test_wait_for_blocking
    @Async
    Coroutine<String> doneCoro() {
        return result("done");
    }

    @Test
    void test_wait_for_blocking() {
        assertEquals("done", Conformance.run(clock, waitFor(doneCoro(), null)));
    }

    // test_waitfor.py: test_wait_for_race_condition
    @Async
    Coroutine<String> raceCondition() {
        Waiter<String> fut = new Waiter<>(null);
        Coroutine<String> task = waitFor(fut, Duration.ofMillis(200));
        getRunningLoop().callLater(Duration.ofMillis(100), () -> fut.wake("ok"));
        return result(await(task));
    }

    @Test
    void test_wait_for_race_condition() {
        assertEquals("ok", Conformance.run(clock, raceCondition()));
    }

    // test_waitfor.py: test_wait_for_cancellation_race_condition
    @Async
    Coroutine<Integer> innerCancelledReturns1() {
        try {
            await(sleep(1));
            fail("not cancelled");
        } catch (CancelledError expected) {
            // the timeout's cancellation
        }
        return result(1);
    }

    @Test
    void test_wait_for_cancellation_race_condition() {
        assertEquals(1, Conformance.run(clock, waitFor(innerCancelledReturns1(), Duration.ofMillis(10))));
    }

    // test_waitfor.py: test_wait_for_waits_for_task_cancellation
    @Async
    Coroutine<Void> innerSlowCancel() {
        try {
            await(sleep(10));
        } catch (CancelledError e) {
            await(sleep(EPSILON));
            throw e;
        } finally {
            taskDone = true;
        }
        return done();
    }

    @Async
    Coroutine<Throwable> waitsForTaskCancellation() {
        Task<Void> innerTask = createTask(innerSlowCancel());
        try {
            await(waitFor(innerTask, Duration.ofNanos((long) (EPSILON * 1e9))));
            fail("TimeoutError not raised");
        } catch (AsyncTimeoutException e) {
            assertTrue(taskDone);
            return result(e.getCause());
        }
        return result(null);
    }

    @Test
    void test_wait_for_waits_for_task_cancellation() {
        assertInstanceOf(CancelledError.class, Conformance.run(clock, waitsForTaskCancellation()));
    }

    // test_waitfor.py: test_wait_for_waits_for_task_cancellation_w_timeout_0
    @Async
    Coroutine<Void> fooTimeout0() {
        Task<Void> innerTask = createTask(innerSlowCancel());
        await(sleep(EPSILON));
        await(waitFor(innerTask, Duration.ZERO));
        return done();
    }

    @Async
    Coroutine<Throwable> waitsForTaskCancellationTimeout0() {
        try {
            await(fooTimeout0());
            fail("TimeoutError not raised");
        } catch (AsyncTimeoutException e) {
            assertTrue(taskDone);
            return result(e.getCause());
        }
        return result(null);
    }

    @Test
    void test_wait_for_waits_for_task_cancellation_w_timeout_0() {
        assertInstanceOf(CancelledError.class, Conformance.run(clock, waitsForTaskCancellationTimeout0()));
    }

    // test_waitfor.py: test_wait_for_reraises_exception_during_cancellation
    static final class FooException extends RuntimeException {
    }

    @Async
    Coroutine<Void> innerRaisesInFinally() {
        try {
            await(sleep(0.2));
        } finally {
            throw new FooException();
        }
    }

    @Async
    Coroutine<Void> reraisesDuringCancellation() {
        Task<Void> innerTask = createTask(innerRaisesInFinally());
        await(waitFor(innerTask, Duration.ofNanos((long) (EPSILON * 1e9))));
        return done();
    }

    @Test
    void test_wait_for_reraises_exception_during_cancellation() {
        assertThrows(FooException.class, () -> Conformance.run(clock, reraisesDuringCancellation()));
    }

    // test_waitfor.py: test_wait_for_self_cancellation
    @Async
    Coroutine<Integer> innerHoldsUpCancellation() {
        try {
            await(sleep(0.3));
        } catch (CancelledError e) {
            try {
                await(sleep(0.3));
            } catch (CancelledError e2) {
                await(sleep(0.3));
            }
        }
        return result(42);
    }

    @Async
    Coroutine<Void> selfCancellation() {
        Task<Integer> innerTask = createTask(innerHoldsUpCancellation());
        Coroutine<Integer> wait = waitFor(innerTask, Duration.ofMillis(100));
        Task<Integer> task = createTask(wait);
        task.cancel();
        try {
            await(task);
            fail("not cancelled");
        } catch (CancelledError expected) {
            // waitFor itself is cancellable
        }
        assertEquals(42, await(innerTask));
        return done();
    }

    @Test
    void test_wait_for_self_cancellation() {
        Conformance.run(clock, selfCancellation());
    }

    // test_waitfor.py: test_cancel_blocking_wait_for and test_cancel_wait_for
    @Async
    Coroutine<Void> blockingCoroutine() {
        await(new Waiter<Void>(null)); // never woken
        return done();
    }

    @Async
    Coroutine<Void> cancelWaitFor(Duration timeout) {
        Task<Void> task = createTask(blockingCoroutine());
        Task<Void> wait = createTask(waitFor(task, timeout));
        getRunningLoop().callSoon(wait::cancel);
        try {
            await(wait);
            fail("not cancelled");
        } catch (CancelledError expected) {
            // cancelled
        }
        assertTrue(task.cancelled(), "cancelling the wait cancels the task (bpo-23219)");
        return done();
    }

    @Test
    void test_cancel_blocking_wait_for() {
        Conformance.run(clock, cancelWaitFor(null));
    }

    @Test
    void test_cancel_wait_for() {
        Conformance.run(clock, cancelWaitFor(Duration.ofSeconds(60)));
    }

    // test_waitfor.py: test_wait_for_cancel_suppressed
    @Async
    Coroutine<Integer> return42() {
        try {
            await(sleep(10));
        } catch (CancelledError e) {
            return result(42);
        }
        return result(0);
    }

    @Test
    void test_wait_for_cancel_suppressed() {
        assertEquals(42, Conformance.run(clock, waitFor(return42(), Duration.ofMillis(100))));
    }

    // test_waitfor.py: test_wait_for_issue86296
    boolean reachedEnd;

    @Async
    Coroutine<Void> nothing() {
        return done();
    }

    @Async
    Coroutine<Void> waitForCoro() {
        await(waitFor(nothing(), Duration.ofSeconds(100)));
        await(sleep(1));
        reachedEnd = true;
        return done();
    }

    @Async
    Coroutine<Void> issue86296() {
        Task<Void> task = createTask(waitForCoro());
        await(sleep(0));
        assertFalse(task.done());
        task.cancel();
        try {
            await(task);
            fail("not cancelled");
        } catch (CancelledError expected) {
            // cancelled at the sleep
        }
        assertFalse(reachedEnd);
        return done();
    }

    @Test
    void test_wait_for_issue86296() {
        Conformance.run(clock, issue86296());
    }
}
