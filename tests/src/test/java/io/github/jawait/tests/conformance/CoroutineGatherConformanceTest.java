package io.github.jawait.tests.conformance;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.jawait.Async;
import io.github.jawait.Awaitable;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.ExternalFuture;
import io.github.jawait.Task;
import io.github.jawait.Waiter;
import io.github.jawait.tests.asyncio.LogCapture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CPython's {@code Lib/test/test_asyncio/test_tasks.py} {@code CoroutineGatherTests}: the
 * {@link GatherTestsBase} cases over coroutines that await the bare futures, and the cases of
 * its own. A future whose cancellation the case checks is an {@link ExternalFuture}.
 *
 * <p>Not ported: {@code test_constructor_without_loop} (no global loop: covered by
 * {@link FutureGatherConformanceTest}'s {@code test_constructor_without_loop_fails_loudly}),
 * {@code test_constructor_use_global_loop}, {@code test_issue46672} ({@code gather(c, {})}: the
 * compiler refuses a non-awaitable).
 */
class CoroutineGatherConformanceTest extends GatherTestsBase {
    /** {@code CoroutineGatherTests.wrap_futures}: a coroutine awaiting each future. */
    @Override
    List<Coroutine<Integer>> wrapFutures(List<Waiter<Integer>> futures) {
        List<Coroutine<Integer>> coros = new ArrayList<>();
        for (Waiter<Integer> f : futures) {
            coros.add(awaitIt(f));
        }
        return coros;
    }

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

    /** {@code CoroutineGatherTests.test_constructor_use_running_loop}. */
    @Test
    void test_constructor_use_running_loop() {
        assertEquals(List.of("abc", "abc"), run(constructorUseRunningLoop()));
    }

    // test_tasks.py: CoroutineGatherTests.test_duplicate_coroutines (issue 13, item 9)
    @Async
    static Coroutine<String> echo(String s) {
        return result(s);
    }

    @Async
    Coroutine<List<String>> gatherDuplicates() {
        Coroutine<String> c = echo("abc");
        return result(await(gather(c, c, echo("def"), c)));
    }

    /** {@code CoroutineGatherTests.test_duplicate_coroutines}. */
    @Test
    void test_duplicate_coroutines() {
        assertEquals(List.of("abc", "abc", "def", "abc"), run(gatherDuplicates()));
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

    /** {@code CoroutineGatherTests.test_cancellation_broadcast}. */
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

    /** {@code CoroutineGatherTests.test_exception_marking}. */
    @Test
    void test_exception_marking() {
        try (LogCapture log = new LogCapture()) {
            run(exceptionMarking());
            assertEquals(List.of(), log.records);
        }
    }
}
