package io.github.jawait.tests.conformance;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.currentTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.CancelledError;
import io.github.jawait.ContextVar;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.Task;
import io.github.jawait.VirtualClock;
import io.github.jawait.Waiter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * More of CPython's {@code Lib/test/test_asyncio/test_tasks.py}: the task construction, naming,
 * coroutine, current-task and context cases that {@link TasksConformanceTest} left for later,
 * on the virtual clock ({@code run_coroutine_threadsafe}: {@link RunCoroutineThreadsafeConformanceTest}).
 *
 * <p>Not ported, Python mechanics: {@code test_task_cancel_message_getter/setter} (the private
 * {@code _cancel_message}), {@code test_task_del_collect} and the {@code __del__} /
 * {@code _log_destroy_pending} cases (gc), {@code test_ensure_future_*} (jawait has no
 * {@code ensure_future}: a coroutine becomes a task only through {@code createTask}, and a
 * {@code Task} is awaited as it is), {@code test_get_stack} / {@code print_stack} (frame
 * objects; jawait's async stack traces are covered by the diagnostics tests), every
 * {@code test_task_repr*} (repr text), {@code test_task_repr_name_not_str} and
 * {@code test_task_set_name_pylong} ({@code setName} takes a {@code String}: the type system
 * refuses other names), {@code test_exception_chaining_after_await} and
 * {@code test_exception_chaining_after_await_with_context_cycle} (implicit {@code __context__}
 * chaining; the explicit chain of {@code test_cancellation_exception_context} is in
 * {@link CancellationConformanceTest}),
 * {@code test_step_with_baseexception}, {@code test_baseexception_during_cancel}
 * ({@code KeyboardInterrupt}/{@code SystemExit} have no counterpart), {@code test_iscoroutinefunction},
 * {@code test_coroutine_non_gen_function}, {@code test_create_task_with_asynclike_function}
 * (duck-typed awaitables), the {@code test__register_task*} / {@code _enter_task} /
 * {@code _leave_task} introspection hooks and {@code test_subclasses_ctask_cfuture} (C/Python
 * implementation internals), {@code test_set_result_causes_invalid_state} /
 * {@code test_set_exception_causes_invalid_state} ({@code Future.set_result} on a task: a jawait
 * {@code Task} has no such method), {@code test_other_loop_future} (covered by
 * {@code LoopTasksTest}: awaiting another loop's task fails at the await),
 * {@code test_generic_alias} ({@code Task[str]}), {@code test_ensure_future_task_awaitable}
 * (no {@code ensure_future}), {@code test_get_context} (a {@code Task} does not expose its
 * {@code Context}; {@code createTask(c, ctx)} running in {@code ctx} itself is
 * {@code ExplicitContextsTest}'s), {@code test_task_not_crash_without_finalization},
 * {@code test_log_destroyed_pending_task} and {@code test_proper_refcounts} (gc, refcounts),
 * {@code test_error_in_call_soon} (patches {@code loop.call_soon}), {@code test_task_source_traceback}
 * (debug mode's creation sites are {@code DebugReportsTest}'s), {@code test_wait_invalid_args}
 * and {@code test_as_completed_invalid_args} (a single future where a collection is expected:
 * the compiler refuses it; {@code wait} of nothing is {@code test_wait_errors}).
 *
 * <p>The cancellation cases left by {@link TasksConformanceTest} are in
 * {@link CancellationConformanceTest}, the shield ones in {@link ShieldConformanceTest}, the gather
 * classes in {@link GatherTestsBase} and its subclasses.
 */
class TasksMoreConformanceTest {
    final VirtualClock clock = new VirtualClock();

    <T> T run(Coroutine<T> c) {
        return Conformance.run(clock, c);
    }

    // test_tasks.py: test_task_awaits_on_itself
    Task<Void> self;

    @Async
    Coroutine<Void> awaitsItself() {
        await(self);
        return done();
    }

    @Async
    static Coroutine<Void> settles(Task<?> t) {
        try {
            await(t);
        } catch (RuntimeException expected) {
            // read below
        }
        return done();
    }

    @Async
    Coroutine<Void> taskAwaitsOnItselfCase() {
        self = createTask(awaitsItself());
        await(settles(self));
        Throwable e = self.exception();
        assertSame(IllegalStateException.class, e.getClass());
        assertTrue(e.getMessage().startsWith("Task cannot await on itself: <Task Task-"), e.getMessage());
        return done();
    }

    @Test
    void test_task_awaits_on_itself() {
        run(taskAwaitsOnItselfCase());
    }

    // test_tasks.py: test_task_class
    @Async
    static Coroutine<String> notmuch() {
        return result("ok");
    }

    @Test
    void test_task_class() {
        try (EventLoop loop = new EventLoop(clock)) {
            Task<String> t = loop.createTask(notmuch());
            assertEquals("ok", loop.runUntilComplete(awaitIt(t)));
            assertTrue(t.done());
            assertEquals("ok", t.result());
        }
    }

    @Async
    static <T> Coroutine<T> awaitIt(Task<T> t) {
        return result(await(t));
    }

    // test_tasks.py: test_task_basics
    @Async
    static Coroutine<Integer> inner1() {
        return result(42);
    }

    @Async
    static Coroutine<Integer> inner2() {
        return result(1000);
    }

    @Async
    static Coroutine<Integer> outer() {
        int a = await(inner1());
        int b = await(inner2());
        return result(a + b);
    }

    @Test
    void test_task_basics() {
        assertEquals(1042, run(outer()));
    }

    // test_tasks.py: test_return_coroutine_from_coroutine
    @Async
    static Coroutine<Integer> returnsInner() {
        return inner1(); // the outcome of another coroutine, awaited
    }

    @Test
    void test_return_coroutine_from_coroutine() {
        assertEquals(42, run(returnsInner()));
    }

    // test_tasks.py: test_task_repr_autogenerated (the names, not the repr)
    @Test
    void test_task_repr_autogenerated() {
        try (EventLoop loop = new EventLoop(clock)) {
            Task<String> t1 = loop.createTask(notmuch());
            Task<String> t2 = loop.createTask(notmuch());
            assertTrue(t1.getName().matches("Task-\\d+"), t1.getName());
            int n1 = Integer.parseInt(t1.getName().substring(5));
            int n2 = Integer.parseInt(t2.getName().substring(5));
            assertTrue(n1 < n2); // monotonically increasing
            loop.runUntilComplete(awaitIt(t2));
            assertTrue(t1.done());
        }
    }

    // test_tasks.py: test_bare_create_task and test_bare_create_named_task
    @Async
    Coroutine<Void> bareCreate() {
        Task<Integer> t = createTask(inner1());
        assertEquals(1, await(t) - 41);
        Task<String> named = createTask(notmuch(), "No-op");
        assertEquals("No-op", named.getName());
        await(named);
        return done();
    }

    @Test
    void test_bare_create_task() {
        run(bareCreate());
    }

    // test_tasks.py: test_create_task_with_noncoroutine
    @Test
    void test_create_task_with_noncoroutine() {
        try (EventLoop loop = new EventLoop(clock)) {
            NullPointerException e = assertThrows(NullPointerException.class, () -> loop.createTask(null));
            assertEquals("createTask(null)", e.getMessage());
        }
    }

    // test_tasks.py: test_get_coro
    @Test
    void test_get_coro() {
        try (EventLoop loop = new EventLoop(clock)) {
            Coroutine<String> coro = notmuch();
            Task<String> t = loop.createTask(coro);
            loop.runUntilComplete(awaitIt(t));
            assertSame(coro, t.getCoroutine());
        }
    }

    // test_tasks.py: test_current_task (with the current_task_with_interleaving_tasks half)
    Task<Void> task1;
    Task<Void> task2;

    @Async
    Coroutine<Void> coro1(Waiter<Boolean> fut1, Waiter<Boolean> fut2) {
        assertSame(task1, currentTask());
        await(fut1);
        assertSame(task1, currentTask());
        fut2.wake(true);
        return done();
    }

    @Async
    Coroutine<Void> coro2(Waiter<Boolean> fut1, Waiter<Boolean> fut2) {
        assertSame(task2, currentTask());
        fut1.wake(true);
        await(fut2);
        assertSame(task2, currentTask());
        return done();
    }

    @Async
    Coroutine<Void> interleaving() {
        Waiter<Boolean> fut1 = new Waiter<>(null);
        Waiter<Boolean> fut2 = new Waiter<>(null);
        task1 = createTask(coro1(fut1, fut2));
        task2 = createTask(coro2(fut1, fut2));
        await(Asyncio.wait(List.of(task1, task2)));
        return done();
    }

    @Test
    void test_current_task_with_interleaving_tasks() {
        try (EventLoop loop = new EventLoop(clock)) {
            assertNull(loop.currentTask()); // test_current_task: none outside a task
            loop.runUntilComplete(interleaving());
            assertNull(loop.currentTask());
        }
    }

    // test_tasks.py: test_yield_wait_does_not_shield_cancel
    int proof;

    @Async
    Coroutine<Void> proofInner(Waiter<Void> waiter) {
        await(waiter);
        proof += 1;
        return done();
    }

    @Async
    Coroutine<Void> proofOuter(Task<Void> inner) {
        await(Asyncio.wait(List.of(inner)));
        proof += 100;
        return done();
    }

    @Async
    Coroutine<Void> waitDoesNotShieldCancel() {
        Waiter<Void> waiter = new Waiter<>(null);
        Task<Void> inner = createTask(proofInner(waiter));
        Task<Void> f = createTask(proofOuter(inner));
        await(sleep(0));
        f.cancel();
        try {
            await(f);
            fail("not cancelled");
        } catch (CancelledError expected) {
            // wait() does not pass the cancellation on, and does not shield the awaiter
        }
        waiter.wake(null);
        await(inner);
        assertEquals(1, proof);
        return done();
    }

    @Test
    void test_yield_wait_does_not_shield_cancel() {
        run(waitDoesNotShieldCancel());
    }

    // test_tasks.py: test_context_2 — a done callback's set does not pollute the task's context
    static final ContextVar<String> CVAR = new ContextVar<>("cvar", "nope");

    @Async
    static Coroutine<Void> tick() {
        await(sleep(0.001));
        return done();
    }

    @Async
    Coroutine<Void> context2() {
        assertEquals("nope", CVAR.get());
        for (int j = 0; j < 2; j++) {
            Task<Void> fut = createTask(tick());
            fut.addDoneCallback(t -> CVAR.set("something else"));
            CVAR.set("yes" + j);
            await(fut);
            await(sleep(0)); // the done callback has run now
            assertEquals("yes" + j, CVAR.get());
            for (int i = 0; i < 3; i++) {
                CVAR.set("yes" + i + "-" + j);
                await(sleep(0.001));
                assertEquals("yes" + i + "-" + j, CVAR.get());
            }
        }
        return done();
    }

    @Test
    void test_context_2() {
        run(context2());
        assertEquals("nope", CVAR.get()); // outside the loop, nothing leaked
    }

    @Test
    void test_cancel_current_task_twice_returns_false_when_done() {
        // test_tasks.py: test_cancel_current_task's last line: a done task refuses cancel()
        try (EventLoop loop = new EventLoop(clock)) {
            Task<String> t = loop.createTask(notmuch());
            loop.runUntilComplete(awaitIt(t));
            assertFalse(t.cancel());
            assertFalse(t.cancelled());
        }
    }

    // test_tasks.py: test_gather_shield — cancelling the gather's awaiter cancels the shields, not the children
    @Async
    static <T> Coroutine<T> awaitAny(io.github.jawait.Awaitable<T> aw) {
        return result(await(aw));
    }

    @Async
    Coroutine<Void> gatherShield() {
        Waiter<Integer> child1 = new Waiter<>(null);
        Waiter<Integer> child2 = new Waiter<>(null);
        Task<List<Integer>> parent = createTask(awaitAny(Asyncio.gather(Asyncio.shield(child1), Asyncio.shield(child2))));
        await(sleep(0));
        parent.cancel();
        try {
            await(parent);
            fail("not cancelled");
        } catch (CancelledError expected) {
            // the parent is cancelled
        }
        assertTrue(parent.cancelled());
        assertFalse(child1.isDone()); // the children are not
        assertFalse(child2.isDone());
        assertTrue(child1.wake(1));
        assertTrue(child2.wake(2));
        await(sleep(0));
        return done();
    }

    @Test
    void test_gather_shield() {
        run(gatherShield());
    }

    // test_tasks.py: test_wait_with_iterator_of_tasks (Java: any Collection of tasks, here a set in reverse order)
    @Async
    static Coroutine<Void> sleepsFor(double s) {
        await(sleep(s));
        return done();
    }

    @Async
    Coroutine<Integer> waitWithCollection() {
        Task<Void> a = createTask(sleepsFor(0.1));
        Task<Void> b = createTask(sleepsFor(0.15));
        io.github.jawait.Done<Void> d = await(Asyncio.wait(new java.util.LinkedHashSet<>(List.of(b, a))));
        assertEquals(java.util.Set.of(a, b), d.done());
        assertEquals(java.util.Set.of(), d.pending());
        assertEquals(0.15, getRunningLoop().time(), 1e-9);
        return result(42);
    }

    @Test
    void test_wait_with_iterator_of_tasks() {
        assertEquals(42, run(waitWithCollection()));
    }

    // test_tasks.py: test_as_completed_resume_iterator — the iterator can be left and resumed
    @Async
    static Coroutine<Integer> echo(int i) {
        return result(i);
    }

    @Async
    Coroutine<List<Integer>> resumeIterator() {
        java.util.Iterator<io.github.jawait.Awaitable<Integer>> iterator =
                Asyncio.asCompleted(echo(0), echo(1), echo(2), echo(3)).iterator();
        List<Integer> collected = new java.util.ArrayList<>();
        int iterations = 0;
        while (iterator.hasNext()) {
            collected.add(await(iterator.next()));
            iterations++;
            if (iterations == 2) {
                break;
            }
        }
        assertEquals(2, collected.size());
        while (iterator.hasNext()) { // resume the same iterator
            collected.add(await(iterator.next()));
        }
        return result(collected);
    }

    @Test
    void test_as_completed_resume_iterator() {
        List<Integer> results = new java.util.ArrayList<>(run(resumeIterator()));
        results.sort(null);
        assertEquals(List.of(0, 1, 2, 3), results);
    }

    // test_tasks.py: SleepTests.test_sleep_zero — sleep(0, result) goes round the loop once and
    // yields its result
    int result;

    @Async
    Coroutine<Void> sleepZero() {
        getRunningLoop().callSoon(() -> result += 1);
        assertEquals(0, result);
        int num = await(sleep(0, 10));
        assertEquals(1, result); // incremented by the callSoon callback
        result += num;
        return done();
    }

    @Test
    void test_sleep_zero() {
        run(sleepZero());
        assertEquals(11, result);
    }

    // test_tasks.py: test_exception_traceback (bpo-28843) — a task's exception keeps its traceback
    @Async
    static Coroutine<Integer> divides(int by) {
        return result(1 / by);
    }

    @Async
    Coroutine<Void> exceptionTraceback() {
        Task<Integer> task = createTask(divides(0));
        await(sleep(0)); // skip one loop iteration
        Throwable e = task.exception();
        assertSame(ArithmeticException.class, e.getClass());
        assertTrue(java.util.Arrays.stream(e.getStackTrace())
                .anyMatch(f -> f.getClassName().equals(TasksMoreConformanceTest.class.getName())),
                () -> java.util.Arrays.toString(e.getStackTrace()));
        return done();
    }

    @Test
    void test_exception_traceback() {
        run(exceptionTraceback());
    }

    // test_tasks.py: test_create_task_with_async_function (twice: nothing is cached wrongly)
    @Async
    static Coroutine<Void> noop() {
        return done();
    }

    @Test
    void test_create_task_with_async_function() {
        try (EventLoop loop = new EventLoop(clock)) {
            for (int i = 0; i < 2; i++) {
                Task<Void> task = loop.createTask(noop());
                assertSame(Task.class, task.getClass());
                loop.runUntilComplete(awaitIt(task));
                assertTrue(task.done());
                assertNull(task.result());
            }
        }
    }

    // test_tasks.py: test_coroutine_non_gen_function_return_future — a coroutine returning a
    // future returns the future itself, not its result
    @Async
    static Coroutine<Waiter<String>> returnsFuture(Waiter<String> fut) {
        return result(fut);
    }

    @Async
    static Coroutine<Void> setsFuture(Waiter<String> fut) {
        fut.wake("test");
        return done();
    }

    @Async
    Coroutine<Void> returnFuture() {
        Waiter<String> fut = new Waiter<>(null);
        Task<Waiter<String>> t1 = createTask(returnsFuture(fut));
        Task<Void> t2 = createTask(setsFuture(fut));
        assertSame(fut, await(t1));
        assertNull(t2.result());
        assertEquals("test", await(fut));
        return done();
    }

    @Test
    void test_coroutine_non_gen_function_return_future() {
        run(returnFuture());
    }

    // test_tasks.py: test_eager_start_true and test_eager_start_false (createTask(c, name, eager))
    String name;

    @Async
    Coroutine<Void> recordsName() {
        name = currentTask().getName();
        return done();
    }

    @Async
    Coroutine<Void> eagerStart(boolean eager) {
        Task<Void> t = createTask(recordsName(), "example", eager);
        if (eager) {
            assertTrue(t.done()); // ran to its end inside createTask
            assertEquals("example", name);
        } else {
            assertFalse(t.done());
            assertNull(name);
        }
        await(t);
        assertEquals("example", name);
        return done();
    }

    @Test
    void test_eager_start_true() {
        run(eagerStart(true));
    }

    @Test
    void test_eager_start_false() {
        run(eagerStart(false));
    }

    // test_tasks.py: BaseCurrentLoopTests.test_current_task_no_running_loop and
    // test_current_task_no_running_loop_implicit; in a callback, asyncio's None is null from
    // loop.currentTask() and a clear error from Asyncio.currentTask() (README)
    @Test
    void test_current_task_no_running_loop() {
        try (EventLoop loop = new EventLoop(clock)) {
            assertNull(loop.currentTask());
            IllegalStateException e = assertThrows(IllegalStateException.class, Asyncio::currentTask);
            assertTrue(e.getMessage().startsWith("no running event loop on thread "), e.getMessage());
            loop.runUntilComplete(inACallback(loop));
            assertEquals(List.of("null", "currentTask() called outside a task"), seen);
        }
    }

    final List<String> seen = new java.util.ArrayList<>();

    @Async
    Coroutine<Void> inACallback(EventLoop loop) {
        loop.callSoon(() -> {
            seen.add(String.valueOf(loop.currentTask()));
            seen.add(assertThrows(IllegalStateException.class, Asyncio::currentTask).getMessage());
        });
        await(sleep(0));
        return done();
    }
}
