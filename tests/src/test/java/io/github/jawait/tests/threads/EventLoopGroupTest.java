package io.github.jawait.tests.threads;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.EventLoopGroup;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * EventLoopGroup: loops on threads of their own, work spread round-robin or by key, results
 * crossing from loop to loop, closing together. Every wait is on a future or an event, never a
 * sleep; the timeout only turns a hang into a failure.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class EventLoopGroupTest {
    /** What the loops' tasks report, in the order they report it; read with {@link #next()}. */
    final BlockingQueue<String> log = new LinkedBlockingQueue<>();

    static String thread() {
        return Thread.currentThread().getName();
    }

    @Async
    Coroutine<String> whereAmI(String tag) {
        await(sleep(0));
        return result(tag + "@" + thread());
    }

    @Test
    void submitSpreadsRoundRobinAndRunsTheSupplierOnTheLoop() throws Exception {
        try (var group = new EventLoopGroup(2, "rr")) {
            List<String> seen = new ArrayList<>();
            List<String> suppliedOn = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 4; i++) {
                String tag = "t" + i;
                seen.add(group.<String>submit(() -> {
                    suppliedOn.add(thread()); // the coroutine is made on the loop it runs on
                    return whereAmI(tag);
                }).get(10, TimeUnit.SECONDS));
            }
            assertEquals(List.of("t0@rr-0", "t1@rr-1", "t2@rr-0", "t3@rr-1"), seen);
            assertEquals(List.of("rr-0", "rr-1", "rr-0", "rr-1"), suppliedOn);
        }
    }

    @Test
    void tasksOfTheSameKeyShareALoop() throws Exception {
        try (var group = new EventLoopGroup(2, "key")) {
            Set<String> threadsOfOneKey = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                String r = group.submit("user-42", () -> whereAmI("x")).get(10, TimeUnit.SECONDS);
                threadsOfOneKey.add(r);
            }
            assertEquals(1, threadsOfOneKey.size(), threadsOfOneKey.toString());
            String expected = group.loopFor("user-42").submit(whereAmI("x")).get(10, TimeUnit.SECONDS);
            assertEquals(Set.of(expected), threadsOfOneKey);
            // keys spread: among a handful, both loops get some
            Set<String> loopsUsed = new HashSet<>();
            for (String key : List.of("a", "b", "c", "d", "e", "f", "g", "h")) {
                loopsUsed.add(group.submit(key, () -> whereAmI("k")).get(10, TimeUnit.SECONDS));
                assertSame(group.loopFor(key), group.loopFor(new String(key))); // equal keys, same loop
            }
            assertEquals(Set.of("k@key-0", "k@key-1"), loopsUsed);
        }
    }

    // ---- a task of one loop awaiting a task of another ----

    @Async
    Coroutine<String> valueAfter(CompletableFuture<String> gate) {
        String v = await(gate);
        log.add("produced on " + thread());
        return result(v + " from " + thread());
    }

    @Async
    Coroutine<String> failAfter(CompletableFuture<String> gate) throws IOException {
        await(gate);
        throw new IOException("broken on " + thread());
    }

    @Async
    Coroutine<io.github.jawait.Task<String>> spawn(Coroutine<String> work, CompletableFuture<String> started) {
        io.github.jawait.Task<String> t = createTask(work);
        started.complete(thread());
        return result(t);
    }

    @Async
    Coroutine<String> awaitOther(io.github.jawait.Task<String> other, CompletableFuture<String> gate) {
        String before = thread();
        io.github.jawait.Task<String> direct = createTask(awaitDirect(other));
        await(sleep(0)); // the direct await is parked on the other loop's task now
        gate.complete("v");
        String d = await(direct);
        List<String> g = await(gather(other)); // done by now, and still read through the inbox
        return result(d + " | " + g + " | awaited on " + before + ", resumed on " + thread());
    }

    @Async
    Coroutine<String> awaitDirect(io.github.jawait.Task<String> other) {
        try {
            return result(await(other));
        } catch (Exception e) {
            return result(e.getClass().getSimpleName() + ": " + e.getMessage() + " (caught on " + thread() + ")");
        }
    }

    @Test
    void aTaskAwaitsATaskOfAnotherLoopThroughItsInbox() throws Exception {
        try (var group = new EventLoopGroup(2, "x")) {
            CompletableFuture<String> gate = new CompletableFuture<>();
            io.github.jawait.Task<String> other = group.loop(1).submit(spawn(valueAfter(gate), new CompletableFuture<>()))
                    .get(10, TimeUnit.SECONDS);
            String r = group.loop(0).submit(awaitOther(other, gate)).get(10, TimeUnit.SECONDS);
            assertEquals("v from x-1 | [v from x-1] | awaited on x-0, resumed on x-0", r);
            assertEquals("produced on x-1", next());
        }
    }

    @Test
    void aFailureCrossesLoopsAsItIs() throws Exception {
        try (var group = new EventLoopGroup(2, "f")) {
            CompletableFuture<String> gate = new CompletableFuture<>();
            io.github.jawait.Task<String> other = group.loop(1).submit(spawn(failAfter(gate), new CompletableFuture<>()))
                    .get(10, TimeUnit.SECONDS);
            CompletableFuture<String> r = group.loop(0).submit(awaitDirect(other));
            gate.complete("go");
            assertEquals("IOException: broken on f-1 (caught on f-0)", r.get(10, TimeUnit.SECONDS));
        }
    }

    @Async
    Coroutine<String> awaitHandle(CompletableFuture<String> handle) {
        return result(await(handle) + ", awaited on " + thread());
    }

    @Test
    void aSubmitHandleIsAwaitedFromAnotherLoop() throws Exception {
        try (var group = new EventLoopGroup(2, "h")) {
            CompletableFuture<String> gate = new CompletableFuture<>();
            CompletableFuture<String> handle = group.loop(1).submit(valueAfter(gate));
            CompletableFuture<String> r = group.loop(0).submit(awaitHandle(handle));
            gate.complete("w");
            assertEquals("w from h-1, awaited on h-0", r.get(10, TimeUnit.SECONDS));
        }
    }

    // ---- cancellation across loops ----

    @Async
    Coroutine<String> cancellable(CompletableFuture<String> started, CompletableFuture<String> gate) {
        started.complete(thread());
        try {
            String v = await(gate);
            log.add("other task finished with " + v);
            return result(v);
        } catch (CancelledError e) {
            log.add("other task cancelled on " + thread());
            throw e;
        }
    }

    @Async
    Coroutine<String> awaitAndRecord(io.github.jawait.Awaitable<String> other, CompletableFuture<String> parked) {
        parked.complete(thread());
        try {
            return result(await(other));
        } catch (CancelledError e) {
            log.add("awaiting task cancelled on " + thread());
            throw e;
        }
    }

    /** Starts a task on loop 1 that waits for {@code gate}; returns it once it runs. */
    io.github.jawait.Task<String> startOther(EventLoopGroup group, CompletableFuture<String> gate) throws Exception {
        CompletableFuture<String> started = new CompletableFuture<>();
        io.github.jawait.Task<String> other = group.loop(1)
                .submit(spawn(cancellable(started, gate), new CompletableFuture<>())).get(10, TimeUnit.SECONDS);
        started.get(10, TimeUnit.SECONDS);
        return other;
    }

    @Async
    Coroutine<Void> yieldTwice() {
        await(sleep(0));
        await(sleep(0));
        return done();
    }

    @Test
    void cancellingATaskAwaitingAnotherLoopsTaskCancelsThatTaskToo() throws Exception {
        // as an await on one loop does, and as asyncio's wrap_future chains cancellation
        try (var group = new EventLoopGroup(2, "c")) {
            io.github.jawait.Task<String> other = startOther(group, new CompletableFuture<>());
            CompletableFuture<String> parked = new CompletableFuture<>();
            CompletableFuture<String> awaiting = group.loop(0).submit(awaitAndRecord(other, parked));
            parked.get(10, TimeUnit.SECONDS);
            group.loop(0).submit(yieldTwice()).get(10, TimeUnit.SECONDS); // now parked on the other task
            assertTrue(awaiting.cancel(true));
            // the awaiting task ends only once the other task's cancellation has crossed back
            assertEquals("other task cancelled on c-1", next());
            assertEquals("awaiting task cancelled on c-0", next());
        }
    }

    @Async
    Coroutine<String> awaitShielded(io.github.jawait.Task<String> other, CompletableFuture<String> parked) {
        parked.complete(thread());
        try {
            return result(await(io.github.jawait.Asyncio.shield(other)));
        } catch (CancelledError e) {
            log.add("awaiting task cancelled on " + thread());
            throw e;
        }
    }

    @Test
    void aShieldedAwaitLeavesTheOtherTaskRunning() throws Exception {
        try (var group = new EventLoopGroup(2, "s")) {
            CompletableFuture<String> gate = new CompletableFuture<>();
            io.github.jawait.Task<String> other = startOther(group, gate);
            CompletableFuture<String> parked = new CompletableFuture<>();
            CompletableFuture<String> shielded = group.loop(0).submit(awaitShielded(other, parked));
            parked.get(10, TimeUnit.SECONDS);
            group.loop(0).submit(yieldTwice()).get(10, TimeUnit.SECONDS);
            shielded.cancel(true);
            assertEquals("awaiting task cancelled on s-0", next());
            gate.complete("kept");
            assertEquals("other task finished with kept", next());
        }
    }

    @Async
    Coroutine<String> awaitStage(CompletableFuture<String> handle, CompletableFuture<String> parked) {
        parked.complete(thread());
        try {
            return result(await(handle)); // a plain CompletionStage
        } catch (CancelledError e) {
            log.add("awaiting task cancelled on " + thread());
            throw e;
        }
    }

    @Async
    Coroutine<String> awaitWrapped(CompletableFuture<String> handle, CompletableFuture<String> parked) {
        parked.complete(thread());
        try {
            return result(await(io.github.jawait.Asyncio.wrapFuture(handle)));
        } catch (CancelledError e) {
            log.add("awaiting task cancelled on " + thread());
            throw e;
        }
    }

    @Test
    void awaitingTheWrappedHandleChainsCancellationAsAsyncioDoes() throws Exception {
        cancelTheAwaiterOfTheHandle(true);
    }

    /** A plain await of a CompletableFuture cancels it with the awaiter too (docs/io.md): so does a submit handle. */
    @Test
    void aPlainAwaitOfTheHandleChainsCancellationToo() throws Exception {
        cancelTheAwaiterOfTheHandle(false);
    }

    private void cancelTheAwaiterOfTheHandle(boolean wrap) throws Exception {
        try (var group = new EventLoopGroup(2, "w")) {
            CompletableFuture<String> started = new CompletableFuture<>();
            CompletableFuture<String> handle = group.loop(1).submit(cancellable(started, new CompletableFuture<>()));
            started.get(10, TimeUnit.SECONDS);
            CompletableFuture<String> parked = new CompletableFuture<>();
            CompletableFuture<String> wrapped = group.loop(0).submit(
                    wrap ? awaitWrapped(handle, parked) : awaitStage(handle, parked));
            parked.get(10, TimeUnit.SECONDS);
            group.loop(0).submit(yieldTwice()).get(10, TimeUnit.SECONDS);
            wrapped.cancel(true);
            assertThrows(CancellationException.class, () -> handle.get(10, TimeUnit.SECONDS));
            assertEquals(Set.of("awaiting task cancelled on w-0", "other task cancelled on w-1"), Set.of(next(), next()));
        }
    }

    // ---- confinement: everything but awaiting stays on the owning thread ----

    @Async
    Coroutine<String> touchOther(io.github.jawait.Task<String> other) {
        try {
            other.cancel();
            return result("cancelled from the wrong thread");
        } catch (IllegalStateException e) {
            return result(e.getMessage());
        }
    }

    @Test
    void anythingButAwaitingAnotherLoopsTaskIsRefusedWithTheOwningThread() throws Exception {
        try (var group = new EventLoopGroup(2, "conf")) {
            CompletableFuture<String> gate = new CompletableFuture<>();
            io.github.jawait.Task<String> other = startOther(group, gate);
            assertEquals("Task.cancel() called from thread 'conf-0', but this event loop belongs to thread"
                    + " 'conf-1'; use callSoonThreadsafe() to reach the loop from another thread",
                    group.loop(0).submit(touchOther(other)).get(10, TimeUnit.SECONDS));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> group.loop(1).createTask(whereAmI("no")));
            assertEquals("EventLoop.createTask() called from thread '" + thread() + "', but this event loop"
                    + " belongs to thread 'conf-1'; use callSoonThreadsafe() to reach the loop from another thread",
                    e.getMessage());
            IllegalStateException r = assertThrows(IllegalStateException.class, other::result);
            assertTrue(r.getMessage().startsWith("Task.result() called from thread '" + thread()), r.getMessage());
            gate.complete("end");
            assertFalse(group.isClosed());
        }
    }

    // ---- closing ----

    @Async
    Coroutine<String> holdUntilClosed(CompletableFuture<String> started) {
        started.complete(thread());
        try {
            await(new CompletableFuture<String>());
            return result("never");
        } finally {
            log.add("finally on " + thread());
        }
    }

    @Async
    Coroutine<String> closeFromInside(EventLoopGroup group) {
        try {
            group.close();
            return result("closed itself");
        } catch (IllegalStateException e) {
            return result(e.getMessage());
        }
    }

    @Test
    void closeCancelsWhatIsLeftOnEveryLoopAndWaitsForTheThreads() throws Exception {
        EventLoopGroup group = new EventLoopGroup(2, "cl");
        List<Thread> threads = new ArrayList<>();
        for (EventLoop loop : group.loops()) {
            threads.add(loop.submit(currentThread()).get(10, TimeUnit.SECONDS));
        }
        assertEquals("EventLoopGroup.close() called from its own loop thread 'cl-0', which it would wait for;"
                + " close the group from another thread", group.loop(0).submit(closeFromInside(group)).get(10, TimeUnit.SECONDS));
        CompletableFuture<String> s0 = new CompletableFuture<>();
        CompletableFuture<String> s1 = new CompletableFuture<>();
        CompletableFuture<String> h0 = group.submit(() -> holdUntilClosed(s0));
        CompletableFuture<String> h1 = group.submit(() -> holdUntilClosed(s1));
        assertEquals(Set.of("cl-0", "cl-1"), Set.of(s0.get(10, TimeUnit.SECONDS), s1.get(10, TimeUnit.SECONDS)));
        group.close();
        assertEquals(2, log.size()); // before close returned
        assertEquals(Set.of("finally on cl-0", "finally on cl-1"), Set.copyOf(log));
        for (Thread t : threads) {
            assertFalse(t.isAlive(), t.getName());
        }
        assertTrue(h0.isCancelled() && h1.isCancelled());
        assertTrue(group.isClosed());
        assertTrue(group.whenClosed().isDone());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> group.submit(() -> whereAmI("late")));
        assertEquals("<EventLoopGroup cl loops=2 closed> is closed", e.getMessage());
        group.close(); // idempotent
    }

    @Async
    Coroutine<Thread> currentThread() {
        return result(Thread.currentThread());
    }

    @Test
    void aLoopsFailureIsReportedByClose() throws Exception {
        EventLoopGroup group = new EventLoopGroup(2, "fail");
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger("io.github.jawait");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        logger.setUseParentHandlers(false);
        try {
            group.loop(1).callSoonThreadsafe(() -> {
                throw new StackOverflowError("deliberate");
            });
            IllegalStateException e = assertThrows(IllegalStateException.class, group::close);
            assertEquals("event loop thread 'fail-1' of fail failed: java.lang.StackOverflowError: deliberate",
                    e.getMessage());
            assertInstanceOf(StackOverflowError.class, e.getCause());
            assertTrue(logged.stream().anyMatch(r -> r.getMessage().startsWith("event loop thread 'fail-1' of fail failed")),
                    logged.toString());
        } finally {
            logger.removeHandler(capture);
            logger.setUseParentHandlers(true);
        }
        assertTrue(group.loop(1).isClosed());
    }

    @Test
    void aSubmitToALoopThatClosesBeforeItsTurnFailsInsteadOfHanging() throws Exception {
        EventLoopGroup group = new EventLoopGroup(1, "late");
        CompletableFuture<String> blocker = new CompletableFuture<>();
        // hold the loop inside a callback, queue a submit behind it, then close: the submit's
        // message is still in the inbox when the loop closes
        CompletableFuture<String> inCallback = new CompletableFuture<>();
        EventLoop loop = group.loop(0);
        group.loop(0).callSoonThreadsafe(() -> {
            loop.stop(); // this is the loop's last turn: it closes right after
            inCallback.complete("in");
            blocker.join();
        });
        inCallback.get(10, TimeUnit.SECONDS);
        CompletableFuture<String> queued = group.submit(() -> whereAmI("queued"));
        blocker.complete("go");
        group.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> queued.get(10, TimeUnit.SECONDS));
        assertEquals("event loop is closed", assertInstanceOf(IllegalStateException.class, e.getCause()).getMessage());
    }

    @Test
    void badArgumentsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EventLoopGroup(0));
        assertEquals("an event loop group needs at least one loop, not 0", e.getMessage());
        try (var group = new EventLoopGroup(1, "args")) {
            assertThrows(NullPointerException.class, () -> group.submit(null));
            assertThrows(NullPointerException.class, () -> group.loopFor(null));
            CompletableFuture<String> nothing = group.submit(() -> null);
            ExecutionException x = assertThrows(ExecutionException.class, () -> nothing.get(10, TimeUnit.SECONDS));
            assertEquals("the submitted supplier returned null instead of a coroutine", x.getCause().getMessage());
        }
    }

    /** The next thing a loop reported, waiting for it. */
    private String next() throws InterruptedException {
        String s = log.poll(10, TimeUnit.SECONDS);
        assertNotNull(s, "nothing reported within 10 s");
        return s;
    }
}
