package io.github.jawait.tests.conformance;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.currentTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.toThread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.jawait.Async;
import io.github.jawait.Context;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.Task;
import io.github.jawait.TaskFactory;
import io.github.jawait.VirtualClock;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * CPython's {@code Lib/test/test_asyncio/test_tasks.py} {@code RunCoroutineThreadsafeTests}:
 * {@code asyncio.run_coroutine_threadsafe(coro, loop)} is {@code loop.submit(coro)}, which any
 * thread may call and which returns a {@link CompletableFuture}. As in CPython, the submitting
 * thread is one of the loop's executor threads ({@code run_in_executor(None, target)} is
 * {@code toThread(target)}), and the loop runs on a virtual clock: its 0.05 s sleep passes without
 * waiting. {@code future.result(timeout)} is {@code future.get(timeout)}, whose
 * {@link ExecutionException} the helper unwraps as Python's {@code result()} raises the
 * coroutine's exception itself; a cancelled future's {@code get()} throws Java's
 * {@link CancellationException} where Python's raises {@code CancelledError}, and
 * {@code toThread} hands the awaiting task what the thread threw, as it is.
 *
 * <p>Not ported: the exception-handler half of
 * {@code test_run_coroutine_threadsafe_task_factory_exception} (jawait has no loop exception
 * handler; the factory's exception reaches the caller through the future, checked here) and its
 * {@code coro.send(None)} (it only silences CPython's "never awaited" warning).
 */
class RunCoroutineThreadsafeConformanceTest {
    final VirtualClock clock = new VirtualClock();

    <T> T run(Coroutine<T> c) {
        return Conformance.run(clock, c);
    }

    /** RunCoroutineThreadsafeTests.add: waits 0.05 s and returns a + b. */
    @Async
    static Coroutine<Integer> add(int a, int b, boolean fail, boolean cancel) {
        await(sleep(0.05));
        if (fail) {
            throw new IllegalStateException("Fail!");
        }
        if (cancel) {
            currentTask().cancel();
            await(sleep(0));
        }
        return result(a + b);
    }

    /** RunCoroutineThreadsafeTests.target: submits add() from this (non-loop) thread and waits. */
    static int target(EventLoop loop, boolean fail, boolean cancel, Long timeoutMillis) throws Exception {
        CompletableFuture<Integer> future = loop.submit(add(1, 2, fail, cancel));
        try {
            return timeoutMillis == null ? future.get() : future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // Python's future.result() raises the coroutine's exception itself
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw (Error) e.getCause();
        } finally {
            if (!future.isDone()) {
                future.cancel(true); // cancels the task on the loop
            }
        }
    }

    // test_tasks.py: RunCoroutineThreadsafeTests.test_run_coroutine_threadsafe
    @Async
    Coroutine<Integer> submitsFromAThread() {
        EventLoop loop = getRunningLoop();
        return result(await(toThread(() -> target(loop, false, false, null))));
    }

    @Test
    void test_run_coroutine_threadsafe() {
        assertEquals(3, run(submitsFromAThread()));
    }

    // test_tasks.py: RunCoroutineThreadsafeTests.test_run_coroutine_threadsafe_with_exception
    @Async
    Coroutine<String> submitsAFailure() {
        EventLoop loop = getRunningLoop();
        try {
            await(toThread(() -> target(loop, true, false, null)));
            return result("no failure");
        } catch (Exception e) {
            return result(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    @Test
    void test_run_coroutine_threadsafe_with_exception() {
        assertEquals("IllegalStateException: Fail!", run(submitsAFailure()));
    }

    // test_tasks.py: RunCoroutineThreadsafeTests.test_run_coroutine_threadsafe_with_timeout —
    // the waiting thread gives up at once; cancelling its future cancels the task on the loop
    @Async
    Coroutine<Void> submitsWithATimeout() {
        EventLoop loop = getRunningLoop();
        try {
            await(toThread(() -> target(loop, false, false, 0L)));
            fail("no timeout");
        } catch (Exception e) {
            assertSame(TimeoutException.class, e.getClass());
        }
        await(sleep(0)); // test_utils.run_briefly
        // no pending task is left: add() was cancelled with the thread's future (or never started)
        assertEquals(List.of(currentTask()), loop.allTasks());
        return done();
    }

    @Test
    void test_run_coroutine_threadsafe_with_timeout() {
        run(submitsWithATimeout());
    }

    // test_tasks.py: RunCoroutineThreadsafeTests.test_run_coroutine_threadsafe_task_cancelled —
    // the task cancels itself: the thread's future is cancelled, and the thread's get() says so
    @Async
    Coroutine<Void> submitsASelfCancellingTask() {
        EventLoop loop = getRunningLoop();
        try {
            await(toThread(() -> target(loop, false, true, null)));
            fail("not cancelled");
        } catch (CancellationException expected) {
            // the future of run_coroutine_threadsafe was cancelled with its task
        }
        assertFalse(currentTask().cancelled()); // the awaiter itself was not cancelled
        assertEquals(0, currentTask().cancelling());
        return done();
    }

    @Test
    void test_run_coroutine_threadsafe_task_cancelled() {
        run(submitsASelfCancellingTask());
    }

    // test_tasks.py: RunCoroutineThreadsafeTests.test_run_coroutine_threadsafe_task_factory_exception
    static final class NameError extends RuntimeException {
        NameError() {
            super("the task factory failed");
        }
    }

    @Async
    Coroutine<Void> submitsThroughABrokenFactory() {
        EventLoop loop = getRunningLoop();
        TaskFactory before = loop.getTaskFactory();
        loop.setTaskFactory(new TaskFactory() {
            @Override
            public <T> Task<T> create(EventLoop l, Coroutine<T> coroutine, String name, Context context) {
                throw new NameError();
            }
        });
        try {
            await(toThread(() -> target(loop, false, false, null)));
            fail("the factory did not fail");
        } catch (NameError expected) {
            assertEquals("the task factory failed", expected.getMessage());
        } finally {
            loop.setTaskFactory(before);
        }
        return done();
    }

    @Test
    void test_run_coroutine_threadsafe_task_factory_exception() {
        run(submitsThroughABrokenFactory());
    }
}
