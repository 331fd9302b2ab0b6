package io.github.jawait.tests.spi;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.AsyncTimeoutException;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.ExternalFuture;
import io.github.jawait.Task;
import io.github.jawait.VirtualClock;
import io.github.jawait.tests.TestLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** "Await anything": foreign futures through an AwaitableAdapter, and ExternalFuture. */
class AwaitAnythingTest {

    @Async
    static Coroutine<List<String>> awaitForeign() {
        List<String> seen = new ArrayList<>();
        Thread loopThread = Thread.currentThread();
        Deferred<String> ready = new Deferred<>();
        ready.resolve("already");
        String a = await(ready);
        seen.add(a);
        Deferred<Integer> later = new Deferred<>();
        Thread t = new Thread(() -> later.resolve(42), "other-library-thread");
        t.start();
        int b = await(later);
        seen.add(b + " on loop thread " + (Thread.currentThread() == loopThread));
        Deferred<Integer> failing = new Deferred<>();
        new Thread(() -> failing.reject(new UnsupportedOperationException("nope")), "other").start();
        try {
            await(failing);
        } catch (UnsupportedOperationException e) {
            seen.add("threw " + e.getMessage());
        }
        return result(seen);
    }

    @Test
    void aForeignFutureIsAwaitedThroughItsAdapter() {
        assertEquals(List.of("already", "42 on loop thread true", "threw nope"), TestLoop.run(awaitForeign()));
    }

    @Test
    void theAdapterIsLookedUpOncePerClass() {
        TestLoop.run(awaitForeign());
        int after = DeferredAdapter.supportsCalls;
        TestLoop.run(awaitForeign());
        assertEquals(after, DeferredAdapter.supportsCalls);
    }

    @Async
    static Coroutine<String> waitForever(Deferred<String> d) {
        return result(await(d));
    }

    @Async
    static Coroutine<List<String>> cancelForeign() {
        List<String> seen = new ArrayList<>();
        Deferred<String> never = new Deferred<>();
        Task<String> t = createTask(waitForever(never));
        await(sleep(1));
        t.cancel();
        try {
            await(t);
        } catch (CancelledError e) {
            seen.add("cancelled, foreign cancel called " + never.cancelled);
        }
        never.resolve("late"); // dropped
        await(sleep(0));
        Deferred<String> slow = new Deferred<>();
        try {
            await(waitFor(waitForever(slow), Duration.ofSeconds(5)));
        } catch (AsyncTimeoutException e) {
            seen.add("timed out at " + EventLoop.current().time() + ", foreign cancel called " + slow.cancelled);
        }
        return result(seen);
    }

    @Test
    void cancellingTheAwaitingTaskCancelsTheForeignFuture() {
        assertEquals(List.of("cancelled, foreign cancel called true", "timed out at 6.0, foreign cancel called true"),
                TestLoop.run(cancelForeign()));
    }

    @Async
    static Coroutine<Void> awaitObject(Object o) {
        await(o);
        return io.github.jawait.Asyncio.done();
    }

    @Test
    void anObjectNoAdapterSupportsIsRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TestLoop.run(awaitObject("text")));
        assertEquals("cannot await java.lang.String: await takes a jawait Awaitable, a CompletionStage, or an object"
                + " an io.github.jawait.spi.AwaitableAdapter supports (none is registered for this class)", e.getMessage());
    }

    @Test
    void anAdapterReturningNothingAwaitableIsReported() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TestLoop.run(awaitObject(new DeferredAdapter.Misbehaving())));
        assertEquals(DeferredAdapter.class.getName() + ".adapt(" + DeferredAdapter.Misbehaving.class.getName()
                + ") returned null, which is not one of the runtime's awaitables", e.getMessage());
    }

    @Async
    static Coroutine<List<String>> externalFromThread(CountDownLatch go) {
        List<String> seen = new ArrayList<>();
        ExternalFuture<String> f = ExternalFuture.create();
        new Thread(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                return;
            }
            f.complete("from thread");
            f.complete("second"); // ignored
        }).start();
        // a timer far away: a virtual clock must not jump to it while the future is pending
        Task<String> timer = createTask(sleepThen(100));
        go.countDown();
        seen.add(await(f) + " at " + (EventLoop.current().time() < 100));
        timer.cancel();
        return result(seen);
    }

    @Async
    static Coroutine<String> sleepThen(double s) {
        await(sleep(s));
        return result("slept");
    }

    @Test
    void anExternalFutureIsCompletedFromAnotherThreadAndHoldsTheVirtualClock() {
        // a long grace: the clock may jump only if the loop did not count the future as an outside wait
        try (EventLoop loop = new EventLoop(new VirtualClock(Duration.ofSeconds(30)))) {
            assertEquals(List.of("from thread at true"), loop.runUntilComplete(externalFromThread(new CountDownLatch(1))));
        }
    }

    @Async
    static Coroutine<String> completedOnLoop() {
        ExternalFuture<String> f = ExternalFuture.create();
        f.complete("now");
        assertTrue(f.isDone(), "completed on the loop thread: settled at once");
        return result(await(f));
    }

    @Test
    void anExternalFutureCompletedOnTheLoopThreadSettlesAtOnce() {
        assertSame("now", TestLoop.run(completedOnLoop()));
    }
}
