package io.github.jawait.tests.asyncio;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.shield;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Awaitable;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.Task;
import io.github.jawait.VirtualClock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** asyncio.run / run_until_complete semantics, error reporting and thread confinement (test_runners). */
class RunnersTest {
    final List<String> events = new ArrayList<>();

    @Async
    Coroutine<Integer> answer() {
        await(sleep(1));
        return result(42);
    }

    @Test
    void runReturnsTheResult() {
        VirtualClock clock = new VirtualClock();
        assertEquals(42, Asyncio.run(answer(), clock));
        assertEquals(1.0, clock.seconds(), 1e-9);
    }

    @Async
    Coroutine<Void> throwsChecked() {
        await(sleep(1));
        throw sneaky(new IOException("disk on fire"));
    }

    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }

    @Test
    void runRethrowsTheMainExceptionAsItIs() {
        IOException e = assertThrows(IOException.class, () -> Asyncio.run(throwsChecked(), new VirtualClock()));
        assertEquals("disk on fire", e.getMessage());
    }

    @Async
    Coroutine<Void> background(String name) {
        try {
            await(sleep(100));
            events.add(name + " finished");
        } finally {
            await(sleep(1)); // cleanup may await
            events.add(name + " finally");
        }
        return done();
    }

    @Async
    Coroutine<String> leavesTasksBehind() {
        createTask(background("a"));
        createTask(background("b"));
        await(sleep(1));
        return result("main done");
    }

    @Test
    void runCancelsWhatIsLeftAndLetsItsFinallyBlocksRun() {
        assertEquals("main done", Asyncio.run(leavesTasksBehind(), new VirtualClock()));
        assertEquals(List.of("a finally", "b finally"), events.stream().sorted().toList());
    }

    @Async
    Coroutine<String> nested() {
        try {
            Asyncio.run(answer());
            return result("nested loop ran");
        } catch (IllegalStateException e) {
            return result(e.getMessage());
        }
    }

    @Test
    void runRefusesToNestInARunningLoop() {
        assertEquals("Asyncio.run() cannot be called from a running event loop; await the coroutine"
                + " (or createTask it) instead", Asyncio.run(nested(), new VirtualClock()));
    }

    @Async
    Coroutine<Void> taskWithError() {
        throw new IllegalArgumentException("Something went wrong");
    }

    @Async
    Coroutine<String> guideErrorHandling() {
        createTask(taskWithError(), "forgotten"); // wrong: nobody awaits it
        await(sleep(1));
        Task<Void> task = createTask(taskWithError());
        try {
            await(task);
            return result("no error");
        } catch (IllegalArgumentException e) {
            return result("Caught: " + e.getMessage());
        }
    }

    @Test
    void aFailureNobodyRetrievedIsReportedWhenTheLoopCloses() {
        try (LogCapture log = new LogCapture()) {
            assertEquals("Caught: Something went wrong", Asyncio.run(guideErrorHandling(), new VirtualClock()));
            assertEquals(1, log.records.size(), () -> log.records.toString());
            String message = log.records.get(0).getMessage();
            assertTrue(message.startsWith("Task forgotten"), message);
            assertTrue(message.endsWith("exception was never retrieved"), message);
            assertEquals("Something went wrong", log.records.get(0).getThrown().getMessage());
        }
    }

    @Async
    Coroutine<Void> failsLater() {
        await(sleep(1));
        throw new IllegalArgumentException("one failure");
    }

    @Async
    Coroutine<String> awaitsTheShield(Awaitable<Void> shielded) {
        await(shielded);
        return result("not cancelled");
    }

    @Async
    Coroutine<Void> oneFailureUnderTwoShields() {
        Task<Void> t = createTask(failsLater());
        Task<String> a1 = createTask(awaitsTheShield(shield(t)));
        Task<String> a2 = createTask(awaitsTheShield(shield(t)));
        await(sleep(0.5));
        a1.cancel(); // both awaiters leave; the shielded task fails on its own later
        a2.cancel();
        await(sleep(2));
        return done();
    }

    @Test
    void oneFailureSeenThroughTwoShieldsIsReportedOnce() {
        // issue 13, item 10: each shield saw the failure, nobody retrieved it; one report
        try (LogCapture log = new LogCapture()) {
            Asyncio.run(oneFailureUnderTwoShields(), new VirtualClock());
            assertEquals(1, log.records.size(), () -> log.records.toString());
            assertEquals("one failure", log.records.get(0).getThrown().getMessage());
        }
    }

    // CPython test_runners.py RunnerTests: a Runner reuses one loop across run() calls
    @Async
    Coroutine<Integer> startsBackgroundWork(io.github.jawait.sync.Queue<Integer> q) {
        createTask(fillLater(q)); // not awaited: it lives on in the runner's loop
        return result(1);
    }

    @Async
    Coroutine<Void> fillLater(io.github.jawait.sync.Queue<Integer> q) {
        await(sleep(1));
        await(q.put(7));
        return done();
    }

    @Async
    Coroutine<Integer> takesIt(io.github.jawait.sync.Queue<Integer> q) {
        return result(await(q.get()));
    }

    @Test
    void aRunnerKeepsItsLoopAndTasksAcrossRuns() {
        io.github.jawait.sync.Queue<Integer> q = new io.github.jawait.sync.Queue<>();
        io.github.jawait.Runner runner = new io.github.jawait.Runner(new VirtualClock());
        try (runner) {
            assertEquals(1, runner.run(startsBackgroundWork(q)));
            EventLoop loop = runner.getLoop();
            assertEquals(7, runner.run(takesIt(q))); // the task from the first run delivers it
            assertSame(loop, runner.getLoop());
            assertEquals(1.0, loop.time());
        }
        // test_explicit_close / test_double_close
        runner.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> runner.run(takesIt(q)));
        assertEquals("Runner is closed", e.getMessage());
        assertEquals("Runner is closed", assertThrows(IllegalStateException.class, runner::getLoop).getMessage());
    }

    @Async
    Coroutine<String> runsARunnerInside(io.github.jawait.Runner runner) {
        try {
            runner.run(takesIt(new io.github.jawait.sync.Queue<>()));
            return result("nested");
        } catch (IllegalStateException e) {
            return result(e.getMessage());
        }
    }

    @Test
    void aRunnerRefusesToRunInsideARunningLoop() {
        try (io.github.jawait.Runner inner = new io.github.jawait.Runner(new VirtualClock())) {
            assertEquals("Runner.run() cannot be called from a running event loop",
                    Asyncio.run(runsARunnerInside(inner), new VirtualClock()));
        }
    }

    @Test
    void theLoopRefusesCallsFromAnotherThread() throws Exception {
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            CompletableFuture<Throwable> seen = CompletableFuture.supplyAsync(() -> {
                try {
                    loop.callSoon(() -> { });
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            Throwable t = seen.get(10, TimeUnit.SECONDS);
            assertSame(IllegalStateException.class, t.getClass());
            assertTrue(t.getMessage().startsWith("EventLoop.callSoon() called from thread '"), t.getMessage());
            assertTrue(t.getMessage().endsWith("use callSoonThreadsafe() to reach the loop from another thread"), t.getMessage());
        }
    }

    @Async
    Coroutine<String> wakesFromAnotherThread(EventLoop[] loopOut) {
        CompletableFuture<String> cf = new CompletableFuture<>();
        Thread t = new Thread(() -> cf.complete("from " + Thread.currentThread().getName()), "worker");
        t.start();
        String v = await(cf);
        return result(v + " on " + Thread.currentThread().getName());
    }

    @Test
    void callSoonThreadsafeAndCompletionStagesWakeASleepingLoop() throws ExecutionException {
        String me = Thread.currentThread().getName();
        assertEquals("from worker on " + me, Asyncio.run(wakesFromAnotherThread(null)));
    }

    @Async
    Coroutine<String> neverCompleted() {
        return result(await(new CompletableFuture<String>()));
    }

    @Async
    Coroutine<String> cancelAStageWaitThenSleep(VirtualClock clock) {
        Task<String> t = createTask(neverCompleted());
        await(sleep(1));
        t.cancel();
        try {
            await(t);
        } catch (io.github.jawait.CancelledError e) {
            events.add("stage wait cancelled");
        }
        await(sleep(3600)); // must still be virtual: nobody outside can wake the loop any more
        return result("slept until " + clock.seconds());
    }

    @Test
    void aCancelledWaitForAFutureNoLongerHoldsTheVirtualClock() {
        VirtualClock clock = new VirtualClock();
        assertEquals("slept until 3601.0", Asyncio.run(cancelAStageWaitThenSleep(clock), clock));
        assertEquals(List.of("stage wait cancelled"), events);
    }
}
