package io.github.jawait.tests.conformance;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.gatherSettled;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.Awaitable;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.Outcome;
import io.github.jawait.Task;
import io.github.jawait.Waiter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CPython's {@code Lib/test/test_asyncio/test_tasks.py} {@code FutureGatherTests}: the
 * {@link GatherTestsBase} cases over the bare futures themselves, and the cases of its own.
 *
 * <p>Not ported: {@code test_constructor_empty_sequence_without_loop} (no global loop: covered
 * by {@code test_constructor_without_loop_fails_loudly} below),
 * {@code test_constructor_empty_sequence_use_global_loop}, {@code test_constructor_homogenous_futures}
 * (the private {@code _loop} of a future), {@code test_constructor_heterogenous_futures} (futures
 * of two loops: jawait deliberately lets a task await another loop's task, docs/loop-group.md).
 */
class FutureGatherConformanceTest extends GatherTestsBase {
    @Override
    List<Waiter<Integer>> wrapFutures(List<Waiter<Integer>> futures) {
        return futures;
    }

    /**
     * {@code GatherTestsBase.test_one_exception}, the gather awaited before its children settle
     * (a jawait variant: asyncio's gather future has no awaiter to speak of).
     */
    @Test
    void test_one_exception_awaited_first() {
        checkOneException(true);
    }

    /** {@code GatherTestsBase.test_return_exceptions}, the gather awaited before its children settle. */
    @Test
    void test_return_exceptions_awaited_first() {
        run(returnExceptions(true));
    }

    // test_tasks.py: FutureGatherTests.test_constructor_empty_sequence_use_running_loop
    @Async
    Coroutine<Void> emptyGather() {
        Awaitable<List<Object>> fut = gather();
        assertTrue(fut.isDone()); // nothing to wait for
        assertEquals(List.of(), await(fut));
        assertEquals(List.of(), await(gatherSettled()));
        return done();
    }

    /** {@code FutureGatherTests.test_constructor_empty_sequence_use_running_loop}. */
    @Test
    void test_constructor_empty_sequence_use_running_loop() {
        run(emptyGather());
    }

    /**
     * {@code FutureGatherTests.test_constructor_empty_sequence_without_loop} and
     * {@code CoroutineGatherTests.test_constructor_without_loop}: no running loop, a clear error.
     */
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
        Task<List<Integer>> fut = awaiter(gather(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4)));
        await(sleep(0));
        f.get(0).wake(1);
        f.get(1).fail(new CancelledError());
        await(runLoop());
        assertTrue(fut.done());
        assertEquals(1, callbacks);
        // asyncio: the gather is not cancelled, its exception() is a CancelledError; a task
        // awaiting it ends cancelled, as jawait's awaiter does
        assertInstanceOf(CancelledError.class, assertThrows(CancelledError.class, fut::result));
        await(settleTheRest(f));
        return done();
    }

    /** {@code FutureGatherTests.test_one_cancellation}. */
    @Test
    void test_one_cancellation() {
        run(oneCancellation());
    }

    // test_tasks.py: FutureGatherTests.test_result_exception_one_cancellation
    @Async
    Coroutine<Void> resultExceptionOneCancellation() {
        List<Waiter<Integer>> f = futures(6);
        Task<List<Outcome<Integer>>> fut = awaiter(gatherSettled(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5)));
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

    /** {@code FutureGatherTests.test_result_exception_one_cancellation}. */
    @Test
    void test_result_exception_one_cancellation() {
        run(resultExceptionOneCancellation());
    }
}
