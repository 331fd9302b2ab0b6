package io.github.jawait.tests.asyncio;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.gatherSettled;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.shield;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.Task;
import io.github.jawait.VirtualClock;
import io.github.jawait.sync.Event;
import io.github.jawait.tests.TestLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The loop's list of tasks: {@code allTasks()} (pruned lazily) and {@code close()}. */
class LoopTasksTest {
    final List<String> log = new ArrayList<>();

    @Async
    Coroutine<Integer> quick(int i) {
        await(sleep(0));
        return result(i);
    }

    @Async
    Coroutine<Void> sleepFor(double seconds) {
        await(sleep(seconds));
        return done();
    }

    @Async
    Coroutine<Void> listsLiveTasksOnly() {
        EventLoop loop = getRunningLoop();
        Task<?> main = Asyncio.currentTask();
        Task<Void> old = createTask(sleepFor(100), "old");
        List<Task<Integer>> quicks = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            quicks.add(createTask(quick(i)));
        }
        assertEquals(302, loop.allTasks().size());
        List<Integer> results = await(gather(quicks));
        assertEquals(300, results.size());
        assertEquals(299, results.get(299));
        Task<Void> fresh = createTask(sleepFor(1), "fresh"); // not started yet: listed all the same
        assertEquals(Set.of(main, old, fresh), Set.copyOf(loop.allTasks()));
        assertEquals(3, loop.allTasks().size());
        await(fresh);
        assertEquals(Set.of(main, old), Set.copyOf(loop.allTasks()));
        old.cancel();
        await(gatherSettled(old));
        assertEquals(List.of(main), loop.allTasks());
        return done();
    }

    @Test
    void allTasksListsEveryLiveTaskAndNoFinishedOneAcrossPruning() {
        TestLoop.run(listsLiveTasksOnly());
    }

    @Async
    Coroutine<Void> waitsForever(Event never) {
        try {
            await(never.waitFor());
        } catch (CancelledError e) {
            log.add("spawned task cancelled");
            throw e;
        }
        return done();
    }

    @Async
    Coroutine<Void> worker(Event never, List<Task<Void>> spawned) {
        try {
            await(sleep(3600));
        } finally {
            spawned.add(createTask(waitsForever(never), "spawned-in-finally"));
            await(sleep(0)); // the new task starts and waits for the event
            log.add("worker cleanup");
        }
        return done();
    }

    @Async
    Coroutine<Task<Void>> startWorker(Event never, List<Task<Void>> spawned) {
        Task<Void> w = createTask(worker(never, spawned), "worker");
        await(sleep(0));
        return result(w);
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void closeAlsoCancelsTheTasksThatCleanupCodeStarts() {
        // asyncio.run cancels what is left and does not wait for tasks started meanwhile;
        // waiting for them made close() hang on one that waits for an event nobody sets
        Event never = new Event();
        List<Task<Void>> spawned = new ArrayList<>();
        EventLoop loop = new EventLoop(new VirtualClock());
        Task<Void> w = loop.runUntilComplete(startWorker(never, spawned));
        loop.close();
        assertTrue(w.cancelled());
        assertEquals(1, spawned.size());
        assertTrue(spawned.get(0).cancelled());
        assertEquals(List.of("worker cleanup", "spawned task cancelled"), log);
        assertEquals(List.of(), loop.allTasks());
    }

    @Async
    Coroutine<Void> awaitBoxed(List<Task<Void>> box) {
        await(box.get(0));
        return done();
    }

    @Async
    Coroutine<Void> awaitShielded(List<Task<Void>> box) {
        await(shield(box.get(0)));
        return done();
    }

    @Async
    Coroutine<Void> describeEachOther() {
        List<Task<Void>> boxA = new ArrayList<>();
        List<Task<Void>> boxB = new ArrayList<>();
        Task<Void> a = createTask(awaitBoxed(boxB), "A");
        Task<Void> b = createTask(awaitShielded(boxA), "B");
        boxA.add(a);
        boxB.add(b);
        await(sleep(0)); // A waits for B, B for a shield of A
        String prefix = "<coroutine " + LoopTasksTest.class.getName();
        String frameA = prefix + ".awaitBoxed suspended at await 1 on Task B>";
        String frameB = prefix + ".awaitShielded suspended at await 1 on Shield>";
        assertEquals("<Task A pending, " + frameA + " coro=" + frameA + ">", a.toString());
        assertEquals("<Task B pending, " + frameB + " coro=" + frameB + ">", b.toString());
        a.cancel(); // travels into B, which stops at the shield; B's cancellation then ends A
        await(gatherSettled(a, b));
        assertTrue(a.cancelled());
        assertTrue(b.cancelled());
        assertEquals("<Task A cancelled coro=" + prefix + ".awaitBoxed failed>>", a.toString());
        return done();
    }

    @Test
    void tasksWaitingForEachOtherDescribeEachOtherWithoutRecursing() {
        TestLoop.run(describeEachOther());
    }

    @Async
    Coroutine<String> awaitsItself() {
        try {
            await(Asyncio.currentTask());
            return result("returned");
        } catch (IllegalStateException e) {
            return result(e.getMessage());
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aTaskAwaitingItselfFailsAtThatAwaitInsteadOfHangingForever() {
        // asyncio: RuntimeError("Task cannot await on itself"); waiting made run() hang, and a
        // cancel() of such a task recursed into itself until the stack overflowed
        String m = TestLoop.run(awaitsItself());
        assertTrue(m.startsWith("Task cannot await on itself: <Task Task-1 pending"), m);
    }
}
