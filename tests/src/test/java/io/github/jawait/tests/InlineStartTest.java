package io.github.jawait.tests;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.currentTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.emit;
import static io.github.jawait.Asyncio.end;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.AsyncGenerator;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.Task;
import io.github.jawait.TaskInfo;
import io.github.jawait.VirtualClock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code await(f())} of a new coroutine runs {@code f} at once on the awaiting method's Java
 * stack (Python's {@code await coro()}): one that finishes without suspending is read without the
 * caller suspending; one that suspends hands the task to the loop as before. The order of events,
 * values, failures, cancellation and the task's stack are those of a coroutine pushed by the loop.
 */
class InlineStartTest {
    final List<String> events = new ArrayList<>();

    @Async
    static Coroutine<Integer> twice(int v) {
        return result(2 * v);
    }

    @Async
    static Coroutine<Integer> sumOfTwice(int n) {
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += await(twice(i));
        }
        return result(sum);
    }

    @Test
    void callsThatNeverSuspendGiveTheirValues() {
        assertEquals(2 * (999 * 1000 / 2), TestLoop.run(sumOfTwice(1000)));
    }

    @Async
    static Coroutine<StackTraceElement[]> whereAmI() {
        return result(new Throwable().getStackTrace());
    }

    @Async
    static Coroutine<StackTraceElement[]> asksWhereItIs() {
        StackTraceElement[] trace = await(whereAmI());
        return result(trace);
    }

    @Test
    void theAwaitingMethodIsOnTheJavaStackOfTheCall() {
        StackTraceElement[] trace = TestLoop.run(asksWhereItIs());
        assertEquals("whereAmI$resume", trace[0].getMethodName());
        long callers = Arrays.stream(trace)
                .filter(e -> e.getMethodName().equals("asksWhereItIs$resume"))
                .filter(e -> e.getLineNumber() == 63)
                .count();
        assertEquals(1, callers, Arrays.toString(trace));
    }

    @Async
    static Coroutine<Integer> failsAtOnce(String why) {
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        return result(0);
    }

    @Async
    static Coroutine<String> catchesIt() {
        try {
            await(failsAtOnce("bad input"));
            return result("no failure");
        } catch (IllegalArgumentException e) {
            StackTraceElement top = e.getStackTrace()[0];
            return result(e.getMessage() + " at " + top.getMethodName() + ":" + top.getLineNumber());
        }
    }

    @Test
    void aFailureIsThrownAtTheAwaitAsItIs() {
        assertEquals("bad input at failsAtOnce$resume:81", TestLoop.run(catchesIt()));
    }

    @Async
    Coroutine<Integer> suspendsOnce(String name, int v) {
        events.add(name + " starts");
        await(sleep(0));
        events.add(name + " resumes");
        return result(v);
    }

    @Async
    Coroutine<Void> other() {
        events.add("other runs");
        return done();
    }

    @Async
    Coroutine<Integer> awaitsOneThatSuspends() {
        createTask(other());
        events.add("caller before");
        int v = await(suspendsOnce("child", 7));
        events.add("caller after " + v);
        return result(v);
    }

    @Test
    void aCallThatSuspendsLetsOtherTasksRunAndResumesItsCaller() {
        assertEquals(7, TestLoop.run(awaitsOneThatSuspends()));
        assertEquals(List.of("caller before", "child starts", "other runs", "child resumes", "caller after 7"), events);
    }

    @Async
    static Coroutine<Integer> nested(int depth, boolean leafSuspends) {
        if (depth == 0) {
            if (leafSuspends) {
                await(sleep(0));
            }
            return result(0);
        }
        int below = await(nested(depth - 1, leafSuspends));
        return result(below + 1);
    }

    @Test
    void deepChainsStayOffTheJavaStack() {
        // inline starts nest only so deep; past that the loop pushes the frame as before
        assertEquals(100_000, TestLoop.run(nested(100_000, false)));
        assertEquals(100_000, TestLoop.run(nested(100_000, true)));
    }

    @Async
    static Coroutine<Void> pause(double seconds) {
        await(sleep(seconds));
        return done();
    }

    @Async
    static <T> Coroutine<T> awaitTask(Task<T> t) {
        return result(await(t));
    }

    @Async
    Coroutine<Void> waitsLong(String name) {
        await(sleep(10));
        return done();
    }

    @Async
    Coroutine<Void> outerWaiter() {
        await(waitsLong("inner"));
        return done();
    }

    @Test
    void aTaskSuspendedInAnInlineStartedCoroutineShowsTheWholeChain() {
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            Task<Void> t = loop.createTask(outerWaiter());
            loop.runUntilComplete(pause(1));
            TaskInfo info = loop.tasks().stream().filter(i -> i.name().equals(t.getName()))
                    .findFirst().orElseThrow();
            String cls = InlineStartTest.class.getName();
            assertEquals("suspended", info.state());
            assertEquals(List.of(cls + ".waitsLong (InlineStartTest.java:163)", cls + ".outerWaiter (InlineStartTest.java:169)"),
                    info.suspendedAt());
            assertEquals("sleep(10.0s)", info.awaiting());
            t.cancel();
            assertThrows(CancelledError.class, () -> loop.runUntilComplete(awaitTask(t)));
        }
    }

    @Async
    Coroutine<Integer> cancelsItsOwnTask() {
        currentTask().cancel("stop");
        events.add("cancel requested");
        try {
            await(sleep(0));
            events.add("not cancelled");
        } catch (CancelledError e) {
            events.add("child sees " + e.getMessage());
            throw e;
        }
        return result(1);
    }

    @Async
    Coroutine<Integer> awaitsCancelling() {
        try {
            return result(await(cancelsItsOwnTask()));
        } catch (CancelledError e) {
            events.add("caller sees " + e.getMessage());
            throw e;
        }
    }

    @Test
    void aCancellationReachesTheInlineStartedCoroutineAtItsAwait() {
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            Task<Integer> t = loop.createTask(awaitsCancelling());
            CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(awaitTask(t)));
            assertEquals("stop", e.getMessage());
            assertTrue(t.cancelled());
        }
        assertEquals(List.of("cancel requested", "child sees stop", "caller sees stop"), events);
    }

    @Async
    static Coroutine<Integer> startedThenSuspended(Coroutine<Integer> shared) {
        return result(await(shared));
    }

    @Async
    static Coroutine<String> awaitsTheSameCoroutineTwice() {
        Coroutine<Integer> shared = nested(3, true);
        Task<Integer> first = createTask(startedThenSuspended(shared));
        await(sleep(0)); // the first task starts it and it suspends in there
        try {
            await(shared);
            return result("awaited twice");
        } catch (IllegalStateException e) {
            return result(e.getMessage().substring(e.getMessage().indexOf(" is already being awaited"))
                    + " / first got " + await(first));
        }
    }

    @Test
    void aCoroutineStartedInlineIsStillAwaitedOnce() {
        assertEquals(" is already being awaited; a coroutine runs once: wrap it in Asyncio.createTask(...)"
                + " to await it from several places / first got 3", TestLoop.run(awaitsTheSameCoroutineTwice()));
    }

    @Async
    static AsyncGenerator<Integer> counts(int n) {
        for (int i = 1; i <= n; i++) {
            await(sleep(0));
            emit(i);
        }
        return end();
    }

    @Async
    static Coroutine<Integer> sums(int n) {
        int sum = 0;
        AsyncGenerator<Integer> g = counts(n);
        while (await(g.hasNext())) {
            sum += g.next();
        }
        return result(sum);
    }

    @Async
    static Coroutine<Integer> awaitsAGeneratorConsumer() {
        return result(await(sums(4)) + await(sums(0)));
    }

    @Test
    void aGeneratorConsumedInsideAnInlineStartedCoroutine() {
        assertEquals(10, TestLoop.run(awaitsAGeneratorConsumer()));
    }

    @Async
    static Coroutine<Integer> delegates(int depth, boolean leafSuspends) {
        if (depth == 0) {
            return nested(0, leafSuspends);
        }
        return delegates(depth - 1, leafSuspends); // the returned coroutine's outcome is this one's
    }

    @Test
    void aReturnedCoroutineRunsInlineToo() {
        assertEquals(0, TestLoop.run(delegates(100_000, false)));
        assertEquals(0, TestLoop.run(delegates(100_000, true)));
    }
}
