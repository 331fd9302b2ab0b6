package io.github.jawait.tests.asyncio;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gatherSettled;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.Outcome;
import io.github.jawait.Task;
import io.github.jawait.VirtualClock;
import io.github.jawait.tests.Busy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Many sleeping tasks whose timers fall due in the same turn: they resume in the order their
 * timers were armed, with what a timer callback queues among them in its place, all in that
 * turn (asyncio moves due timers to the ready queue in order); 40 tasks, so that a runtime
 * that queued a burst of them differently (in batches, as a gather's first steps are) would be
 * tested on more than a handful.
 */
class TimerWakeOrderTest {
    static final int N = 40;
    final List<String> events = new ArrayList<>();
    final Map<Integer, Task<?>> tasks = new HashMap<>();

    @Async
    Coroutine<Integer> sleeper(int i, EventLoop loop) {
        tasks.put(i, Asyncio.currentTask());
        if (i == 20) { // armed between the timers of sleepers 19 and 20, with the same deadline
            loop.callLater(Duration.ofSeconds(1), () -> {
                events.add("timer callback");
                loop.callSoon(() -> events.add("queued by the timer callback"));
            });
        }
        await(sleep(1));
        events.add("wake " + i);
        if (i == 20) {
            events.add("cancel 30: " + tasks.get(30).cancel("by 20"));
        }
        await(sleep(0));
        events.add("again " + i);
        return result(i);
    }

    @Async
    Coroutine<List<Outcome<Integer>>> burst(EventLoop loop) {
        List<Coroutine<Integer>> all = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            all.add(sleeper(i, loop));
        }
        return result(await(gatherSettled(all)));
    }

    List<Outcome<Integer>> run(boolean debug) {
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            loop.setDebug(debug);
            return loop.runUntilComplete(burst(loop));
        }
    }

    @Test
    void tasksDueInOneTurnResumeInArmingOrderWithWhatACallbackQueuesAfterThem() {
        List<Outcome<Integer>> outcomes = run(false);
        List<String> expected = new ArrayList<>();
        expected.add("timer callback"); // a timer's callback runs as its timer is taken, before the steps
        for (int i = 0; i < N; i++) {
            if (i == 20) { // queued between the steps of the tasks whose timers came before and after it
                expected.add("queued by the timer callback");
            }
            if (i != 30) {
                expected.add("wake " + i);
            }
            if (i == 20) {
                expected.add("cancel 30: true");
            }
        }
        for (int i = 0; i < N; i++) {
            if (i != 30) {
                expected.add("again " + i); // a sleep(0) yields to every task due in the same turn
            }
        }
        assertEquals(expected, events);
        // the task cancelled after its timer fired, before its step: the sleep raises CancelledError
        CancelledError e = (CancelledError) outcomes.get(30).failure();
        assertEquals("by 20", e.getMessage());
        assertEquals(39, outcomes.get(39).value());
    }

    @Async
    Coroutine<Task<?>> whoWakes(List<Task<?>> seen) {
        Task<?> me = Asyncio.currentTask();
        await(sleep(1));
        seen.add(Asyncio.currentTask());
        return result(me);
    }

    @Test
    void currentTaskAfterATimerIsTheTaskItWoke() {
        List<Task<?>> seen = new ArrayList<>();
        List<Outcome<Task<?>>> made;
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            made = loop.runUntilComplete(wakers(seen));
        }
        assertEquals(N, seen.size());
        for (int i = 0; i < N; i++) {
            assertSame(made.get(i).value(), seen.get(i), "task " + i);
        }
    }

    @Async
    Coroutine<List<Outcome<Task<?>>>> wakers(List<Task<?>> seen) {
        List<Coroutine<Task<?>>> all = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            all.add(whoWakes(seen));
        }
        return result(await(gatherSettled(all)));
    }

    @Async
    Coroutine<Void> slowAfterSleep(int i) {
        await(sleep(1));
        if (i == 30) {
            Busy.spin(300);
        }
        return done();
    }

    @Async
    Coroutine<Void> slowBurst() {
        List<Coroutine<Void>> all = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            all.add(slowAfterSleep(i));
        }
        await(gatherSettled(all));
        return done();
    }

    @Test
    void debugModeReportsASlowStepAfterATimerAsItsTask() {
        List<String> logged;
        try (LogCapture log = new LogCapture(); EventLoop loop = new EventLoop(new VirtualClock())) {
            loop.setDebug(true);
            loop.setSlowStepThreshold(Duration.ofMillis(250));
            loop.runUntilComplete(slowBurst());
            logged = log.messages();
        }
        // the main task is Task-1: sleeper 30 is Task-32
        assertTrue(logged.stream().anyMatch(l -> l.startsWith("Executing Task Task-32 from ")
                && l.contains("slowAfterSleep (TimerWakeOrderTest.java:") && l.contains(" to its end took 0.")), logged.toString());
        assertTrue(logged.stream().noneMatch(l -> l.contains("callback")), logged.toString());
    }
}
