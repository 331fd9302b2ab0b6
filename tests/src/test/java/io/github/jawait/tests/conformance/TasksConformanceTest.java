package io.github.jawait.tests.conformance;

import static io.github.jawait.Asyncio.asCompleted;
import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.currentTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.gatherSettled;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.shield;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.jawait.Async;
import io.github.jawait.AsyncTimeoutException;
import io.github.jawait.Asyncio;
import io.github.jawait.Awaitable;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.Done;
import io.github.jawait.EventLoop;
import io.github.jawait.Outcome;
import io.github.jawait.ReturnWhen;
import io.github.jawait.Task;
import io.github.jawait.VirtualClock;
import io.github.jawait.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The cancellation, wait, as_completed, sleep, gather and shield parts of CPython's
 * {@code Lib/test/test_asyncio/test_tasks.py}, case by case, on the virtual clock. A bare
 * future is a {@link Waiter} ({@code set_result} is {@code wake}, {@code set_exception} and
 * {@code cancel} are {@code fail}); {@code test_utils.run_briefly} is {@code sleep(0)}.
 *
 * <p>Not ported, Python mechanics: the {@code repr} and {@code _fut_waiter} white-box checks
 * inside the ported cases, {@code test_cancel_traceback_for_future_result} /
 * {@code _exception} (traceback text), {@code test_log_traceback}, {@code test_task_set_methods}
 * (a task refusing {@code set_result}: jawait's {@code Task} has no such method),
 * {@code test_step_result_future} (a Future subclass), {@code test_as_completed_same_tasks_in_as_out}
 * and the {@code async for} halves of the as_completed cases (jawait's asCompleted has no
 * async iterator form), {@code test_as_completed_coroutine_without_loop} (no running loop:
 * jawait fails the same way in every factory), {@code test_sleep_cancel} (patches
 * {@code loop.call_later}).
 *
 * <p>{@link TasksMoreConformanceTest} ports the construction, naming, context, current-task,
 * {@code test_gather_shield} and
 * {@code test_wait_with_iterator_of_tasks} cases; {@link EagerTaskFactoryConformanceTest} the
 * eager ones; {@link CancellationConformanceTest} the remaining cancellation cases,
 * {@link ShieldConformanceTest} the shield cases that cancel the outer future,
 * {@link GatherTestsBase} with {@link FutureGatherConformanceTest} and
 * {@link CoroutineGatherConformanceTest} the gather classes,
 * {@link RunCoroutineThreadsafeConformanceTest} the {@code run_coroutine_threadsafe} family.
 */
class TasksConformanceTest {
    final VirtualClock clock = new VirtualClock();

    <T> T run(Coroutine<T> c) {
        return Conformance.run(clock, c);
    }

    static double now() {
        return getRunningLoop().time();
    }

    @Async
    Coroutine<Integer> sleeps(double seconds, int value) {
        await(sleep(seconds));
        return result(value);
    }

    @Async
    <T> Coroutine<T> awaitIt(Awaitable<T> aw) {
        return result(await(aw));
    }

    // ---------------------------------------------------------------- cancellation

    // test_tasks.py: test_cancel
    @Async
    Coroutine<Void> cancel() {
        Task<Integer> t = createTask(sleeps(10, 12));
        getRunningLoop().callSoon(t::cancel);
        try {
            await(t);
            fail("not cancelled");
        } catch (CancelledError expected) {
            // cancelled
        }
        assertTrue(t.done());
        assertTrue(t.cancelled());
        assertFalse(t.cancel());
        return done();
    }

    @Test
    void test_cancel() {
        run(cancel());
    }

    // test_tasks.py: test_cancel_with_message_then_future_result and test_cancel_with_message_before_starting_task
    @Async
    Coroutine<Void> cancelWithMessage(Object message, boolean sleepFirst) {
        Task<Integer> task = createTask(sleeps(10, 0));
        if (sleepFirst) {
            await(sleep(0));
        }
        task.cancel(message);
        await(Asyncio.wait(List.of(task)));
        task.result();
        return done();
    }

    @Test
    void test_cancel_with_message_then_future_result() {
        assertNull(assertThrows(CancelledError.class, () -> run(cancelWithMessage(null, true))).getMessage());
        assertEquals("my message", assertThrows(CancelledError.class, () -> Conformance.run(new VirtualClock(), cancelWithMessage("my message", true))).getMessage());
        // non-string values round-trip: cancel(5) gives a CancelledError carrying 5
        CancelledError five = assertThrows(CancelledError.class, () -> Conformance.run(new VirtualClock(), cancelWithMessage(5, true)));
        assertEquals(5, five.messageObject());
        assertEquals("5", five.getMessage());
        CancelledError none = assertThrows(CancelledError.class, () -> Conformance.run(new VirtualClock(), cancelWithMessage(null, false)));
        assertNull(none.messageObject());
    }

    @Test
    void test_cancel_with_message_before_starting_task() {
        assertEquals("my message", assertThrows(CancelledError.class, () -> run(cancelWithMessage("my message", false))).getMessage());
    }

    // test_tasks.py: test_cancel_yield
    @Async
    Coroutine<Integer> yieldsTwice() {
        await(sleep(0));
        await(sleep(0));
        return result(12);
    }

    @Async
    Coroutine<Void> cancelYield() {
        Task<Integer> t = createTask(yieldsTwice());
        await(sleep(0)); // start the coroutine
        t.cancel();
        try {
            await(t);
            fail("not cancelled");
        } catch (CancelledError expected) {
            // cancelled at its yield
        }
        assertTrue(t.done() && t.cancelled());
        assertFalse(t.cancel());
        return done();
    }

    @Test
    void test_cancel_yield() {
        run(cancelYield());
    }

    // test_tasks.py: test_cancel_inner_future and test_cancel_both_task_and_inner_future
    @Async
    Coroutine<Void> cancelInnerFuture(boolean alsoTask) {
        Waiter<Void> f = new Waiter<>(null);
        Task<Void> t = createTask(awaitIt(f));
        await(sleep(0)); // start the task
        f.fail(new CancelledError());
        if (alsoTask) {
            t.cancel();
        }
        try {
            await(t);
            fail("not cancelled");
        } catch (CancelledError expected) {
            // the inner future's cancellation ends the task cancelled
        }
        assertTrue(f.cancelled());
        assertTrue(t.cancelled());
        return done();
    }

    @Test
    void test_cancel_inner_future() {
        run(cancelInnerFuture(false));
    }

    @Test
    void test_cancel_both_task_and_inner_future() {
        run(cancelInnerFuture(true));
    }

    // test_tasks.py: test_cancel_task_catching
    @Async
    Coroutine<Integer> catching(Waiter<Void> fut1, Waiter<Void> fut2) {
        await(fut1);
        try {
            await(fut2);
        } catch (CancelledError e) {
            return result(42);
        }
        return result(0);
    }

    @Async
    Coroutine<Void> cancelTaskCatching() {
        Waiter<Void> fut1 = new Waiter<>(null);
        Waiter<Void> fut2 = new Waiter<>(null);
        Task<Integer> t = createTask(catching(fut1, fut2));
        await(sleep(0));
        fut1.wake(null);
        await(sleep(0));
        t.cancel();
        assertTrue(fut2.abandoned()); // asyncio: fut2.cancelled()
        assertEquals(42, await(t));
        assertFalse(t.cancelled());
        return done();
    }

    @Test
    void test_cancel_task_catching() {
        run(cancelTaskCatching());
    }

    // test_tasks.py: test_cancel_task_ignoring
    @Async
    Coroutine<Integer> ignoring(Waiter<Void> fut1, Waiter<Void> fut2, Waiter<Integer> fut3) {
        await(fut1);
        try {
            await(fut2);
        } catch (CancelledError ignored) {
            // carries on
        }
        return result(await(fut3));
    }

    @Async
    Coroutine<Void> cancelTaskIgnoring() {
        Waiter<Void> fut1 = new Waiter<>(null);
        Waiter<Void> fut2 = new Waiter<>(null);
        Waiter<Integer> fut3 = new Waiter<>(null);
        Task<Integer> t = createTask(ignoring(fut1, fut2, fut3));
        await(sleep(0));
        fut1.wake(null);
        await(sleep(0));
        t.cancel();
        assertTrue(fut2.abandoned());
        await(sleep(0));
        fut3.wake(42);
        assertEquals(42, await(t));
        assertFalse(fut3.cancelled());
        assertFalse(t.cancelled());
        return done();
    }

    @Test
    void test_cancel_task_ignoring() {
        run(cancelTaskIgnoring());
    }

    // test_tasks.py: test_cancel_current_task
    @Async
    Coroutine<Integer> cancelsItselfThenSleeps() {
        currentTask().cancel();
        await(sleep(100)); // cancelled at once
        return result(12);
    }

    @Test
    void test_cancel_current_task() {
        try (EventLoop loop = new EventLoop(clock)) {
            Task<Integer> t = loop.createTask(cancelsItselfThenSleeps());
            assertFalse(t.cancelled());
            assertThrows(CancelledError.class, () -> loop.runUntilComplete(awaitIt(t)));
            assertTrue(t.done() && t.cancelled());
            assertFalse(t.cancel());
            assertEquals(0.0, loop.time());
        }
    }

    // test_tasks.py: test_cancel_at_end (issue 13, item 4)
    @Async
    Coroutine<Integer> cancelsItselfThenReturns() {
        currentTask().cancel();
        return result(12); // returns right after the cancellation: asyncio cancels it anyway
    }

    @Test
    void test_cancel_at_end() {
        try (EventLoop loop = new EventLoop(clock)) {
            Task<Integer> t = loop.createTask(cancelsItselfThenReturns());
            assertFalse(t.cancelled());
            assertThrows(CancelledError.class, () -> loop.runUntilComplete(awaitIt(t)));
            assertTrue(t.done());
            assertTrue(t.cancelled());
            assertFalse(t.cancel());
        }
    }

    // test_tasks.py: test_cancel_awaited_task (bpo-34872)
    Task<Void> nestedTask;

    @Async
    Coroutine<Void> cancelsItselfThenAwaitsNested(Waiter<Void> fut) {
        nestedTask = createTask(awaitIt(fut));
        await(sleep(0));
        currentTask().cancel();
        await(nestedTask); // cancelled at once, and the nested task with it
        return done();
    }

    @Async
    Coroutine<Void> cancelAwaitedTask() {
        Waiter<Void> fut = new Waiter<>(null);
        Task<Void> task = createTask(cancelsItselfThenAwaitsNested(fut));
        try {
            await(task);
            fail("not cancelled");
        } catch (CancelledError expected) {
            // cancelled
        }
        assertTrue(task.cancelled());
        assertTrue(nestedTask.cancelled());
        assertTrue(fut.abandoned()); // asyncio: fut.cancelled()
        return done();
    }

    @Test
    void test_cancel_awaited_task() {
        run(cancelAwaitedTask());
    }

    // test_tasks.py: test_uncancel_basic
    @Async
    Coroutine<Void> uncancelsOnce() {
        try {
            await(sleep(10));
        } catch (CancelledError e) {
            currentTask().uncancel();
            await(sleep(10));
        }
        return done();
    }

    @Async
    Coroutine<Void> uncancelBasic() {
        Task<Void> t = createTask(uncancelsOnce());
        await(sleep(0.01));
        assertTrue(t.cancel()); // the first sleep
        assertEquals(1, t.cancelling());
        assertFalse(t.cancelled());
        await(sleep(0.01));
        assertEquals(0, t.cancelling()); // after uncancel()
        assertFalse(t.cancelled());
        assertTrue(t.cancel()); // the second sleep
        assertEquals(1, t.cancelling());
        try {
            await(t);
            fail("not cancelled");
        } catch (CancelledError expected) {
            // now it ends
        }
        assertTrue(t.cancelled() && t.done());
        t.uncancel(); // no effect once done
        assertTrue(t.cancelled() && t.done());
        return done();
    }

    @Test
    void test_uncancel_basic() {
        run(uncancelBasic());
    }

    // test_tasks.py: test_uncancel_resets_must_cancel
    @Async
    Coroutine<Integer> awaitsFutThen42(Waiter<Void> fut) {
        await(fut);
        return result(42);
    }

    @Async
    Coroutine<Void> uncancelResetsMustCancel() {
        Waiter<Void> fut = new Waiter<>(null);
        Task<Integer> task = createTask(awaitsFutThen42(fut));
        await(sleep(0)); // the task waits for fut
        fut.wake(null);  // runnable
        task.cancel();
        assertEquals(1, task.cancelling());
        task.uncancel(); // undone
        assertEquals(0, task.cancelling());
        assertEquals(42, await(task));
        return done();
    }

    @Test
    void test_uncancel_resets_must_cancel() {
        run(uncancelResetsMustCancel());
    }

    // test_tasks.py: test_stop_while_run_in_complete (issue 13, item 5)
    int x;

    @Async
    Coroutine<Void> stopsTheLoopAtTwo() {
        while (x < 10) {
            await(sleep(0.1));
            x++;
            if (x == 2) {
                getRunningLoop().stop();
            }
        }
        return done();
    }

    @Test
    void test_stop_while_run_in_complete() {
        try (EventLoop loop = new EventLoop(clock)) {
            Task<Void> t = loop.createTask(stopsTheLoopAtTwo());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(awaitIt(t)));
            assertEquals("Event loop stopped before Future completed.", e.getMessage());
            assertFalse(t.done());
            assertEquals(2, x);
            // CPython's test loop reads 0.3 here (its fake selector advances time once more); the
            // virtual clock only moves when the loop waits, so the turn that stopped is at 0.2
            assertEquals(0.2, loop.time(), 1e-9);
            t.cancel();
            assertThrows(CancelledError.class, () -> loop.runUntilComplete(awaitIt(t)));
        }
    }

    // ---------------------------------------------------------------- wait

    // test_tasks.py: test_wait
    @Async
    Coroutine<Integer> waitBoth(Task<Integer> a, Task<Integer> b) {
        Done<Integer> d = await(Asyncio.wait(List.of(b, a)));
        assertEquals(Set.of(a, b), d.done());
        assertEquals(Set.of(), d.pending());
        return result(42);
    }

    @Async
    Coroutine<Void> waitAll() {
        Task<Integer> a = createTask(sleeps(0.1, 1));
        Task<Integer> b = createTask(sleeps(0.15, 2));
        assertEquals(42, await(createTask(waitBoth(a, b))));
        assertEquals(0.15, now(), 1e-9);
        assertEquals(42, await(createTask(waitBoth(a, b)))); // again: takes no time
        assertEquals(0.15, now(), 1e-9);
        return done();
    }

    @Test
    void test_wait() {
        run(waitAll());
    }

    // test_tasks.py: test_wait_duplicate_coroutines
    @Async
    Coroutine<String> echo(String s) {
        return result(s);
    }

    @Async
    Coroutine<Void> waitDuplicates() {
        Task<String> c = createTask(echo("test"));
        Done<String> d = await(Asyncio.wait(List.of(c, c, createTask(echo("spam")))));
        assertTrue(d.pending().isEmpty());
        Set<String> results = new HashSet<>();
        for (Task<String> t : d.done()) {
            results.add(t.result());
        }
        assertEquals(Set.of("test", "spam"), results);
        return done();
    }

    @Test
    void test_wait_duplicate_coroutines() {
        run(waitDuplicates());
    }

    // test_tasks.py: test_wait_errors
    @Async
    Coroutine<Void> waitErrors() {
        assertThrows(IllegalArgumentException.class, () -> Asyncio.wait(List.<Task<Object>>of()));
        return done();
    }

    @Test
    void test_wait_errors() {
        run(waitErrors());
    }

    // test_tasks.py: test_wait_first_completed
    @Async
    Coroutine<Void> waitFirstCompleted() {
        Task<Integer> a = createTask(sleeps(10, 1));
        Task<Integer> b = createTask(sleeps(0.1, 2));
        Done<Integer> d = await(Asyncio.wait(List.of(b, a), ReturnWhen.FIRST_COMPLETED));
        assertEquals(Set.of(b), d.done());
        assertEquals(Set.of(a), d.pending());
        assertFalse(a.done());
        assertTrue(b.done());
        assertEquals(0.1, now(), 1e-9);
        a.cancel();
        return done();
    }

    @Test
    void test_wait_first_completed() {
        run(waitFirstCompleted());
    }

    // test_tasks.py: test_wait_really_done (issue 13, item 6)
    @Async
    Coroutine<Integer> coro1() {
        await(sleep(0));
        return result(1);
    }

    @Async
    Coroutine<Integer> coro2() {
        await(sleep(0));
        await(sleep(0));
        return result(2);
    }

    @Async
    Coroutine<Void> waitReallyDone() {
        Task<Integer> a = createTask(coro1());
        Task<Integer> b = createTask(coro2());
        Done<Integer> d = await(createTask(awaitIt(Asyncio.wait(List.of(b, a), ReturnWhen.FIRST_COMPLETED))));
        // b finished before the waiting task resumed: it is done, not pending
        assertEquals(Set.of(a, b), d.done());
        assertTrue(a.done() && b.done());
        return done();
    }

    @Test
    void test_wait_really_done() {
        run(waitReallyDone());
    }

    // test_tasks.py: test_wait_first_exception and test_wait_first_exception_in_wait
    @Async
    Coroutine<Integer> raisesAfter(double delay) {
        if (delay > 0) {
            await(sleep(delay));
        }
        throw new ArithmeticException("err");
    }

    @Async
    Coroutine<Void> waitFirstException(double delay) {
        Task<Integer> a = createTask(sleeps(10, 1));
        Task<Integer> b = createTask(raisesAfter(delay));
        Done<Integer> d = await(Asyncio.wait(List.of(b, a), ReturnWhen.FIRST_EXCEPTION));
        assertEquals(Set.of(b), d.done());
        assertEquals(Set.of(a), d.pending());
        assertEquals(delay, now(), 1e-9);
        b.exception();
        a.cancel();
        return done();
    }

    @Test
    void test_wait_first_exception() {
        run(waitFirstException(0));
    }

    @Test
    void test_wait_first_exception_in_wait() {
        run(waitFirstException(0.01));
    }

    // test_tasks.py: test_wait_with_exception
    @Async
    Coroutine<Void> waitWithException() {
        Task<Integer> a = createTask(sleeps(0.1, 1));
        Task<Integer> b = createTask(raisesAfter(0.15));
        Done<Integer> d = await(Asyncio.wait(List.of(b, a)));
        assertEquals(2, d.done().size());
        assertTrue(d.pending().isEmpty());
        int errors = 0;
        for (Task<Integer> t : d.done()) {
            errors += t.exception() != null ? 1 : 0;
        }
        assertEquals(1, errors);
        assertEquals(0.15, now(), 1e-9);
        return done();
    }

    @Test
    void test_wait_with_exception() {
        run(waitWithException());
    }

    // test_tasks.py: test_wait_with_timeout and test_wait_concurrent_complete (issue 13, item 6:
    // a task that finishes at the instant of the timeout is done, not pending)
    @Async
    Coroutine<Void> waitWithTimeout(double timeout) {
        Task<Integer> a = createTask(sleeps(0.1, 1));
        Task<Integer> b = createTask(sleeps(0.15, 2));
        // asyncio.wait is a coroutine: its timer is armed when its task runs, after a's sleep;
        // jawait's Asyncio.wait arms it when called, so the call goes in a task of its own here
        Done<Integer> d = await(createTask(waitIn(List.of(b, a), Duration.ofMillis((long) (timeout * 1000)))));
        assertEquals(Set.of(a), d.done());
        assertEquals(Set.of(b), d.pending());
        assertEquals(timeout, now(), 1e-9);
        b.cancel();
        return done();
    }

    @Async
    Coroutine<Done<Integer>> waitIn(List<Task<Integer>> tasks, Duration timeout) {
        return result(await(Asyncio.wait(tasks, ReturnWhen.ALL_COMPLETED, timeout)));
    }

    @Test
    void test_wait_with_timeout() {
        run(waitWithTimeout(0.11));
    }

    @Test
    void test_wait_concurrent_complete() {
        run(waitWithTimeout(0.1));
    }

    // test_tasks.py: test_wait_generator
    @Async
    Coroutine<Void> waitMany() {
        List<Task<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tasks.add(createTask(echo("v" + i)));
        }
        Done<String> d = await(Asyncio.wait(tasks, ReturnWhen.ALL_COMPLETED));
        assertEquals(10, d.done().size());
        assertEquals(0, d.pending().size());
        return done();
    }

    @Test
    void test_wait_generator() {
        run(waitMany());
    }

    // ---------------------------------------------------------------- as_completed

    // test_tasks.py: test_as_completed
    @Async
    Coroutine<List<Integer>> asCompletedOrder() {
        List<Integer> values = new ArrayList<>();
        for (Awaitable<Integer> f : asCompleted(List.of(sleeps(0.01, 2), sleeps(0.15, 3), sleeps(0.01, 1)), null)) {
            values.add(await(f));
        }
        assertEquals(0.15, now(), 1e-9);
        return result(values);
    }

    @Test
    void test_as_completed() {
        List<Integer> res = run(asCompletedOrder());
        assertEquals(Set.of(1, 2), Set.copyOf(res.subList(0, 2)));
        assertEquals(3, res.get(2));
    }

    // test_tasks.py: test_as_completed_with_timeout
    @Async
    Coroutine<List<Object>> asCompletedWithTimeout() {
        Task<String> a = createTask(sleep(0.1, "a"));
        Task<String> b = createTask(sleep(0.15, "b"));
        List<Object> values = new ArrayList<>();
        for (Awaitable<String> f : asCompleted(List.of(a, b), Duration.ofMillis(120))) {
            try {
                values.add(await(f));
            } catch (AsyncTimeoutException e) {
                values.add(e);
            }
        }
        assertEquals(0.12, now(), 1e-9);
        b.cancel();
        return result(values);
    }

    @Test
    void test_as_completed_with_timeout() {
        List<Object> res = run(asCompletedWithTimeout());
        assertEquals(2, res.size());
        assertEquals("a", res.get(0));
        assertInstanceOf(AsyncTimeoutException.class, res.get(1));
    }

    // test_tasks.py: test_as_completed_with_unused_timeout
    @Async
    Coroutine<Void> asCompletedUnusedTimeout() {
        for (Awaitable<String> f : asCompleted(List.of(sleep(0.01, "a")), Duration.ofSeconds(1))) {
            assertEquals("a", await(f));
        }
        return done();
    }

    @Test
    void test_as_completed_with_unused_timeout() {
        run(asCompletedUnusedTimeout());
    }

    // test_tasks.py: test_as_completed_reverse_wait (issue 13, item 7)
    @Async
    Coroutine<Void> asCompletedReverseWait() {
        List<Awaitable<String>> futs = asCompleted(List.of(sleep(0.05, "a"), sleep(0.10, "b")), null);
        assertEquals(2, futs.size());
        assertEquals("a", await(futs.get(1))); // the first awaited gets the first completion
        assertEquals(0.05, now(), 1e-9);
        assertEquals("b", await(futs.get(0)));
        assertEquals(0.10, now(), 1e-9);
        return done();
    }

    @Test
    void test_as_completed_reverse_wait() {
        run(asCompletedReverseWait());
    }

    // test_tasks.py: test_as_completed_concurrent
    @Async
    Coroutine<Void> asCompletedConcurrent() {
        List<Awaitable<String>> futs = asCompleted(List.of(sleep(0.05, "a"), sleep(0.05, "b")), null);
        assertEquals(2, futs.size());
        List<Task<String>> tasks = new ArrayList<>();
        for (Awaitable<String> f : futs) {
            tasks.add(createTask(awaitIt(f)));
        }
        Done<String> d = await(Asyncio.wait(tasks));
        Set<String> results = new HashSet<>();
        for (Task<String> t : d.done()) {
            results.add(t.result());
        }
        assertEquals(Set.of("a", "b"), results);
        return done();
    }

    @Test
    void test_as_completed_concurrent() {
        run(asCompletedConcurrent());
    }

    // test_tasks.py: test_as_completed_duplicate_coroutines
    @Async
    Coroutine<List<String>> asCompletedDuplicates() {
        List<String> result = new ArrayList<>();
        Coroutine<String> c = echo("ham");
        for (Awaitable<String> f : asCompleted(List.of(c, c, echo("spam")), null)) {
            result.add(await(f));
        }
        return result(result);
    }

    @Test
    void test_as_completed_duplicate_coroutines() {
        List<String> result = run(asCompletedDuplicates());
        assertEquals(Set.of("ham", "spam"), Set.copyOf(result));
        assertEquals(2, result.size());
    }

    // test_tasks.py: test_as_completed_coroutine_use_running_loop
    @Async
    Coroutine<Void> asCompletedOne() {
        List<Awaitable<Integer>> futs = asCompleted(sleeps(0, 42));
        assertEquals(1, futs.size());
        assertEquals(42, await(futs.get(0)));
        return done();
    }

    @Test
    void test_as_completed_coroutine_use_running_loop() {
        run(asCompletedOne());
    }

    // ---------------------------------------------------------------- sleep

    // test_tasks.py: test_sleep (sleep(delay, result))
    @Async
    Coroutine<String> sleeper(double dt, String arg) {
        await(sleep(dt / 2));
        String res = await(sleep(dt / 2, arg));
        return result(res);
    }

    @Test
    void test_sleep() {
        try (EventLoop loop = new EventLoop(clock)) {
            assertEquals("yeah", loop.runUntilComplete(sleeper(0.1, "yeah")));
            assertEquals(0.1, loop.time(), 1e-9);
        }
    }

    // test_tasks.py: test_sleep_when_delay_is_nan
    @Async
    Coroutine<Void> sleepNan() {
        await(sleep(Double.NaN));
        return done();
    }

    @Test
    void test_sleep_when_delay_is_nan() {
        assertThrows(IllegalArgumentException.class, () -> run(sleepNan()));
    }

    // test_tasks.py: test_task_cancel_sleeping_task
    @Async
    Coroutine<String> doit() {
        Task<Integer> sleeper = createTask(sleeps(5000, 0));
        getRunningLoop().callLater(Duration.ofMillis(100), sleeper::cancel);
        try {
            await(sleeper);
        } catch (CancelledError e) {
            return result("cancelled");
        }
        return result("slept in");
    }

    @Test
    void test_task_cancel_sleeping_task() {
        try (EventLoop loop = new EventLoop(clock)) {
            assertEquals("cancelled", loop.runUntilComplete(doit()));
            assertEquals(0.1, loop.time(), 1e-9);
        }
    }

    // ---------------------------------------------------------------- gather

    // test_tasks.py: test_cancel_gather_1 — a cancellation that arrives once every child is done
    // is refused and drops no result (Python issue #26923). asyncio cancels the gathering future
    // itself; a jawait gather is cancelled through the task awaiting it (README, "asyncio.gather"),
    // so the callback cancels that task. asyncio's callback is on the child's future; a Waiter
    // has no done callbacks, so it is on the child task, which settles the gather as it ends
    Task<List<Integer>> gatherTask;
    Boolean cancelResult;

    @Async
    static Coroutine<Integer> childCoro(Waiter<Integer> fut) {
        return result(await(fut));
    }

    @Async
    Coroutine<Void> cancelGather1() {
        Waiter<Integer> fut = new Waiter<>(null);
        Task<Integer> child = createTask(childCoro(fut));
        Awaitable<List<Integer>> gathering = gather(child);
        gatherTask = createTask(awaitIt(gathering));
        await(sleep(0));
        child.addDoneCallback(c -> cancelResult = gatherTask.cancel());
        fut.wake(42); // the callback runs after the child is done
        await(gatherSettled(gatherTask));
        assertEquals(Boolean.FALSE, cancelResult);
        assertFalse(gatherTask.cancelled());
        assertEquals(List.of(42), gatherTask.result());
        assertFalse(child.cancelled());
        assertEquals(List.of(42), await(gathering)); // the gather kept its result too
        return done();
    }

    @Test
    void test_cancel_gather_1() {
        run(cancelGather1());
    }

    // test_tasks.py: test_cancel_gather_2 (issue 13, item 8: the message reaches the awaiter)
    @Async
    Coroutine<Void> gatherLoop() {
        double time = 0;
        while (true) {
            time += 0.05;
            await(gatherSettled(sleep(0.05)));
            if (time > 1) {
                return done();
            }
        }
    }

    @Async
    Coroutine<Void> cancelGather2(String message) {
        Task<Void> qwe = createTask(gatherLoop());
        await(sleep(0.2));
        qwe.cancel(message);
        await(qwe);
        return done();
    }

    @Test
    void test_cancel_gather_2() {
        assertNull(assertThrows(CancelledError.class, () -> run(cancelGather2(null))).getMessage());
        CancelledError e = assertThrows(CancelledError.class, () -> Conformance.run(new VirtualClock(), cancelGather2("my message")));
        assertEquals("my message", e.getMessage());
    }

    // ---------------------------------------------------------------- shield

    // test_tasks.py: test_shield_result and test_shield_shortcut
    @Async
    Coroutine<Void> shieldResult(boolean doneFirst) {
        Waiter<Integer> inner = new Waiter<>(null);
        if (doneFirst) {
            inner.wake(42);
        }
        Awaitable<Integer> outer = shield(inner);
        if (!doneFirst) {
            inner.wake(42);
        }
        assertEquals(42, await(outer));
        return done();
    }

    @Test
    void test_shield_result() {
        run(shieldResult(false));
    }

    @Test
    void test_shield_shortcut() {
        run(shieldResult(true));
    }

    // test_tasks.py: test_shield_exception and test_shield_cancel_inner
    @Async
    Coroutine<Void> shieldException(Throwable error) {
        Waiter<Integer> inner = new Waiter<>(null);
        Task<Integer> outer = createTask(awaitIt(shield(inner)));
        await(sleep(0));
        inner.fail(error);
        await(gatherSettled(outer));
        if (error instanceof CancelledError) {
            assertTrue(outer.cancelled());
        } else {
            assertSame(error, outer.exception());
        }
        return done();
    }

    @Test
    void test_shield_exception() {
        run(shieldException(new IllegalStateException("expected")));
    }

    @Test
    void test_shield_cancel_inner() {
        run(shieldException(new CancelledError()));
    }

    // test_tasks.py: test_shield_effect (cancelling outer() does not affect inner())
    int proof;

    @Async
    Coroutine<Void> innerProof(Waiter<Void> waiter) {
        await(waiter);
        proof += 1;
        return done();
    }

    @Async
    Coroutine<Void> outerProof(Waiter<Void> waiter) {
        await(shield(innerProof(waiter)));
        proof += 100;
        return done();
    }

    @Async
    Coroutine<Void> shieldEffect() {
        Waiter<Void> waiter = new Waiter<>(null);
        Task<Void> f = createTask(outerProof(waiter));
        await(sleep(0));
        f.cancel();
        try {
            await(f);
            fail("not cancelled");
        } catch (CancelledError expected) {
            // outer cancelled
        }
        waiter.wake(null);
        await(sleep(0));
        assertEquals(1, proof);
        return done();
    }

    @Test
    void test_shield_effect() {
        run(shieldEffect());
    }

    // test_tasks.py: test_shield_gather (the awaiter of the shield is cancelled; the gather is not)
    @Async
    Coroutine<Void> shieldGather() {
        Waiter<Integer> child1 = new Waiter<>(null);
        Waiter<Integer> child2 = new Waiter<>(null);
        Task<List<Integer>> parent = createTask(awaitIt(gather(child1, child2)));
        Task<List<Integer>> outer = createTask(awaitIt(shield(parent)));
        await(sleep(0));
        outer.cancel();
        await(sleep(0));
        assertTrue(outer.cancelled());
        child1.wake(1);
        child2.wake(2);
        assertEquals(List.of(1, 2), await(parent));
        return done();
    }

    @Test
    void test_shield_gather() {
        run(shieldGather());
    }
}
