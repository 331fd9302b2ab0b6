package io.github.jawait.tests.conformance;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.gatherSettled;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.Awaitable;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.Outcome;
import io.github.jawait.Task;
import io.github.jawait.VirtualClock;
import io.github.jawait.Waiter;
import io.github.jawait.tests.asyncio.LogCapture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CPython's {@code Lib/test/test_asyncio/test_tasks.py} {@code GatherTestsBase}: the gather cases
 * that run once over bare futures ({@link FutureGatherConformanceTest}, CPython's
 * {@code FutureGatherTests}) and once over coroutines awaiting them
 * ({@link CoroutineGatherConformanceTest}, {@code CoroutineGatherTests}); a subclass says how
 * ({@link #wrapFutures}, CPython's {@code wrap_futures}). Each case keeps its CPython name; the
 * report names it with its subclass, as unittest does. A bare future is a {@link Waiter}
 * ({@code set_result} is {@code wake}, {@code set_exception} and {@code cancel} are
 * {@code fail}); {@code return_exceptions=True} is {@code gatherSettled}. asyncio's gather is a
 * future with done callbacks; jawait's is an awaitable, so "the callback ran once" is read as
 * "the task awaiting the gather ended once, with this outcome".
 *
 * <p>Not ported: {@code test_env_var_debug} ({@code PYTHONASYNCIODEBUG}; jawait's switch is
 * {@code -Djawait.debug}, see docs/debugging.md).
 */
abstract class GatherTestsBase {
    final VirtualClock clock = new VirtualClock();

    <T> T run(Coroutine<T> c) {
        return Conformance.run(clock, c);
    }

    /** CPython's {@code wrap_futures}: what the gather is given for the bare futures {@code futures}. */
    abstract List<? extends Awaitable<Integer>> wrapFutures(List<Waiter<Integer>> futures);

    @Async
    static <T> Coroutine<T> awaitIt(Awaitable<T> aw) {
        return result(await(aw));
    }

    static List<Waiter<Integer>> futures(int n) {
        List<Waiter<Integer>> f = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            f.add(new Waiter<>(null));
        }
        return f;
    }

    /** {@code GatherTestsBase._run_loop} (run_briefly until nothing is ready): a few turns are enough here. */
    @Async
    static Coroutine<Void> runLoop() {
        for (int i = 0; i < 4; i++) {
            await(sleep(0));
        }
        return done();
    }

    /** Times the task awaiting the gather ended ({@code MockCallback}'s calls). */
    int callbacks;

    /** The task that awaits {@code gathering}; it counts in {@link #callbacks} when it ends. */
    <T> Task<T> awaiter(Awaitable<T> gathering) {
        Task<T> fut = createTask(awaitIt(gathering));
        fut.addDoneCallback(t -> callbacks++);
        return fut;
    }

    // ---------------------------------------------------------------- _check_success

    @Async
    Coroutine<Void> checkSuccess(boolean returnExceptions) {
        List<Waiter<Integer>> f = futures(3);
        Task<?> fut = returnExceptions ? awaiter(gatherSettled(wrapFutures(f))) : awaiter(gather(wrapFutures(f)));
        f.get(1).wake(1);
        f.get(0).wake(2);
        await(runLoop());
        assertEquals(0, callbacks);
        assertFalse(fut.done());
        f.get(2).wake(3);
        await(runLoop());
        assertEquals(1, callbacks);
        if (returnExceptions) {
            @SuppressWarnings("unchecked")
            List<Outcome<Integer>> r = (List<Outcome<Integer>>) fut.result();
            assertEquals(List.of(2, 1, 3), r.stream().map(Outcome::value).toList());
        } else {
            assertEquals(List.of(2, 1, 3), fut.result());
        }
        return done();
    }

    /** {@code GatherTestsBase.test_success}. */
    @Test
    void test_success() {
        run(checkSuccess(false));
    }

    /** {@code GatherTestsBase.test_result_exception_success}. */
    @Test
    void test_result_exception_success() {
        run(checkSuccess(true));
    }

    // ---------------------------------------------------------------- test_one_exception

    /**
     * The body of {@code test_one_exception}; {@code awaitedFirst}: the task awaits the gather
     * before any child settles (CPython's futures have no such moment: a jawait variant).
     */
    @Async
    Coroutine<Void> oneException(boolean awaitedFirst) {
        List<Waiter<Integer>> f = futures(5);
        Task<List<Integer>> fut = awaiter(gather(wrapFutures(f)));
        if (awaitedFirst) {
            await(sleep(0));
        }
        ArithmeticException exc = new ArithmeticException();
        f.get(0).wake(1);
        f.get(1).fail(exc);
        await(runLoop());
        assertTrue(fut.done());
        assertEquals(1, callbacks);
        assertSame(exc, fut.exception());
        await(settleTheRest(f));
        return done();
    }

    /**
     * The "Does nothing" tail of {@code test_one_exception} and {@code test_one_cancellation}:
     * the last three of five children settle after the gather ended, which changes nothing.
     */
    @Async
    Coroutine<Void> settleTheRest(List<Waiter<Integer>> f) {
        f.get(2).wake(3);
        f.get(3).fail(new CancelledError());
        f.get(4).fail(new IllegalStateException());
        await(runLoop());
        assertEquals(1, callbacks);
        return done();
    }

    void checkOneException(boolean awaitedFirst) {
        try (LogCapture log = new LogCapture()) {
            run(oneException(awaitedFirst));
            // the children that failed after the gather had failed are the gather's to report:
            // asyncio's e.exception() retrieves the last one by hand, jawait's gather marks them
            assertEquals(List.of(), log.records);
        }
    }

    /** {@code GatherTestsBase.test_one_exception}. */
    @Test
    void test_one_exception() {
        checkOneException(false);
    }

    // ---------------------------------------------------------------- test_return_exceptions

    /** The body of {@code test_return_exceptions}; {@code awaitedFirst} as in {@link #oneException}. */
    @Async
    Coroutine<Void> returnExceptions(boolean awaitedFirst) {
        List<Waiter<Integer>> f = futures(4);
        Task<List<Outcome<Integer>>> fut = awaiter(gatherSettled(wrapFutures(f)));
        if (awaitedFirst) {
            await(sleep(0));
        }
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

    /** {@code GatherTestsBase.test_return_exceptions}. */
    @Test
    void test_return_exceptions() {
        run(returnExceptions(false));
    }
}
