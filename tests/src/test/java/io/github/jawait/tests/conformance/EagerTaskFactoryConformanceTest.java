package io.github.jawait.tests.conformance;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.currentTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.taskGroup;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.CancelledError;
import io.github.jawait.Context;
import io.github.jawait.ContextVar;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.Task;
import io.github.jawait.TaskFactory;
import io.github.jawait.VirtualClock;
import io.github.jawait.Waiter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CPython's {@code Lib/test/test_asyncio/test_eager_task_factory.py}, case by case, with
 * {@code loop.setTaskFactory(TaskFactory.EAGER)} for {@code loop.set_task_factory(asyncio.eager_task_factory)}
 * and a {@link Waiter} for a bare future.
 *
 * <p>Not ported: {@code test_staggered_race_with_eager_tasks*} (jawait has no
 * {@code staggered_race}), {@code test_issue105987} and {@code test_issue122332} (the C module's
 * internals, {@code get_coro()} returning None after completion), the {@code _PyTask}/{@code _CTask}
 * duplication. The task-counting classes ({@code AsyncTaskCounter}) count calls of Python's
 * task constructor made with {@code eager_start=False}; here a counting factory counts the tasks
 * the factory made that were not done when it returned (they needed a loop turn), which is what
 * those counts stand for.
 */
class EagerTaskFactoryConformanceTest {
    final VirtualClock clock = new VirtualClock();

    <T> T runCoro(Coroutine<T> c, TaskFactory factory) {
        try (EventLoop loop = new EventLoop(clock)) {
            loop.setTaskFactory(factory);
            return loop.runUntilComplete(c);
        }
    }

    <T> T runCoro(Coroutine<T> c) {
        return runCoro(c, TaskFactory.EAGER);
    }

    @Async
    static Coroutine<Void> noop() {
        return done();
    }

    // test_eager_task_factory.py: test_eager_task_factory_set
    @Async
    Coroutine<Void> factorySet() {
        assertSame(TaskFactory.EAGER, getRunningLoop().getTaskFactory());
        Task<Void> t = getRunningLoop().createTask(noop());
        await(t);
        return done();
    }

    @Test
    void test_eager_task_factory_set() {
        runCoro(factorySet());
    }

    // test_eager_task_factory.py: test_await_future_during_eager_step
    @Async
    static Coroutine<Void> setResult(Waiter<String> fut, String val) {
        fut.wake(val);
        return done();
    }

    @Async
    Coroutine<String> awaitFutureDuringEagerStep() {
        Waiter<String> fut = new Waiter<>(null);
        Task<Void> t = getRunningLoop().createTask(setResult(fut, "my message"));
        assertTrue(t.done()); // the eager step completed the task
        return result(await(fut));
    }

    @Test
    void test_await_future_during_eager_step() {
        assertEquals("my message", runCoro(awaitFutureDuringEagerStep()));
    }

    // test_eager_task_factory.py: test_eager_completion
    @Async
    static Coroutine<String> hello() {
        return result("hello");
    }

    @Async
    Coroutine<String> eagerCompletion() {
        Task<String> t = getRunningLoop().createTask(hello());
        assertTrue(t.done());
        return result(await(t));
    }

    @Test
    void test_eager_completion() {
        assertEquals("hello", runCoro(eagerCompletion()));
    }

    // test_eager_task_factory.py: test_block_after_eager_step
    @Async
    static Coroutine<String> blocks() {
        await(sleep(0.1));
        return result("finished after blocking");
    }

    @Async
    Coroutine<String> blockAfterEagerStep() {
        Task<String> t = getRunningLoop().createTask(blocks());
        assertFalse(t.done());
        String r = await(t);
        assertTrue(t.done());
        return result(r);
    }

    @Test
    void test_block_after_eager_step() {
        assertEquals("finished after blocking", runCoro(blockAfterEagerStep()));
        assertEquals(0.1, clock.seconds(), 1e-9);
    }

    // test_eager_task_factory.py: test_cancellation_after_eager_completion
    @Async
    static Coroutine<String> noBlocking() {
        return result("finished without blocking");
    }

    @Async
    Coroutine<String> cancellationAfterEagerCompletion() {
        Task<String> t = getRunningLoop().createTask(noBlocking());
        assertFalse(t.cancel()); // a finished task cannot be cancelled
        String r = await(t);
        assertFalse(t.cancelled());
        return result(r);
    }

    @Test
    void test_cancellation_after_eager_completion() {
        assertEquals("finished without blocking", runCoro(cancellationAfterEagerCompletion()));
    }

    // test_eager_task_factory.py: test_cancellation_after_eager_step_blocks
    @Async
    Coroutine<Void> cancellationAfterEagerStepBlocks() {
        Task<String> t = getRunningLoop().createTask(blocks());
        t.cancel("cancellation message");
        assertTrue(t.cancelling() > 0);
        await(t);
        return done();
    }

    @Test
    void test_cancellation_after_eager_step_blocks() {
        CancelledError e = assertThrows(CancelledError.class, () -> runCoro(cancellationAfterEagerStepBlocks()));
        assertEquals("cancellation message", e.getMessage());
        assertEquals("cancellation message", e.messageObject());
    }

    // test_eager_task_factory.py: test_current_task
    Task<?> capturedCurrentTask;

    @Async
    Coroutine<Void> capturesCurrentTask() {
        capturedCurrentTask = currentTask();
        await(sleep(0.1));
        assertSame(capturedCurrentTask, currentTask()); // the same task before and after blocking
        return done();
    }

    @Async
    Coroutine<Void> currentTaskCase() {
        Task<Void> t = getRunningLoop().createTask(capturesCurrentTask());
        assertSame(t, capturedCurrentTask);
        await(t);
        return done();
    }

    @Test
    void test_current_task() {
        runCoro(currentTaskCase());
    }

    // test_eager_task_factory.py: test_all_tasks_with_eager_completion
    List<Task<?>> capturedAllTasks;

    @Async
    Coroutine<Void> capturesAllTasks() {
        capturedAllTasks = getRunningLoop().allTasks();
        return done();
    }

    @Async
    Coroutine<Void> allTasksWithEagerCompletion() {
        Task<Void> t = getRunningLoop().createTask(capturesAllTasks());
        assertTrue(capturedAllTasks.contains(t));
        assertFalse(getRunningLoop().allTasks().contains(t));
        return done();
    }

    @Test
    void test_all_tasks_with_eager_completion() {
        runCoro(allTasksWithEagerCompletion());
    }

    // test_eager_task_factory.py: test_all_tasks_with_blocking
    @Async
    Coroutine<Void> blocksOn(Waiter<Void> fut1, Waiter<Void> fut2) {
        capturedAllTasks = getRunningLoop().allTasks();
        await(fut1);
        fut2.wake(null);
        return done();
    }

    @Async
    Coroutine<Void> allTasksWithBlocking() {
        Waiter<Void> fut1 = new Waiter<>(null);
        Waiter<Void> fut2 = new Waiter<>(null);
        Task<Void> t = getRunningLoop().createTask(blocksOn(fut1, fut2));
        assertTrue(capturedAllTasks.contains(t));
        assertTrue(getRunningLoop().allTasks().contains(t));
        fut1.wake(null);
        await(fut2);
        assertFalse(getRunningLoop().allTasks().contains(t));
        return done();
    }

    @Test
    void test_all_tasks_with_blocking() {
        runCoro(allTasksWithBlocking());
    }

    // test_eager_task_factory.py: test_context_vars
    static final ContextVar<Integer> CV = new ContextVar<>("cv", 0);
    boolean firstStepRan;
    boolean secondStepRan;

    @Async
    Coroutine<Void> setsCv() {
        assertEquals(1, CV.get());
        CV.set(2);
        assertEquals(2, CV.get());
        firstStepRan = true;
        await(sleep(0.1));
        assertEquals(2, CV.get());
        CV.set(3);
        assertEquals(3, CV.get());
        secondStepRan = true;
        return done();
    }

    @Async
    Coroutine<Void> contextVars() {
        CV.set(1);
        Task<Void> t = getRunningLoop().createTask(setsCv());
        assertTrue(firstStepRan);
        assertFalse(secondStepRan);
        assertEquals(1, CV.get());
        await(t);
        assertTrue(secondStepRan);
        assertEquals(1, CV.get());
        return done();
    }

    @Test
    void test_context_vars() {
        runCoro(contextVars());
    }

    // ---- BaseTaskCountingTests with the eager and the default factory

    /** Counts the tasks its delegate made that needed a loop turn (not done when made). */
    static final class CountingFactory implements TaskFactory {
        final TaskFactory delegate;
        int scheduled;

        CountingFactory(TaskFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public <T> Task<T> create(EventLoop loop, Coroutine<T> coroutine, String name, Context context) {
            Task<T> t = delegate.create(loop, coroutine, name, context);
            if (!t.done()) {
                scheduled++;
            }
            return t;
        }
    }

    @Async
    static Coroutine<Integer> awaitableChain(int depth) {
        if (depth == 0) {
            return result(0);
        }
        return result(1 + await(awaitableChain(depth - 1)));
    }

    @Async
    static Coroutine<Void> recursiveTaskgroups(int width, int depth) {
        if (depth == 0) {
            return done();
        }
        await(taskGroup(tg -> {
            for (int i = 0; i < width; i++) {
                tg.createTask(recursiveTaskgroups(width, depth - 1));
            }
            return done();
        }));
        return done();
    }

    @Async
    static Coroutine<Void> recursiveGather(int width, int depth) {
        if (depth == 0) {
            return done();
        }
        List<Coroutine<Void>> children = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            children.add(recursiveGather(width, depth - 1));
        }
        await(gather(children));
        return done();
    }

    // test_eager_task_factory.py: BaseTaskCountingTests.test_awaitables_chain (EagerTests, NonEagerTests)
    @Test
    void test_awaitables_chain() {
        for (boolean eager : new boolean[] {true, false}) {
            CountingFactory counter = new CountingFactory(eager ? TaskFactory.EAGER : TaskFactory.DEFAULT);
            assertEquals(100, runCoro(awaitableChain(100), counter));
            assertEquals(1, counter.scheduled); // only the main task: the loop was not running when it was made
        }
    }

    // test_eager_task_factory.py: BaseTaskCountingTests.test_recursive_taskgroups
    @Test
    void test_recursive_taskgroups() {
        CountingFactory nonEager = new CountingFactory(TaskFactory.DEFAULT);
        runCoro(recursiveTaskgroups(5, 4), nonEager);
        assertEquals(781, nonEager.scheduled); // 1 + 5 + 5^2 + 5^3 + 5^4
        CountingFactory eager = new CountingFactory(TaskFactory.EAGER);
        runCoro(recursiveTaskgroups(5, 4), eager);
        // the 625 leaves finish inside their eager step; the 156 groups above them suspend at
        // their exit until their children's completions are processed, as CPython's do
        assertEquals(1 + 5 + 25 + 125, eager.scheduled);
    }

    // test_eager_task_factory.py: BaseTaskCountingTests.test_recursive_gather
    @Test
    void test_recursive_gather() {
        CountingFactory nonEager = new CountingFactory(TaskFactory.DEFAULT);
        runCoro(recursiveGather(5, 4), nonEager);
        assertEquals(781, nonEager.scheduled);
        CountingFactory eager = new CountingFactory(TaskFactory.EAGER);
        runCoro(recursiveGather(5, 4), eager);
        // every level finishes inside its eager step: the leaves at once, and a gather of finished
        // tasks is finished when it is made, so its parent does not suspend either (CPython's
        // gather hears of done children through call_soon callbacks and suspends once per level:
        // jawait saves those turns; the values and order are the same). Only the main task, made
        // before the loop ran, is scheduled.
        assertEquals(1, eager.scheduled);
    }

    // not in CPython: an explicit eager flag bypasses the factory; a factory returning nothing is refused
    @Async
    Coroutine<Void> explicitFlagWins() {
        Task<String> t = getRunningLoop().createTask(hello(), null, false);
        assertFalse(t.done());
        assertEquals("hello", await(t));
        return done();
    }

    @Test
    void anExplicitEagerFlagBypassesTheFactory() {
        runCoro(explicitFlagWins());
    }

    @Test
    void aFactoryMustReturnATaskOfItsLoop() {
        TaskFactory broken = new TaskFactory() {
            @Override
            public <T> Task<T> create(EventLoop loop, Coroutine<T> coroutine, String name, Context context) {
                return null;
            }

            @Override
            public String toString() {
                return "broken";
            }
        };
        try (EventLoop loop = new EventLoop(clock)) {
            loop.setTaskFactory(broken);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.createTask(hello()));
            assertTrue(e.getMessage().startsWith("broken returned null for "), e.getMessage());
            loop.setTaskFactory(null);
            assertNull(loop.getTaskFactory());
        }
    }
}
