package io.github.jawait.tests.sync;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.gatherSettled;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.jawait.Async;
import io.github.jawait.AsyncTimeoutException;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.Outcome;
import io.github.jawait.Task;
import io.github.jawait.sync.Queue;
import io.github.jawait.sync.QueueShutDown;
import io.github.jawait.tests.TestLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * asyncio.Queue behaviour (3.13, with shutdown) beyond CPython's test_queues, whose cases run in
 * {@code conformance/QueuesConformanceTest}: the description, cancellations and timeouts the
 * CPython file does not try, join with shutdown, items as they are, and the thread check.
 */
class QueueTest {
    final List<Object> log = new ArrayList<>();

    @Async
    Coroutine<Void> describe() {
        Queue<Integer> q = new Queue<>();
        assertEquals("<Queue maxsize=0>", q.toString());
        Task<Integer> getter = createTask(q.get());
        await(sleep(0));
        assertEquals("<Queue maxsize=0 getters[1]>", q.toString());
        q.putNowait(0);
        assertEquals("<Queue maxsize=0 tasks=1>", q.toString()); // handed to the getter, not stored
        assertEquals(0, await(getter));

        Queue<Integer> bounded = new Queue<>(1);
        bounded.putNowait(1);
        Task<Void> putter = createTask(bounded.put(2));
        await(sleep(0));
        assertEquals("<Queue maxsize=1 items=[1] putters[1] tasks=1>", bounded.toString());
        assertEquals(1, bounded.getNowait()); // keeps the slot for the blocked put and wakes it
        assertEquals("<Queue maxsize=1 tasks=1>", bounded.toString()); // its item enters when it runs
        await(putter);
        assertEquals("<Queue maxsize=1 items=[2] tasks=2>", bounded.toString());
        bounded.shutdown();
        assertEquals("<Queue maxsize=1 items=[2] tasks=2 shutdown>", bounded.toString());
        return done();
    }

    @Test
    void toStringShowsItemsWaitersTasksAndShutdown() {
        TestLoop.run(describe());
    }

    @Async
    Coroutine<String> receiveThenSleep(Queue<Integer> q, String name) {
        int item = await(q.get());
        log.add(name + " got " + item);
        await(sleep(1)); // a pending cancellation strikes here
        return result(name + " done");
    }

    @Async
    Coroutine<Void> cancelDropOnePendingReader() {
        Queue<Integer> q = new Queue<>();
        Task<String> reader = createTask(receiveThenSleep(q, "reader"));
        await(sleep(0));
        q.putNowait(1); // handed to the reader ...
        q.putNowait(2);
        reader.cancel(); // ... which is cancelled in the same turn, before it ran: it gives 1 back
        try {
            await(reader);
            fail("the reader should have been cancelled");
        } catch (CancelledError e) {
            assertEquals(List.of(), log); // asyncio: its get raised CancelledError
        }
        assertEquals(1, await(q.get())); // nothing was dropped, and FIFO order holds
        assertEquals(2, await(q.get()));
        return done();
    }

    @Test
    void anItemHandedToAGetterCancelledInTheSameTurnIsNotLost() {
        TestLoop.run(cancelDropOnePendingReader());
    }

    @Async
    Coroutine<Void> cancelDropManyPendingReaders() {
        Queue<Integer> q = new Queue<>();
        Task<Integer> reader1 = createTask(q.get());
        Task<Integer> reader2 = createTask(q.get());
        Task<Integer> reader3 = createTask(q.get());
        await(sleep(0));
        reader1.cancel(); // leaves the queue before the items arrive
        q.putNowait(1);
        q.putNowait(2);
        List<Outcome<Integer>> outcomes = await(gatherSettled(reader1, reader2, reader3));
        assertTrue(outcomes.get(0).cancelled());
        assertEquals(1, reader2.result());
        assertEquals(2, reader3.result());
        return done();
    }

    @Test
    void itemsSkipGettersCancelledBeforeThem() {
        TestLoop.run(cancelDropManyPendingReaders());
    }

    @Async
    Coroutine<Void> timeouts() {
        Queue<Integer> q = new Queue<>(1);
        try {
            await(waitFor(q.get(), Duration.ofMillis(100)));
            fail("nothing to get");
        } catch (AsyncTimeoutException e) {
            assertEquals("<Queue maxsize=1>", q.toString());
        }
        q.putNowait(1);
        try {
            await(waitFor(q.put(2), Duration.ofMillis(100)));
            fail("no room");
        } catch (AsyncTimeoutException e) {
            assertEquals("<Queue maxsize=1 items=[1] tasks=1>", q.toString());
        }
        return done();
    }

    @Test
    void getsAndPutsThatTimeOutLeaveNoWaiterBehind() {
        TestLoop.run(timeouts());
    }

    @Async
    Coroutine<Void> producer(Queue<Integer> q, int n) {
        for (int i = 0; i < n; i++) {
            await(q.put(i));
        }
        return done();
    }

    @Async
    Coroutine<List<Integer>> consumer(Queue<Integer> q, int n) {
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            got.add(await(q.get()));
        }
        return result(got);
    }

    @Async
    Coroutine<List<Integer>> producerConsumer() {
        Queue<Integer> q = new Queue<>(1);
        List<Object> both = await(gather(producer(q, 1000), consumer(q, 1000)));
        @SuppressWarnings("unchecked")
        List<Integer> got = (List<Integer>) both.get(1);
        return result(got);
    }

    @Test
    void aProducerAndAConsumerPassEveryItemThroughAQueueOfOne() {
        List<Integer> got = TestLoop.run(producerConsumer());
        assertEquals(1000, got.size());
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, got.get(i));
        }
    }

    // ---- shutdown (3.13) ----

    @Async
    Coroutine<Void> shutdownNonEmpty() {
        Queue<Integer> q = new Queue<>();
        q.putNowait(1);
        q.putNowait(2);
        Task<Void> joiner = createTask(q.join());
        await(sleep(0));
        q.shutdown();
        assertThrows(QueueShutDown.class, () -> q.putNowait(3));
        assertEquals(1, await(q.get()));
        q.taskDone();
        assertEquals(2, q.getNowait());
        assertFalse(joiner.done());
        q.taskDone();
        try {
            await(q.get());
            fail("the queue is empty and shut down");
        } catch (QueueShutDown expected) {
            assertEquals("queue is shut down", expected.getMessage());
        }
        await(joiner);
        return done();
    }

    @Test
    void aQueueShutDownGentlyStillHandsOutWhatItHolds() {
        TestLoop.run(shutdownNonEmpty());
    }

    @Async
    Coroutine<Void> shutdownImmediate() {
        Queue<Integer> q = new Queue<>();
        q.putNowait(1);
        q.putNowait(2);
        q.putNowait(3);
        assertEquals(1, q.getNowait()); // taken but not marked done
        Task<Void> joiner = createTask(q.join());
        await(sleep(0));
        q.shutdown(true);
        assertEquals(0, q.qsize());
        assertThrows(QueueShutDown.class, q::getNowait);
        await(sleep(0));
        assertFalse(joiner.done()); // item 1 is still being worked on
        q.taskDone();
        await(joiner);
        assertThrows(IllegalStateException.class, q::taskDone);
        return done();
    }

    @Test
    void anImmediateShutdownDropsTheItemsAndCountsThemDone() {
        TestLoop.run(shutdownImmediate());
    }

    @Async
    Coroutine<Void> shutdownWakesBlocked() {
        Queue<Integer> empty = new Queue<>();
        Task<Integer> getter1 = createTask(empty.get());
        Task<Integer> getter2 = createTask(empty.get());
        Queue<Integer> full = new Queue<>(1);
        full.putNowait(0);
        Task<Void> putter = createTask(full.put(1));
        await(sleep(0));
        empty.shutdown();
        full.shutdown();
        List<Outcome<Object>> outcomes = await(gatherSettled(getter1, getter2, putter));
        for (Outcome<Object> o : outcomes) {
            assertInstanceOf(QueueShutDown.class, o.failure());
        }
        assertEquals(List.of(0), List.of(full.getNowait())); // the blocked put added nothing
        assertThrows(QueueShutDown.class, full::getNowait);
        return done();
    }

    @Test
    void shutdownWakesBlockedGettersAndPuttersWithQueueShutDown() {
        TestLoop.run(shutdownWakesBlocked());
    }

    @Async
    Coroutine<Void> consumerUntilShutdown(Queue<String> q) {
        try {
            while (true) {
                log.add(await(q.get()));
                q.taskDone();
            }
        } catch (QueueShutDown e) {
            log.add("consumer ends");
        }
        return done();
    }

    @Async
    Coroutine<Void> gracefulShutdown() {
        Queue<String> q = new Queue<>(2);
        Task<Void> c = createTask(consumerUntilShutdown(q));
        for (String s : List.of("a", "b", "c", "d", "e")) {
            await(q.put(s));
        }
        await(q.join());
        q.shutdown();
        await(c);
        return done();
    }

    @Test
    void aConsumerLoopEndsWhenTheProducerShutsTheQueueDown() {
        TestLoop.run(gracefulShutdown());
        assertEquals(List.of("a", "b", "c", "d", "e", "consumer ends"), log);
    }

    // ---- items as they are ----

    @Async
    Coroutine<Integer> answer() {
        return result(42);
    }

    @Async
    Coroutine<Void> itemsAsTheyAre() {
        Queue<Object> q = new Queue<>();
        Coroutine<Integer> coro = answer();
        await(q.put(null));
        await(q.put(coro));
        assertEquals(2, q.qsize());
        assertNull(await(q.get()));
        assertSame(coro, await(q.get())); // handed out, not awaited
        Task<Object> getter = createTask(q.get());
        await(sleep(0));
        q.putNowait(null);
        assertNull(await(getter));
        assertEquals(42, await(coro));
        return done();
    }

    @Test
    void nullsAndAwaitablesAreQueuedAsTheyAre() {
        TestLoop.run(itemsAsTheyAre());
    }

    @Async
    Coroutine<String> fromAnotherThread() {
        Queue<Integer> q = new Queue<>();
        await(q.put(1));
        Throwable e = Threads.runOn("producer", () -> q.putNowait(2));
        assertEquals(1, q.qsize());
        return result(e.getMessage());
    }

    @Test
    void aCallFromAnotherThreadFails() {
        String message = TestLoop.run(fromAnotherThread());
        assertTrue(message.startsWith("Queue.putNowait() called from thread 'producer'"), message);
    }

    @Async
    Coroutine<Set<Integer>> manyGettersManyPutters() {
        Queue<Integer> q = new Queue<>(3);
        List<Task<Integer>> getters = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            getters.add(createTask(q.get()));
        }
        List<Task<Void>> putters = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            putters.add(createTask(q.put(i)));
        }
        await(sleep(0));
        // cancel every other getter and putter in one turn, while items are in flight
        for (int i = 0; i < 50; i += 2) {
            getters.get(i).cancel();
        }
        for (int i = 1; i < 100; i += 2) {
            putters.get(i).cancel();
        }
        await(gatherSettled(getters));
        Set<Integer> seen = new HashSet<>();
        int cancelledGetters = 0;
        for (Task<Integer> g : getters) {
            if (g.cancelled()) {
                cancelledGetters++; // woken but not run: its item went back to the queue
            } else {
                assertTrue(seen.add(g.result()));
            }
        }
        assertEquals(25, cancelledGetters);
        boolean putting = true;
        while (putting) { // drain while the blocked puts move in (each when its task runs)
            while (!q.empty()) {
                assertTrue(seen.add(q.getNowait()));
            }
            await(sleep(0));
            putting = !q.empty();
            for (Task<Void> p : putters) {
                putting |= !p.done();
            }
        }
        int putCount = 0;
        for (Task<Void> p : putters) {
            if (!p.cancelled()) {
                putCount++;
            }
        }
        assertEquals(putCount, seen.size(), "every item put was received exactly once");
        return result(seen);
    }

    @Test
    void cancellationsInFlightNeitherLoseNorDuplicateItems() {
        Set<Integer> seen = TestLoop.run(manyGettersManyPutters());
        // 50 puts went straight to the getters and 3 into the queue before the cancellations;
        // of the 47 blocked ones, the 24 odd ones were cancelled; the 25 cancelled getters gave
        // their items back
        assertEquals(76, seen.size());
    }

    @Async
    Coroutine<Void> immediateShutdownWithEveryKindOfWaiter() {
        Queue<String> q = new Queue<>(1);
        Task<String> getter = createTask(q.get(), "getter");
        await(sleep(0));          // the getter waits
        q.putNowait("a");         // handed to the getter, which has not run yet
        q.putNowait("b");         // stored: the queue is full
        Task<Void> putter = createTask(q.put("c"), "putter");
        Task<Void> joiner = createTask(q.join(), "joiner");
        await(sleep(0));          // the putter and the joiner wait
        assertEquals("<Queue maxsize=1 items=[b] putters[1] tasks=2>", q.toString());
        q.shutdown(true);         // drops b (counted done) and fails the putter
        await(gatherSettled(getter, putter));
        assertEquals("a", getter.result(), "the item handed over before the shutdown is kept");
        assertInstanceOf(QueueShutDown.class, putter.exception());
        assertFalse(joiner.done(), "item a is still being worked on");
        assertEquals("<Queue maxsize=1 tasks=1 shutdown>", q.toString());
        q.taskDone();
        await(joiner);
        assertThrows(QueueShutDown.class, q::getNowait);
        try {
            await(q.get());
            fail("a get from a shut-down empty queue");
        } catch (QueueShutDown expected) {
            // as asyncio
        }
        return done();
    }

    @Test
    void anImmediateShutdownKeepsAnItemAlreadyHandedOverAndFailsTheRest() {
        TestLoop.run(immediateShutdownWithEveryKindOfWaiter());
    }
}
