package io.github.jawait.tests.threads;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.gatherSettled;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.runInExecutor;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.toThread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Awaitable;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.Outcome;
import io.github.jawait.Task;
import io.github.jawait.VirtualClock;
import io.github.jawait.tests.TestLoop;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Asyncio.toThread and runInExecutor (asyncio.to_thread, loop.run_in_executor) and the default executor. */
class ToThreadTest {
    final List<String> log = new ArrayList<>();

    static String blockingOperation() throws InterruptedException {
        Thread.sleep(20);
        return "result from " + Thread.currentThread().getName();
    }

    @Async
    Coroutine<String> guide() {
        Thread loopThread = Thread.currentThread();
        String r = await(runInExecutor(null, ToThreadTest::blockingOperation)); // the guide's run_in_executor(None, ...)
        assertSame(loopThread, Thread.currentThread(), "the result arrives on the loop thread");
        String r2 = await(toThread(ToThreadTest::blockingOperation));
        assertSame(loopThread, Thread.currentThread());
        return result(r + " | " + r2);
    }

    @Test
    void blockingWorkRunsOnTheDefaultExecutorAndResumesOnTheLoop() {
        String r = TestLoop.run(guide());
        String prefix = "result from jawait-executor-" + Thread.currentThread().getName() + "-";
        String[] parts = r.split(" \\| ");
        assertTrue(parts[0].startsWith(prefix), r);
        assertTrue(parts[1].startsWith(prefix), r);
    }

    @Async
    Coroutine<String> failing() {
        try {
            await(toThread(() -> {
                throw new IOException("disk on fire");
            }));
            return result("no exception");
        } catch (Exception e) {
            return result(assertInstanceOf(IOException.class, e).getMessage());
        }
    }

    @Test
    void theExceptionArrivesAsItIs() {
        assertEquals("disk on fire", TestLoop.run(failing()));
    }

    @Async
    Coroutine<Void> lazy(AtomicBoolean ran) {
        Coroutine<Void> c = toThread(() -> {
            ran.set(true);
            return null;
        });
        await(sleep(0));
        assertFalse(ran.get());
        await(c);
        assertTrue(ran.get());
        return done();
    }

    @Test
    void toThreadRunsNothingUntilAwaited() {
        TestLoop.run(lazy(new AtomicBoolean()));
    }

    @Async
    Coroutine<String> cancelWhileRunning(CountDownLatch started, CountDownLatch release, CountDownLatch finished)
            throws InterruptedException {
        Task<String> t = createTask(Asyncio.toThread(() -> {
            started.countDown();
            release.await();
            finished.countDown();
            return "finished";
        }));
        await(sleep(0));  // the task submits the work ...
        started.await(); // ... and (blocking the loop briefly) we wait until it runs
        t.cancel("enough");
        try {
            await(t);
            return result("not cancelled");
        } catch (CancelledError e) {
            assertTrue(t.cancelled());
            assertEquals(1, finished.getCount(), "the loop did not wait for the thread");
            release.countDown();
            return result(e.getMessage());
        }
    }

    @Test
    void cancellingStopsTheWaitAndLeavesTheThreadToFinish() throws InterruptedException {
        CountDownLatch finished = new CountDownLatch(1);
        assertEquals("enough", TestLoop.run(cancelWhileRunning(new CountDownLatch(1), new CountDownLatch(1), finished)));
        assertTrue(finished.await(10, TimeUnit.SECONDS), "the work ran to its end");
    }

    @Async
    Coroutine<Void> notStartedIsSkipped(ExecutorService single, CountDownLatch release) throws Exception {
        AtomicBoolean secondRan = new AtomicBoolean();
        Awaitable<String> first = runInExecutor(single, () -> {
            release.await();
            return "first";
        });
        Awaitable<String> second = runInExecutor(single, () -> {
            secondRan.set(true);
            return "second";
        });
        Task<String> waiter1 = createTask(awaitIt(second));
        Task<String> waiter2 = createTask(awaitIt(second));
        await(sleep(0));
        waiter1.cancel(); // cancels the future for both awaiters, as in asyncio
        List<Outcome<String>> outcomes = await(gatherSettled(waiter1, waiter2));
        assertTrue(outcomes.get(0).cancelled());
        assertTrue(outcomes.get(1).cancelled());
        release.countDown();
        assertEquals("first", await(first));
        single.submit(() -> null).get(10, TimeUnit.SECONDS); // the queue has drained
        assertFalse(secondRan.get(), "work not started when cancelled never runs");
        return done();
    }

    @Async
    Coroutine<String> awaitIt(Awaitable<String> aw) {
        return result(await(aw));
    }

    @Test
    void cancelledWorkThatHasNotStartedIsSkipped() throws Exception {
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            TestLoop.run(notStartedIsSkipped(single, new CountDownLatch(1)));
        } finally {
            single.shutdownNow();
        }
    }

    @Async
    Coroutine<List<Integer>> many() {
        List<Coroutine<Integer>> work = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int n = i;
            work.add(toThread(() -> n * n));
        }
        return result(await(gather(work)));
    }

    @Test
    void manyCallsComeBackInOrder() {
        List<Integer> squares = TestLoop.run(many());
        for (int i = 0; i < 100; i++) {
            assertEquals(i * i, squares.get(i));
        }
    }

    @Async
    Coroutine<String> virtualTime() {
        Task<String> slowThread = createTask(toThread(() -> {
            Thread.sleep(50);
            return "thread";
        }));
        Task<String> sleeper = createTask(sleepThen(10, "sleeper"));
        await(gather(slowThread, sleeper));
        return result(String.join(", ", log));
    }

    @Async
    Coroutine<String> sleepThen(double seconds, String name) {
        await(sleep(seconds));
        log.add(name + " @" + getRunningLoop().time());
        return result(name);
    }

    @Test
    void aVirtualClockWaitsForThreadsBeforeJumping() {
        long start = System.nanoTime();
        assertEquals("sleeper @10.0", TestLoop.run(virtualTime()));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "the 10 s sleep took no real time");
    }

    @Async
    Coroutine<Double> rejected() {
        ExecutorService dead = Executors.newSingleThreadExecutor();
        dead.shutdown();
        assertThrows(RejectedExecutionException.class, () -> runInExecutor(dead, () -> "never"));
        await(sleep(3600)); // a rejected submission must not hold the virtual clock
        return result(getRunningLoop().time());
    }

    @Test
    void aRejectedSubmissionFailsAtOnceAndLeavesNothingPending() {
        long start = System.nanoTime();
        assertEquals(3600.0, TestLoop.run(rejected()));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "slept for real");
    }

    @Async
    Coroutine<Thread> workerThread() {
        return result(await(toThread(Thread::currentThread)));
    }

    @Test
    void closingTheLoopShutsItsDefaultExecutorDown() throws InterruptedException {
        Thread worker = Asyncio.run(workerThread(), new VirtualClock());
        worker.join(TimeUnit.SECONDS.toMillis(10)); // idle pool threads would linger 60 s otherwise
        assertFalse(worker.isAlive());
    }

    @Async
    Coroutine<String> customDefault(ExecutorService custom) throws InterruptedException {
        Thread own = await(toThread(Thread::currentThread));
        getRunningLoop().setDefaultExecutor(custom);
        own.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(own.isAlive(), "the pool the loop made was shut down when replaced");
        return result(await(toThread(() -> Thread.currentThread().getName())));
    }

    @Test
    void theDefaultExecutorCanBeReplaced() throws InterruptedException {
        ExecutorService custom = Executors.newSingleThreadExecutor(r -> new Thread(r, "custom-worker"));
        assertEquals("custom-worker", TestLoop.run(customDefault(custom)));
        assertTrue(custom.isShutdown(), "the loop shut down the executor it was given, as asyncio does");
    }

    @Test
    void runInExecutorNeedsARunningLoop() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> runInExecutor(null, () -> 1));
        assertTrue(e.getMessage().startsWith("no running event loop"), e.getMessage());
    }
}
