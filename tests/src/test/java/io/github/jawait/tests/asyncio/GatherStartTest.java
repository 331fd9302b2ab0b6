package io.github.jawait.tests.asyncio;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.gatherSettled;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Awaitable;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.Outcome;
import io.github.jawait.Task;
import io.github.jawait.TaskFactory;
import io.github.jawait.VirtualClock;
import io.github.jawait.tests.Busy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the tasks a gather makes start: each one's first step on the next turn, in argument
 * order, after what was queued before the gather and before what is queued after it (asyncio
 * schedules each task's first step with {@code call_soon} as {@code ensure_future} makes it).
 * The runtime starts them from one ready item when the loop has no task factory; with one it
 * starts each as {@code createTask} does. Every test runs both ways and must see the same.
 */
class GatherStartTest {
    final List<String> events = new ArrayList<>();

    /** Runs {@code main} on a virtual-clock loop, with the default factory ({@code factory} false) or a plain one. */
    <T> T run(boolean factory, Function<EventLoop, Coroutine<T>> main) {
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            if (factory) {
                loop.setTaskFactory(TaskFactory.DEFAULT);
            }
            return loop.runUntilComplete(main.apply(loop));
        }
    }

    @Async
    Coroutine<String> child(String name) {
        events.add("start " + name);
        await(sleep(0));
        events.add("resume " + name);
        return result(name);
    }

    @Async
    Coroutine<List<String>> orderAroundTheGather(EventLoop loop) {
        loop.callSoon(() -> events.add("queued before"));
        Awaitable<List<String>> all = gather(child("a"), child("b"), child("c"));
        loop.callSoon(() -> events.add("queued after"));
        return result(await(all));
    }

    @ParameterizedTest(name = "task factory set: {0}")
    @ValueSource(booleans = {false, true})
    void firstStepsRunNextTurnInArgumentOrderBetweenWhatWasQueuedBeforeAndAfter(boolean factory) {
        assertEquals(List.of("a", "b", "c"), run(factory, this::orderAroundTheGather));
        // a sleep(0) in a first step yields to the siblings still to start in the same turn
        assertEquals(List.of("queued before", "start a", "start b", "start c", "queued after",
                "resume a", "resume b", "resume c"), events);
    }

    @Async
    Coroutine<List<String>> gatherAlone() {
        return result(await(gather(child("a"), child("b"), child("c"))));
    }

    @ParameterizedTest(name = "task factory set: {0}")
    @ValueSource(booleans = {false, true})
    void aSleepZeroInAFirstStepYieldsToTheSiblingsNotStartedYet(boolean factory) {
        // nothing else is ready: only the siblings still to start make the sleep(0) a real yield
        assertEquals(List.of("a", "b", "c"), run(factory, loop -> gatherAlone()));
        assertEquals(List.of("start a", "start b", "start c", "resume a", "resume b", "resume c"), events);
    }

    final List<Task<?>> running = new ArrayList<>();

    @Async
    Coroutine<String> whoAmI(String name) {
        running.add(Asyncio.currentTask()); // its result is a string: a task whose result is itself prints forever
        return result(name);
    }

    @Async
    Coroutine<List<String>> currentTasks() {
        List<Coroutine<String>> children = List.of(whoAmI("a"), whoAmI("b"), whoAmI("c"));
        List<String> names = await(gather(children));
        assertEquals(3, running.size());
        for (int i = 0; i < 3; i++) {
            assertSame(children.get(i), running.get(i).getCoroutine(), "currentTask() in child " + i);
        }
        return result(names);
    }

    @ParameterizedTest(name = "task factory set: {0}")
    @ValueSource(booleans = {false, true})
    void currentTaskInAFirstStepIsThatTask(boolean factory) {
        assertEquals(List.of("a", "b", "c"), run(factory, loop -> currentTasks()));
    }

    @Async
    Coroutine<List<String>> mixedArguments(EventLoop loop) {
        Task<String> early = createTask(child("early"));
        Coroutine<String> twice = child("twice");
        Awaitable<List<String>> all = gather(child("x"), early, twice, child("y"), twice, createTask(child("late")));
        return result(await(all));
    }

    @ParameterizedTest(name = "task factory set: {0}")
    @ValueSource(booleans = {false, true})
    void tasksPassedInKeepTheirPlaceAndARepeatedCoroutineRunsOnce(boolean factory) {
        assertEquals(List.of("x", "early", "twice", "y", "twice", "late"), run(factory, this::mixedArguments));
        // "late" is made (and queued) while the arguments are evaluated, before the gather makes x
        assertEquals(List.of("start early", "start late", "start x", "start twice", "start y",
                "resume early", "resume late", "resume x", "resume twice", "resume y"), events);
    }

    @Async
    Coroutine<String> canceller(List<Coroutine<String>> victims) {
        for (Task<?> t : EventLoop.current().allTasks()) {
            if (victims.contains(t.getCoroutine())) {
                events.add("cancel " + t.cancel("by a sibling"));
            }
        }
        return result("canceller");
    }

    @Async
    Coroutine<List<Outcome<String>>> siblingCancelledBeforeItStarts() {
        List<Coroutine<String>> victim = new ArrayList<>();
        Coroutine<String> first = canceller(victim);
        Coroutine<String> second = child("victim");
        victim.add(second);
        return result(await(gatherSettled(first, second, child("third"))));
    }

    @ParameterizedTest(name = "task factory set: {0}")
    @ValueSource(booleans = {false, true})
    void aSiblingCancelledBeforeItsFirstStepNeverRuns(boolean factory) {
        List<Outcome<String>> outcomes = run(factory, loop -> siblingCancelledBeforeItStarts());
        assertEquals("canceller", outcomes.get(0).value());
        CancelledError e = (CancelledError) outcomes.get(1).failure();
        assertEquals("by a sibling", e.getMessage());
        assertEquals("third", outcomes.get(2).value());
        assertEquals(List.of("cancel true", "start third", "resume third"), events);
    }

    /** An awaitable whose park overflows the stack: an error the loop does not catch. */
    static final class Overflows implements Awaitable<Void>, io.github.jawait.core.Suspendable {
        @Override
        public boolean isDone() {
            return false;
        }

        @Override
        public Object outcome() {
            return null;
        }

        @Override
        public void park(Task<?> waiter) {
            throw new StackOverflowError("test");
        }

        @Override
        public void unpark(Task<?> waiter) {
        }
    }

    @Async
    Coroutine<String> overflows() {
        events.add("start boom");
        await(new Overflows());
        return result("boom");
    }

    @Async
    Coroutine<List<String>> gatherOverflowing() {
        return result(await(gather(overflows(), child("b"), child("c"))));
    }

    @Async
    Coroutine<Void> later() {
        await(sleep(1));
        return done();
    }

    @ParameterizedTest(name = "task factory set: {0}")
    @ValueSource(booleans = {false, true})
    @org.junit.jupiter.api.Timeout(value = 30, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aVirtualMachineErrorInAFirstStepLeavesTheOthersToStartOnTheNextRun(boolean factory) {
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            if (factory) {
                loop.setTaskFactory(TaskFactory.DEFAULT);
            }
            StackOverflowError e = org.junit.jupiter.api.Assertions.assertThrows(StackOverflowError.class,
                    () -> loop.runUntilComplete(gatherOverflowing()));
            assertEquals("test", e.getMessage());
            loop.runUntilComplete(later());
            assertEquals(List.of("start boom", "start b", "start c", "resume b", "resume c"), events);
        } // close() cancels the task left parked on Overflows and the gather
    }

    @Async
    Coroutine<Void> slowStart() {
        Busy.spin(300);
        return done();
    }

    @Async
    Coroutine<Void> quickStart() {
        return done();
    }

    @Async
    Coroutine<Void> gatherSlowFirstStep() {
        Task<?> marker = createTask(quickStart(), "marker");
        await(marker);
        await(gather(quickStart(), slowStart(), quickStart()));
        return done();
    }

    @ParameterizedTest(name = "task factory set: {0}")
    @ValueSource(booleans = {false, true})
    void debugModeReportsTheSlowFirstStepAsItsTaskNotAsTheBatch(boolean factory) {
        List<String> logged;
        try (LogCapture log = new LogCapture(); EventLoop loop = new EventLoop(new VirtualClock())) {
            if (factory) {
                loop.setTaskFactory(TaskFactory.DEFAULT);
            }
            loop.setDebug(true);
            loop.setSlowStepThreshold(Duration.ofMillis(250));
            loop.runUntilComplete(gatherSlowFirstStep());
            logged = log.messages();
        }
        // the main task is Task-1 and the marker Task-2; the gathered ones are Task-3, -4, -5
        List<String> slow = logged.stream().filter(l -> l.startsWith("Executing ")).toList();
        assertTrue(slow.stream().anyMatch(l -> l.startsWith("Executing Task Task-4 from its start to its end took 0.")),
                logged.toString());
        assertTrue(slow.stream().noneMatch(l -> l.contains("callback")), logged.toString());
    }
}
