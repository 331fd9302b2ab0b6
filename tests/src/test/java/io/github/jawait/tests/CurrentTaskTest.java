package io.github.jawait.tests;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.Task;
import io.github.jawait.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code currentTask()} as asyncio's {@code current_task()}: the task whose step runs, null in a
 * plain callback or timer callback. The loop reads it from the ready queue's running item
 * (a step stores nothing into the loop), and from {@code eagerTask} during an eager first step;
 * these cases pin that down where the item and the queue's segments move under it.
 */
class CurrentTaskTest {
    final List<Object> seen = new ArrayList<>();

    private static Task<?> currentOrNull() {
        return EventLoop.current().currentTask();
    }

    @Async
    Coroutine<Task<?>> whoAmI() {
        Task<?> before = currentOrNull();
        await(sleep(0));
        assertSame(before, currentOrNull(), "the same task after a suspension");
        return result(before);
    }

    @Test
    void aTaskSeesItselfAcrossSuspensions() {
        EventLoop loop = new EventLoop();
        try (loop) {
            Task<Task<?>> t = loop.createTask(whoAmI());
            assertSame(t, loop.runUntilComplete(awaitTask(t)));
            assertNull(loop.currentTask(), "between turns nothing runs");
        }
    }

    @Async
    Coroutine<Task<?>> awaitTask(Task<Task<?>> t) {
        return result(await(t));
    }

    @Async
    Coroutine<Void> scheduleCallbacks(int n) {
        Task<?> me = currentOrNull();
        for (int i = 0; i < n; i++) {
            // more callbacks than a segment of the ready queue holds: its tail moves on while this step runs
            EventLoop.current().callSoon(() -> seen.add(currentOrNull() == null ? "none" : currentOrNull()));
        }
        assertSame(me, currentOrNull(), "still the current task after scheduling " + n + " callbacks");
        seen.add("task:" + (me != null));
        await(sleep(0));
        assertSame(me, currentOrNull());
        return done();
    }

    @Test
    void callbacksRunWithoutACurrentTaskEvenPastASegmentBoundary() {
        int n = 2_500;
        TestLoop.run(scheduleCallbacks(n));
        assertEquals(n + 1, seen.size());
        assertEquals("task:true", seen.get(0));
        for (int i = 1; i <= n; i++) {
            assertEquals("none", seen.get(i), "callback " + i);
        }
    }

    @Async
    Coroutine<Void> timerCallback() {
        EventLoop loop = EventLoop.current();
        loop.callLater(Duration.ofMillis(5), () -> seen.add(currentOrNull() == null ? "timer:none" : "timer:task"));
        await(sleep(0.01));
        seen.add(currentOrNull() == null ? "task:none" : "task:set");
        return done();
    }

    @Test
    void aTimerCallbackHasNoCurrentTask() {
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            loop.runUntilComplete(timerCallback());
        }
        assertEquals(List.of("timer:none", "task:set"), seen);
    }

    @Async
    Coroutine<Task<?>> eagerChild() {
        Task<?> me = currentOrNull();
        seen.add(me);
        await(sleep(0));
        assertSame(me, currentOrNull(), "the child, resumed by the loop later");
        return result(me);
    }

    @Async
    Coroutine<Void> eagerParent() {
        Task<?> parent = currentOrNull();
        Task<Task<?>> child = createTask(eagerChild(), "child", true);
        assertSame(child, seen.get(0), "inside the eager first step, the child is current");
        assertSame(parent, currentOrNull(), "after it, the parent again");
        assertSame(child, await(child));
        assertSame(parent, currentOrNull());
        return done();
    }

    @Test
    void anEagerFirstStepIsTheChildsAndTheParentIsCurrentAgainAfterIt() {
        TestLoop.run(eagerParent());
        assertEquals(1, seen.size());
    }

    @Async
    Coroutine<Void> eagerFromCallback() {
        EventLoop loop = EventLoop.current();
        loop.callSoon(() -> {
            // an eager task made from a plain callback: current during its first step only
            Task<Task<?>> t = loop.createTask(eagerChild(), null, true);
            seen.add(currentOrNull() == null ? "callback:none" : "callback:" + currentOrNull());
            seen.add(t);
        });
        await(sleep(0));
        await(sleep(0));
        return done();
    }

    @Test
    void anEagerTaskMadeInACallbackLeavesNoCurrentTaskBehind() {
        TestLoop.run(eagerFromCallback());
        assertEquals(3, seen.size());
        assertSame(seen.get(0), seen.get(2), "the eager step saw its own task");
        assertEquals("callback:none", seen.get(1));
    }

    @Async
    Coroutine<Void> failsAtOnce() {
        throw new IllegalStateException("boom");
    }

    @Test
    void aCallbackThatThrowsDoesNotLeaveItselfRunning() {
        try (EventLoop loop = new EventLoop()) {
            loop.callSoon(() -> {
                throw new IllegalStateException("callback failed on purpose");
            });
            loop.callSoon(() -> seen.add(loop.currentTask() == null ? "next:none" : "next:task"));
            Task<Void> t = loop.createTask(failsAtOnce());
            loop.callSoon(() -> seen.add(loop.currentTask() == null ? "after-task:none" : "after-task:task"));
            try {
                loop.runUntilComplete(awaitQuietly(t));
            } finally {
                assertNull(loop.currentTask());
            }
        }
        assertEquals(List.of("next:none", "after-task:none"), seen);
    }

    @Async
    Coroutine<Void> awaitQuietly(Task<Void> t) {
        try {
            await(t);
        } catch (IllegalStateException expected) {
            assertEquals("boom", expected.getMessage());
        }
        return done();
    }

    @Async
    Coroutine<Void> yieldOnce() {
        await(sleep(0));
        return done();
    }

    @Test
    void asyncioCurrentTaskOutsideATaskThrows() {
        try (EventLoop loop = new EventLoop()) {
            List<String> messages = new ArrayList<>();
            loop.callSoon(() -> {
                try {
                    Asyncio.currentTask();
                } catch (IllegalStateException e) {
                    messages.add(e.getMessage());
                }
            });
            loop.runUntilComplete(yieldOnce());
            assertEquals(List.of("currentTask() called outside a task"), messages);
        }
    }
}
