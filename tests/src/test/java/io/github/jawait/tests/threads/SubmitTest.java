package io.github.jawait.tests.threads;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.VirtualClock;
import io.github.jawait.sync.Event;
import io.github.jawait.sync.Queue;
import io.github.jawait.tests.TestLoop;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** EventLoop.submit: asyncio's run_coroutine_threadsafe, from other threads into a running loop. */
class SubmitTest {
    final List<String> log = new ArrayList<>();

    @Async
    Coroutine<String> greet(String name) {
        await(sleep(0));
        return result("Hello, " + name + " on " + Thread.currentThread().getName());
    }

    @Async
    Coroutine<Void> fail() throws IOException {
        await(sleep(0));
        throw new IOException("broken");
    }

    @Async
    Coroutine<String> waitForever(Event started) {
        started.set();
        try {
            await(new Event().waitFor());
            return result("woke");
        } catch (CancelledError e) {
            log.add("cancelled inside the loop");
            throw e;
        }
    }

    @Async
    Coroutine<Void> setEvent(Event e) {
        e.set();
        return result(null);
    }

    /** Runs on another thread while the loop waits on {@code stop}. */
    void client(EventLoop loop, Event stop) {
        try {
            String hello = loop.submit(greet("Ada")).get(10, TimeUnit.SECONDS);
            log.add(hello);

            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> loop.submit(fail()).get(10, TimeUnit.SECONDS));
            log.add(assertInstanceOf(IOException.class, failed.getCause()).getMessage());

            Event started = new Event();
            CompletableFuture<String> sleeper = loop.submit(waitForever(started));
            loop.submit(started.waitFor()).get(10, TimeUnit.SECONDS);
            assertTrue(sleeper.cancel(true)); // cancels the task on the loop
            assertThrows(CancellationException.class, sleeper::join);

            loop.submit(setEvent(stop)).get(10, TimeUnit.SECONDS);
        } catch (Throwable t) {
            log.add("client failed: " + t);
            loop.callSoonThreadsafe(stop::set);
        }
    }

    @Async
    Coroutine<String> server() {
        EventLoop loop = getRunningLoop();
        Event stop = new Event();
        Thread t = new Thread(() -> client(loop, stop), "client");
        t.start();
        await(stop.waitFor());
        await(sleep(0)); // let the cancelled task finish its catch block
        return result("served");
    }

    @Test
    void anotherThreadRunsCoroutinesOnTheLoopAndGetsTheirOutcomes() {
        String main = Thread.currentThread().getName();
        assertEquals("served", TestLoop.run(server()));
        assertEquals(List.of("Hello, Ada on " + main, "broken", "cancelled inside the loop"), log);
    }

    @Async
    Coroutine<String> taskCancelledOnTheLoop() {
        Queue<CompletableFuture<String>> futures = new Queue<>();
        EventLoop loop = getRunningLoop();
        Thread t = new Thread(() -> loop.callSoonThreadsafe(() -> futures.putNowait(loop.submit(waitForever(new Event())))));
        t.start();
        CompletableFuture<String> f = await(futures.get());
        await(sleep(0)); // the submitted task has started
        for (var task : loop.allTasks()) {
            if (task != io.github.jawait.Asyncio.currentTask()) {
                task.cancel();
            }
        }
        try {
            await(f);
            return result("not cancelled");
        } catch (CancelledError e) {
            return result("future cancelled: " + f.isCancelled());
        }
    }

    @Test
    void aTaskCancelledOnTheLoopCancelsItsFuture() {
        assertEquals("future cancelled: true", TestLoop.run(taskCancelledOnTheLoop()));
    }

    @Test
    void submitToAClosedLoopFails() {
        EventLoop loop = new EventLoop(new VirtualClock());
        loop.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.submit(greet("nobody")));
        assertEquals("event loop is closed", e.getMessage());
    }

    @Test
    void aCoroutineSubmittedBeforeTheLoopRunsStartsWhenItRuns() throws Exception {
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            CompletableFuture<String> f = loop.submit(greet("early"));
            Thread.sleep(10);
            assertTrue(!f.isDone());
            assertEquals("Hello, early on " + Thread.currentThread().getName(), loop.runUntilComplete(awaitIt(f)));
        }
    }

    @Async
    Coroutine<String> awaitIt(CompletableFuture<String> f) {
        return result(await(f));
    }

    @Test
    void submittingFromTheLoopThreadItselfWorksToo() {
        assertSame(String.class, TestLoop.run(selfSubmit()).getClass());
    }

    @Async
    Coroutine<String> selfSubmit() {
        return result(await(getRunningLoop().submit(greet("self"))));
    }
}
