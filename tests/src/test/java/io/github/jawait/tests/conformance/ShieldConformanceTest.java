package io.github.jawait.tests.conformance;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.shield;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.Awaitable;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.Task;
import io.github.jawait.VirtualClock;
import io.github.jawait.Waiter;
import io.github.jawait.tests.asyncio.LogCapture;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shield cases of CPython's {@code Lib/test/test_asyncio/test_tasks.py} that cancel the
 * outer future, on the virtual clock (the others are in {@link TasksConformanceTest}). asyncio's
 * {@code shield(inner)} returns a future that can be cancelled; jawait's returns an awaitable
 * that cannot (README, "asyncio.shield"): what is cancelled is the task awaiting it, here
 * {@code outer}. A failure of the inner work that nobody awaits any more is reported once;
 * asyncio calls the loop's exception handler when the inner future fails, jawait logs it through
 * {@code System.Logger} when the loop closes (it has no exception handler), which is when these
 * cases count the reports.
 *
 * <p>Not ported: the {@code outer._callbacks} white-box check of {@code test_shield_cancel_outer},
 * {@code test_shield_coroutine_without_loop} and {@code test_shield_coroutine_use_global_loop}
 * (no global loop; outside a running loop {@code shield} throws like every factory).
 */
class ShieldConformanceTest {
    final VirtualClock clock = new VirtualClock();

    @Async
    static <T> Coroutine<T> awaitIt(Awaitable<T> aw) {
        return result(await(aw));
    }

    /** Runs {@code c} on a loop of its own and returns the messages logged meanwhile, close included. */
    List<String> logged(Coroutine<Void> c) {
        try (LogCapture log = new LogCapture()) {
            Conformance.run(clock, c);
            return log.records.stream().map(r -> r.getThrown() == null ? r.getMessage() : r.getThrown().getMessage()).toList();
        }
    }

    // test_tasks.py: test_shield_cancel_outer
    @Async
    Coroutine<Void> shieldCancelOuter(int then) {
        Waiter<Integer> inner = new Waiter<>(null);
        Task<Integer> outer = createTask(awaitIt(shield(inner)));
        await(sleep(0));
        assertTrue(outer.cancel());
        await(sleep(0));
        assertTrue(outer.cancelled());
        assertFalse(inner.isDone()); // the inner work is not touched
        assertFalse(inner.abandoned());
        if (then == 1) {
            assertTrue(inner.wake(1)); // test_shield_cancel_outer_result
        } else if (then == 2) {
            assertTrue(inner.fail(new IllegalStateException("foo"))); // test_shield_cancel_outer_exception
        }
        await(sleep(0));
        return done();
    }

    @Test
    void test_shield_cancel_outer() {
        assertEquals(List.of(), logged(shieldCancelOuter(0)));
    }

    // test_tasks.py: test_shield_cancel_outer_result — a result nobody reads is not an error
    @Test
    void test_shield_cancel_outer_result() {
        assertEquals(List.of(), logged(shieldCancelOuter(1)));
    }

    // test_tasks.py: test_shield_cancel_outer_exception — a failure nobody reads is reported once
    @Test
    void test_shield_cancel_outer_exception() {
        assertEquals(List.of("foo"), logged(shieldCancelOuter(2)));
    }

    // test_tasks.py: test_shield_duplicate_log_once — two cancelled shields over one failure: one report
    @Async
    Coroutine<Void> shieldDuplicateLogOnce() {
        Waiter<Integer> inner = new Waiter<>(null);
        Task<Integer> outer = createTask(awaitIt(shield(inner)));
        await(sleep(0));
        outer.cancel();
        await(sleep(0));
        Task<Integer> outer2 = createTask(awaitIt(shield(inner)));
        await(sleep(0));
        outer2.cancel();
        await(sleep(0));
        assertTrue(outer.cancelled());
        assertTrue(outer2.cancelled());
        inner.fail(new IllegalStateException("foo"));
        await(sleep(0));
        return done();
    }

    @Test
    void test_shield_duplicate_log_once() {
        assertEquals(List.of("foo"), logged(shieldDuplicateLogOnce()));
    }

    // test_tasks.py: test_shield_coroutine_use_running_loop — shield(coro()) made inside the loop
    // is bound to it, and can be awaited by a later run of the same loop
    @Async
    static Coroutine<Integer> fortyTwo() {
        return result(42);
    }

    @Async
    static Coroutine<Awaitable<Integer>> makesShield() {
        return result(shield(fortyTwo()));
    }

    @Test
    void test_shield_coroutine_use_running_loop() {
        try (EventLoop loop = new EventLoop(clock)) {
            Awaitable<Integer> outer = loop.runUntilComplete(makesShield());
            assertEquals(42, loop.runUntilComplete(awaitIt(outer)));
        }
    }
}
