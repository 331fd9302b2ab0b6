package io.github.jawait.tests.asyncio;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.currentTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.tests.TestLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Eager task start, asyncio 3.12 ({@code create_task(coro, eager_start=True)}), after CPython's test_eager_task_factory.py. */
class EagerTasksTest {
    final List<String> events = new ArrayList<>();
    Task<?> seenCurrent;

    @Async
    Coroutine<Integer> finishesAtOnce() {
        events.add("child runs");
        seenCurrent = currentTask();
        return result(42);
    }

    // test_eager_task_factory.py: test_eager_completion (a coroutine that never suspends)
    @Async
    Coroutine<Void> eagerCompletion() {
        events.add("before");
        Task<Integer> t = createTask(finishesAtOnce(), true);
        events.add("after");
        assertTrue(t.done(), "done when createTask returns");
        assertEquals(42, t.result());
        assertSame(t, seenCurrent, "it ran as the current task");
        assertEquals(List.of("before", "child runs", "after"), events);
        return done();
    }

    @Test
    void aCoroutineThatNeverSuspendsIsDoneWhenCreateTaskReturns() {
        TestLoop.run(eagerCompletion());
    }

    @Async
    Coroutine<String> suspendsOnce() {
        events.add("child starts");
        await(sleep(0));
        events.add("child resumes");
        return result("done");
    }

    // test_eager_task_factory.py: test_eager_task_factory_set / the first step runs inline, the rest on the loop
    @Async
    Coroutine<Void> eagerThenLazy() {
        Task<String> eager = createTask(suspendsOnce(), "eager", true);
        events.add("creator continues");
        assertFalse(eager.done());
        Task<String> lazy = createTask(suspendsOnce(), "lazy", false);
        events.add("lazy created");
        assertEquals("done", await(eager));
        assertEquals("done", await(lazy));
        return done();
    }

    @Test
    void theFirstStepRunsInsideCreateTaskAndTheRestOnTheLoop() {
        TestLoop.run(eagerThenLazy());
        assertEquals(List.of("child starts", "creator continues", "lazy created", "child resumes",
                "child starts", "child resumes"), events);
    }

    @Async
    Coroutine<Void> cancelledEagerTask() {
        Task<String> t = createTask(suspendsOnce(), true);
        assertTrue(t.cancel());
        await(io.github.jawait.Asyncio.gatherSettled(t));
        assertTrue(t.cancelled());
        assertEquals(List.of("child starts"), events);
        return done();
    }

    @Test
    void anEagerTaskSuspendedAtItsFirstAwaitCanBeCancelled() {
        TestLoop.run(cancelledEagerTask());
    }
}
