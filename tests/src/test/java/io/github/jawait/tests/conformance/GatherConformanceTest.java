package io.github.jawait.tests.conformance;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.gatherSettled;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.jawait.Async;
import io.github.jawait.Awaitable;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.ExternalFuture;
import io.github.jawait.Outcome;
import io.github.jawait.Task;
import io.github.jawait.VirtualClock;
import io.github.jawait.Waiter;
import io.github.jawait.tests.asyncio.LogCapture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CPython's {@code Lib/test/test_asyncio/test_tasks.py} gather classes, {@code GatherTestsBase},
 * {@code FutureGatherTests} and {@code CoroutineGatherTests}, plus {@code test_cancel_gather_1},
 * on the virtual clock. A bare future is a {@link Waiter} ({@code set_result} is {@code wake},
 * {@code set_exception} and {@code cancel} are {@code fail}), or an {@link ExternalFuture} where
 * the case checks that cancelling its awaiter cancels it; {@code return_exceptions=True} is
 * {@code gatherSettled}. {@code GatherTestsBase} runs twice, as in CPython: over the futures
 * themselves ({@code FutureGatherTests}, ported in {@link TasksMoreConformanceTest}) and over
 * coroutines awaiting them ({@code CoroutineGatherTests}, here: the {@code coroutine_} cases).
 * asyncio's gather is a future with done callbacks; jawait's is an awaitable, so "the callback ran
 * once" is read as "the task awaiting the gather ended once, with this outcome".
 *
 * <p>Not ported: {@code test_constructor_without_loop},
 * {@code test_constructor_empty_sequence_without_loop} and the {@code _use_global_loop} cases
 * (no global loop: outside a running loop {@code gather} throws, covered by
 * {@code test_constructor_without_loop_fails_loudly} below), {@code test_constructor_homogenous_futures}
 * (the private {@code _loop} of a future), {@code test_constructor_heterogenous_futures} (futures
 * of two loops: jawait deliberately lets a task await another loop's task, docs/loop-group.md),
 * {@code test_issue46672} ({@code gather(c, {})}: the compiler refuses a non-awaitable),
 * {@code test_env_var_debug} ({@code PYTHONASYNCIODEBUG}; jawait's switch is
 * {@code -Djawait.debug}, see docs/debugging.md).
 */
class GatherConformanceTest {
    final VirtualClock clock = new VirtualClock();

    <T> T run(Coroutine<T> c) {
        return Conformance.run(clock, c);
    }

    @Async
    static <T> Coroutine<T> awaitIt(Awaitable<T> aw) {
        return result(await(aw));
    }

    /** CoroutineGatherTests.wrap_futures: a coroutine awaiting each future. */
    @SafeVarargs
    static <T> List<Coroutine<T>> wrap(Awaitable<T>... futures) {
        List<Coroutine<T>> coros = new ArrayList<>();
        for (Awaitable<T> f : futures) {
            coros.add(awaitIt(f));
        }
        return coros;
    }

    static List<Waiter<Integer>> futures(int n) {
        List<Waiter<Integer>> f = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            f.add(new Waiter<>(null));
        }
        return f;
    }

    /** test_utils.run_briefly until nothing is ready: a few turns are enough here. */
    @Async
    static Coroutine<Void> runLoop() {
        for (int i = 0; i < 4; i++) {
            await(sleep(0));
        }
        return done();
    }

    // ---------------------------------------------------------------- GatherTestsBase over coroutines

    // test_tasks.py: CoroutineGatherTests (GatherTestsBase._check_success) test_success and test_result_exception_success
    int callbacks;

    @Async
    Coroutine<Void> checkSuccess(boolean settled) {
        List<Waiter<Integer>> f = futures(3);
        Awaitable<?> g = settled ? gatherSettled(wrap(f.get(0), f.get(1), f.get(2)))
                : gather(wrap(f.get(0), f.get(1), f.get(2)));
        Task<?> fut = createTask(awaitIt(g));
        fut.addDoneCallback(t -> callbacks++);
        f.get(1).wake(1);
        f.get(0).wake(2);
        await(runLoop());
        assertEquals(0, callbacks);
        assertFalse(fut.done());
        f.get(2).wake(3);
        await(runLoop());
        assertEquals(1, callbacks);
        if (settled) {
            @SuppressWarnings("unchecked")
            List<Outcome<Integer>> r = (List<Outcome<Integer>>) fut.result();
            assertEquals(List.of(2, 1, 3), r.stream().map(Outcome::value).toList());
        } else {
            assertEquals(List.of(2, 1, 3), fut.result());
        }
        return done();
    }

    @Test
    void coroutine_test_success() {
        run(checkSuccess(false));
    }

    @Test
    void coroutine_test_result_exception_success() {
        run(checkSuccess(true));
    }

    // test_tasks.py: CoroutineGatherTests (GatherTestsBase) test_one_exception
    @Async
    Coroutine<Void> oneException() {
        List<Waiter<Integer>> f = futures(5);
        Task<List<Integer>> fut = createTask(awaitIt(gather(wrap(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4)))));
        fut.addDoneCallback(t -> callbacks++);
        ArithmeticException exc = new ArithmeticException();
        f.get(0).wake(1);
        f.get(1).fail(exc);
        await(runLoop());
        assertTrue(fut.done());
        assertEquals(1, callbacks);
        assertSame(exc, fut.exception());
        // does nothing
        f.get(2).wake(3);
        f.get(3).fail(new CancelledError());
        f.get(4).fail(new IllegalStateException());
        await(runLoop());
        assertEquals(1, callbacks);
        return done();
    }

    @Test
    void coroutine_test_one_exception() {
        try (LogCapture log = new LogCapture()) {
            run(oneException());
            // the children that failed after the gather had failed are the gather's to report:
            // asyncio's e.exception() retrieves the last one by hand, jawait's gather marks them
            assertEquals(List.of(), log.records);
        }
    }

    // test_tasks.py: CoroutineGatherTests (GatherTestsBase) test_return_exceptions
    @Async
    Coroutine<Void> returnExceptions() {
        List<Waiter<Integer>> f = futures(4);
        Task<List<Outcome<Integer>>> fut = createTask(awaitIt(gatherSettled(wrap(f.get(0), f.get(1), f.get(2), f.get(3)))));
        fut.addDoneCallback(t -> callbacks++);
        ArithmeticException exc = new ArithmeticException();
        IllegalStateException exc2 = new IllegalStateException();
        f.get(1).wake(1);
        f.get(2).fail(exc);
        f.get(0).wake(3);
        await(runLoop());
        assertFalse(fut.done());
        f.get(3).fail(exc2);
        await(runLoop());
        assertTrue(fut.done());
        assertEquals(1, callbacks);
        List<Outcome<Integer>> r = fut.result();
        assertEquals(3, r.get(0).value());
        assertEquals(1, r.get(1).value());
        assertSame(exc, r.get(2).failure());
        assertSame(exc2, r.get(3).failure());
        return done();
    }

    @Test
    void coroutine_test_return_exceptions() {
        run(returnExceptions());
    }

    // ---------------------------------------------------------------- FutureGatherTests

    // test_tasks.py: FutureGatherTests.test_constructor_empty_sequence_use_running_loop
    @Async
    Coroutine<Void> emptyGather() {
        Awaitable<List<Object>> fut = gather();
        assertTrue(fut.isDone()); // nothing to wait for
        assertEquals(List.of(), await(fut));
        assertEquals(List.of(), await(gatherSettled()));
        return done();
    }

    @Test
    void test_constructor_empty_sequence_use_running_loop() {
        run(emptyGather());
    }

    // test_tasks.py: FutureGatherTests.test_constructor_empty_sequence_without_loop and
    // CoroutineGatherTests.test_constructor_without_loop: no running loop, a clear error
    @Test
    void test_constructor_without_loop_fails_loudly() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> gather(List.<Awaitable<Object>>of()));
        assertTrue(e.getMessage().startsWith("no running event loop on thread "), e.getMessage());
    }

    // test_tasks.py: FutureGatherTests.test_one_cancellation — a cancelled child fails the gather
    // with CancelledError; the other children are left alone
    @Async
    Coroutine<Void> oneCancellation() {
        List<Waiter<Integer>> f = futures(5);
        Task<List<Integer>> fut = createTask(awaitIt(gather(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4))));
        fut.addDoneCallback(t -> callbacks++);
        await(sleep(0));
        f.get(0).wake(1);
        f.get(1).fail(new CancelledError());
        await(runLoop());
        assertTrue(fut.done());
        assertEquals(1, callbacks);
        // asyncio: the gather is not cancelled, its exception() is a CancelledError; a task
        // awaiting it ends cancelled, as jawait's awaiter does
        assertInstanceOf(CancelledError.class, assertThrows(CancelledError.class, fut::result));
        // does nothing
        f.get(2).wake(3);
        f.get(3).fail(new CancelledError());
        f.get(4).fail(new IllegalStateException());
        await(runLoop());
        assertEquals(1, callbacks);
        return done();
    }

    @Test
    void test_one_cancellation() {
        run(oneCancellation());
    }

    // test_tasks.py: FutureGatherTests.test_result_exception_one_cancellation
    @Async
    Coroutine<Void> resultExceptionOneCancellation() {
        List<Waiter<Integer>> f = futures(6);
        Awaitable<List<Outcome<Integer>>> g = gatherSettled(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5));
        Task<List<Outcome<Integer>>> fut = createTask(awaitIt(g));
        fut.addDoneCallback(t -> callbacks++);
        f.get(0).wake(1);
        ArithmeticException zde = new ArithmeticException();
        f.get(1).fail(zde);
        f.get(2).fail(new CancelledError());
        await(runLoop());
        assertFalse(fut.done());
        f.get(3).wake(3);
        f.get(4).fail(new CancelledError());
        IllegalStateException rte = new IllegalStateException();
        f.get(5).fail(rte);
        List<Outcome<Integer>> res = await(fut);
        assertEquals(1, res.get(0).value());
        assertSame(zde, res.get(1).failure());
        assertTrue(res.get(2).cancelled());
        assertInstanceOf(CancelledError.class, res.get(2).failure());
        assertEquals(3, res.get(3).value());
        assertTrue(res.get(4).cancelled());
        assertInstanceOf(CancelledError.class, res.get(4).failure());
        assertSame(rte, res.get(5).failure());
        await(sleep(0));
        assertEquals(1, callbacks);
        return done();
    }

    @Test
    void test_result_exception_one_cancellation() {
        run(resultExceptionOneCancellation());
    }

    // ---------------------------------------------------------------- CoroutineGatherTests

    // test_tasks.py: CoroutineGatherTests.test_constructor_use_running_loop
    @Async
    static Coroutine<String> abc() {
        return result("abc");
    }

    @Async
    Coroutine<List<String>> constructorUseRunningLoop() {
        Coroutine<String> gen1 = abc();
        Coroutine<String> gen2 = abc();
        Awaitable<List<String>> fut = gather(gen1, gen2); // bound to the running loop
        return result(await(fut));
    }

    @Test
    void test_constructor_use_running_loop() {
        assertEquals(List.of("abc", "abc"), run(constructorUseRunningLoop()));
    }

    // test_tasks.py: CoroutineGatherTests.test_cancellation_broadcast — cancelling outer() cancels all children
    int proof;

    @Async
    Coroutine<Void> inner(ExternalFuture<Void> waiter) {
        await(waiter);
        proof += 1;
        return done();
    }

    @Async
    Coroutine<Void> outer(Task<Void> child1, Task<Void> child2) {
        await(gather(child1, child2));
        proof += 100;
        return done();
    }

    @Async
    Coroutine<Void> cancellationBroadcast() {
        ExternalFuture<Void> waiter = ExternalFuture.create();
        Task<Void> child1 = createTask(inner(waiter));
        Task<Void> child2 = createTask(inner(waiter));
        Task<Void> f = createTask(outer(child1, child2));
        await(sleep(0));
        assertTrue(f.cancel());
        try {
            await(f);
            fail("not cancelled");
        } catch (CancelledError expected) {
            // the cancellation went through the gather into both children
        }
        assertTrue(f.cancelled());
        assertTrue(waiter.cancelled());
        assertTrue(child1.cancelled());
        assertTrue(child2.cancelled());
        await(sleep(0));
        assertEquals(0, proof);
        return done();
    }

    @Test
    void test_cancellation_broadcast() {
        run(cancellationBroadcast());
    }

    // test_tasks.py: CoroutineGatherTests.test_exception_marking — the second child's failure,
    // after the gather already failed, is marked retrieved: nothing is logged
    @Async
    static Coroutine<Void> failsAfter(Waiter<Void> f) {
        await(f);
        throw new IllegalStateException("should not be ignored");
    }

    @Async
    static Coroutine<Void> gathersTwo(Waiter<Void> a, Waiter<Void> b) {
        await(gather(failsAfter(a), failsAfter(b)));
        return done();
    }

    @Async
    Coroutine<Void> exceptionMarking() {
        Waiter<Void> a = new Waiter<>(null);
        Waiter<Void> b = new Waiter<>(null);
        Task<Void> f = createTask(gathersTwo(a, b));
        await(sleep(0));
        a.wake(null);
        await(sleep(0));
        b.wake(null);
        await(runLoop());
        IllegalStateException e = assertInstanceOf(IllegalStateException.class, f.exception());
        assertEquals("should not be ignored", e.getMessage());
        return done();
    }

    @Test
    void test_exception_marking() {
        try (LogCapture log = new LogCapture()) {
            run(exceptionMarking());
            assertEquals(List.of(), log.records);
        }
    }

    // ---------------------------------------------------------------- BaseTaskTests.test_cancel_gather_1

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
}
