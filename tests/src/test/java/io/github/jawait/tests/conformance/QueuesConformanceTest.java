package io.github.jawait.tests.conformance;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.taskGroup;
import static io.github.jawait.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.jawait.Async;
import io.github.jawait.AsyncTimeoutException;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.VirtualClock;
import io.github.jawait.sync.Event;
import io.github.jawait.sync.LifoQueue;
import io.github.jawait.sync.PriorityQueue;
import io.github.jawait.sync.Queue;
import io.github.jawait.sync.QueueEmpty;
import io.github.jawait.sync.QueueFull;
import io.github.jawait.sync.QueueShutDown;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * CPython's {@code Lib/test/test_asyncio/test_queues.py}, case by case, on the virtual clock.
 * The join and shutdown mixins run for {@link Queue}, {@link LifoQueue} and
 * {@link PriorityQueue}. {@code len(q._getters)} and {@code len(q._putters)} are read from
 * {@code toString()}.
 *
 * <p>A case may assert more than CPython's (messages, descriptions, {@code cancelled()} where
 * CPython reads {@code done()}): jawait's own checks of the same scenario sit in the same body;
 * {@code sync/QueueTest} tests only what this file does not try.
 *
 * <p>Not ported, Python mechanics: {@code test_repr}, {@code test_str},
 * {@code test_shutdown_repr}, {@code test_format} (string formats; jawait's {@code toString} is
 * tested in {@code sync/QueueTest}), {@code test_generic_alias}, {@code test_float_maxsize}
 * (a float maxsize), {@code test_get_with_putters} (appends a future to the private
 * {@code _putters}), {@code test_shutdown_allowed_transitions} (reads the private
 * {@code _shutdown_state}).
 *
 * <p>Deliberately different (README): an item put while a {@code get} waits is handed to that
 * getter at once (asyncio stores it and wakes the getter, so a {@code get_nowait} in between
 * could take it); a getter or putter cancelled before it runs gives the item or the slot back,
 * as in asyncio.
 *
 * <p>{@code test_shutdown_getters_deque} follows Python 3.13.0 (a waiting {@code get} is
 * unblocked by any shutdown and raises on the empty queue), not the draft the file was written
 * against.
 *
 * <p>Not yet ported: {@code test_shutdown_immediate_all_methods_in_one_task} (its
 * {@code task_done}/{@code join} after an immediate shutdown changed between 3.13 drafts),
 * {@code test_shutdown_put_join} (sets the private {@code _finished}).
 */
class QueuesConformanceTest {
    final VirtualClock clock = new VirtualClock();

    <T> T run(Coroutine<T> c) {
        return Conformance.run(clock, c);
    }

    /** The three kinds of queue the mixins run for, of at most {@code maxsize} items (0: no bound). */
    static List<Supplier<Queue<Object>>> kinds(int maxsize) {
        return List.of(() -> new Queue<>(maxsize), () -> new LifoQueue<>(maxsize), () -> new PriorityQueue<>(maxsize));
    }

    /** Runs a mixin case once for each kind of queue, each on a fresh loop. */
    static void forEachKind(int maxsize, Function<Queue<Object>, Coroutine<Void>> mixinCase) {
        for (Supplier<Queue<Object>> kind : kinds(maxsize)) {
            Conformance.run(new VirtualClock(), mixinCase.apply(kind.get()));
        }
    }

    /** Runs a shutdown mixin case, gentle then immediate, for each kind of queue. */
    static void forEachKindGentleThenImmediate(int maxsize, BiFunction<Queue<Object>, Boolean, Coroutine<Void>> mixinCase) {
        for (Supplier<Queue<Object>> kind : kinds(maxsize)) {
            Conformance.run(new VirtualClock(), mixinCase.apply(kind.get(), false));
            Conformance.run(new VirtualClock(), mixinCase.apply(kind.get(), true));
        }
    }

    // ---------------------------------------------------------------- QueueBasicTests

    // test_queues.py: QueueBasicTests.test_empty
    @Async
    Coroutine<Void> empty() {
        Queue<Integer> q = new Queue<>();
        assertTrue(q.empty());
        await(q.put(1));
        assertFalse(q.empty());
        assertEquals(1, await(q.get()));
        assertTrue(q.empty());
        return done();
    }

    @Test
    void basic_test_empty() {
        run(empty());
    }

    // test_queues.py: QueueBasicTests.test_full
    @Async
    Coroutine<Void> full() {
        assertFalse(new Queue<Integer>().full());
        Queue<Integer> q = new Queue<>(1);
        await(q.put(1));
        assertTrue(q.full());
        return done();
    }

    @Test
    void basic_test_full() {
        run(full());
    }

    // test_queues.py: QueueBasicTests.test_order, LifoQueueTests.test_order, PriorityQueueTests.test_order
    @Async
    Coroutine<List<Integer>> order(Queue<Integer> q, String afterPuts) {
        for (int i : new int[] {1, 3, 2}) {
            await(q.put(i));
        }
        assertEquals(3, q.qsize());
        assertEquals(afterPuts, q.toString()); // the items as they are stored
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            items.add(await(q.get()));
        }
        return result(items);
    }

    @Test
    void basic_test_order() {
        assertEquals(List.of(1, 3, 2), run(order(new Queue<>(), "<Queue maxsize=0 items=[1, 3, 2] tasks=3>")));
        assertEquals(List.of(2, 3, 1), Conformance.run(new VirtualClock(),
                order(new LifoQueue<>(), "<LifoQueue maxsize=0 items=[2, 3, 1] tasks=3>")));
        assertEquals(List.of(1, 2, 3), Conformance.run(new VirtualClock(),
                order(new PriorityQueue<>(), "<PriorityQueue maxsize=0 items=[1, 2, 3] tasks=3>")));
    }

    // test_queues.py: QueueBasicTests.test_maxsize
    final List<Integer> haveBeenPut = new ArrayList<>();

    @Async
    Coroutine<Boolean> putter(Queue<Integer> q) {
        for (int i = 0; i < 3; i++) {
            await(q.put(i));
            haveBeenPut.add(i);
        }
        return result(true);
    }

    @Async
    Coroutine<Void> maxsize() {
        Queue<Integer> q = new Queue<>(2);
        assertEquals(2, q.maxsize());
        Task<Boolean> t = createTask(putter(q));
        for (int i = 0; i < 2; i++) {
            await(sleep(0));
        }
        assertEquals(List.of(0, 1), haveBeenPut); // blocked after putting two items
        assertEquals(0, await(q.get()));
        await(sleep(0)); // the putter resumes and puts the last item
        assertEquals(List.of(0, 1, 2), haveBeenPut);
        assertEquals(1, await(q.get()));
        assertEquals(2, await(q.get()));
        assertTrue(t.done() && t.result());
        return done();
    }

    @Test
    void basic_test_maxsize() {
        run(maxsize());
    }

    // ---------------------------------------------------------------- QueueGetTests

    // test_queues.py: QueueGetTests.test_blocking_get and test_nonblocking_get
    @Async
    Coroutine<Void> blockingGet() {
        Queue<Integer> q = new Queue<>();
        q.putNowait(1);
        assertEquals(1, await(q.get()));
        q.putNowait(1);
        assertEquals(1, q.getNowait());
        return done();
    }

    @Test
    void get_test_blocking_get() {
        run(blockingGet());
    }

    // test_queues.py: QueueGetTests.test_blocking_get_wait
    boolean finished;

    @Async
    Coroutine<Integer> queueGet(Queue<Integer> q, Event started) {
        started.set();
        int res = await(q.get());
        finished = true;
        return result(res);
    }

    @Async
    Coroutine<Void> blockingGetWait() {
        Queue<Integer> q = new Queue<>();
        Event started = new Event();
        Task<Integer> task = createTask(queueGet(q, started));
        await(started.waitFor());
        assertFalse(finished);
        getRunningLoop().callLater(Duration.ofMillis(10), () -> q.putNowait(1));
        int res = await(task);
        assertTrue(finished);
        assertEquals(1, res);
        assertEquals(0.01, getRunningLoop().time()); // the get waited for the put, no longer
        return done();
    }

    @Test
    void get_test_blocking_get_wait() {
        run(blockingGetWait());
    }

    // test_queues.py: QueueGetTests.test_nonblocking_get_exception
    @Test
    void get_test_nonblocking_get_exception() {
        assertEquals("queue is empty", assertThrows(QueueEmpty.class, () -> run(nonblockingGetEmpty())).getMessage());
    }

    @Async
    Coroutine<Integer> nonblockingGetEmpty() {
        return result(new Queue<Integer>().getNowait());
    }

    // test_queues.py: QueueGetTests.test_get_cancelled_race
    @Async
    Coroutine<Void> getCancelledRace() {
        Queue<String> q = new Queue<>();
        Task<String> t1 = createTask(q.get());
        Task<String> t2 = createTask(q.get());
        await(sleep(0));
        t1.cancel();
        await(sleep(0));
        assertTrue(t1.done());
        assertTrue(t1.cancelled());
        await(q.put("a"));
        await(sleep(0));
        assertEquals("a", await(t2));
        return done();
    }

    @Test
    void get_test_get_cancelled_race() {
        run(getCancelledRace());
    }

    // test_queues.py: QueueGetTests.test_get_with_waiting_putters
    @Async
    Coroutine<Void> getWithWaitingPutters() {
        Queue<String> q = new Queue<>(1);
        createTask(q.put("a"));
        createTask(q.put("b"));
        assertEquals("a", await(q.get()));
        assertEquals("b", await(q.get()));
        return done();
    }

    @Test
    void get_test_get_with_waiting_putters() {
        run(getWithWaitingPutters());
    }

    // test_queues.py: QueueGetTests.test_why_are_getters_waiting
    @Async
    Coroutine<Void> consumer(Queue<Integer> queue, int numExpected) {
        for (int i = 0; i < numExpected; i++) {
            await(queue.get());
        }
        return done();
    }

    @Async
    Coroutine<Void> producer(Queue<Integer> queue, int numItems) {
        for (int i = 0; i < numItems; i++) {
            await(queue.put(i));
        }
        return done();
    }

    @Async
    Coroutine<Void> whyAreGettersWaiting() {
        Queue<Integer> q = new Queue<>(1);
        await(taskGroup(tg -> {
            tg.createTask(producer(q, 5));
            tg.createTask(consumer(q, 5));
            return done();
        }));
        return done();
    }

    @Test
    void get_test_why_are_getters_waiting() {
        run(whyAreGettersWaiting());
    }

    // test_queues.py: QueueGetTests.test_cancelled_getters_not_being_held_in_self_getters
    @Async
    Coroutine<Void> cancelledGettersNotHeld() {
        Queue<Integer> queue = new Queue<>(5);
        try {
            await(waitFor(queue.get(), Duration.ofMillis(100)));
            fail("TimeoutError not raised");
        } catch (AsyncTimeoutException expected) {
            // timed out
        }
        assertEquals("<Queue maxsize=5>", queue.toString()); // no getter left behind
        return done();
    }

    @Test
    void get_test_cancelled_getters_not_being_held_in_self_getters() {
        run(cancelledGettersNotHeld());
    }

    // ---------------------------------------------------------------- QueuePutTests

    // test_queues.py: QueuePutTests.test_blocking_put and test_nonblocking_put
    @Async
    Coroutine<Void> blockingPut() {
        Queue<Integer> q = new Queue<>();
        await(q.put(1)); // no maxsize: does not block
        assertEquals(1, await(q.get()));
        q.putNowait(1);
        assertEquals(1, q.getNowait());
        return done();
    }

    @Test
    void put_test_blocking_put() {
        run(blockingPut());
    }

    // test_queues.py: QueuePutTests.test_blocking_put_wait
    @Async
    Coroutine<Void> queuePut(Queue<Integer> q, Event started) {
        started.set();
        await(q.put(1));
        await(q.put(2));
        finished = true;
        return done();
    }

    @Async
    Coroutine<Void> blockingPutWait() {
        Queue<Integer> q = new Queue<>(1);
        Event started = new Event();
        getRunningLoop().callLater(Duration.ofMillis(10), q::getNowait);
        Task<Void> task = createTask(queuePut(q, started));
        await(started.waitFor());
        assertFalse(finished);
        await(task);
        assertTrue(finished);
        return done();
    }

    @Test
    void put_test_blocking_put_wait() {
        run(blockingPutWait());
    }

    // test_queues.py: QueuePutTests.test_get_cancel_drop_one_pending_reader (issue 13, item 11)
    @Async
    Coroutine<Integer> getCancelDropOnePendingReader() {
        Queue<Integer> q = new Queue<>();
        Task<Integer> reader = createTask(q.get());
        await(sleep(0));
        q.putNowait(1);
        q.putNowait(2);
        reader.cancel();
        try {
            await(reader);
        } catch (CancelledError e) {
            assertTrue(reader.cancelled());
            assertEquals(2, q.qsize(), "the item handed to the cancelled getter went back");
            reader = createTask(q.get()); // try again
            await(reader);
        }
        return result(reader.result()); // 2 would mean that 1 was dropped
    }

    @Test
    void put_test_get_cancel_drop_one_pending_reader() {
        assertEquals(1, run(getCancelDropOnePendingReader()));
    }

    // test_queues.py: QueuePutTests.test_get_cancel_drop_many_pending_readers (issue 13, item 11)
    @Async
    Coroutine<Void> getCancelDropManyPendingReaders() {
        Queue<Integer> q = new Queue<>();
        List<Task<Integer>> readers = new ArrayList<>();
        await(taskGroup(tg -> {
            readers.add(tg.createTask(q.get()));
            readers.add(tg.createTask(q.get()));
            readers.add(tg.createTask(q.get()));
            await(sleep(0));
            q.putNowait(1);
            q.putNowait(2);
            readers.get(0).cancel();
            try {
                await(readers.get(0));
                fail("not cancelled");
            } catch (CancelledError expected) {
                // reader1 gave its item back
            }
            await(readers.get(2));
            return done();
        }));
        assertEquals(Set.of(1, 2), Set.of(readers.get(1).result(), readers.get(2).result()));
        return done();
    }

    @Test
    void put_test_get_cancel_drop_many_pending_readers() {
        run(getCancelDropManyPendingReaders());
    }

    // test_queues.py: QueuePutTests.test_put_cancel_drop
    @Async
    Coroutine<Void> putCancelDrop() {
        Queue<Integer> q = new Queue<>(1);
        q.putNowait(1);
        Task<Void> writer = createTask(q.put(2)); // has to block
        await(sleep(0));
        assertEquals(1, q.getNowait());
        writer.cancel();
        try {
            await(writer);
        } catch (CancelledError e) {
            writer = createTask(q.put(2)); // try again
            await(writer);
        }
        assertEquals(2, q.getNowait());
        assertEquals(0, q.qsize());
        return done();
    }

    @Test
    void put_test_put_cancel_drop() {
        run(putCancelDrop());
    }

    // test_queues.py: QueuePutTests.test_nonblocking_put_exception
    @Async
    Coroutine<Void> nonblockingPutException() {
        Queue<Integer> q = new Queue<>(1);
        q.putNowait(1);
        assertEquals("queue is full (maxsize 1)", assertThrows(QueueFull.class, () -> q.putNowait(2)).getMessage());
        assertEquals(1, q.getNowait()); // the refused put changed nothing
        return done();
    }

    @Test
    void put_test_nonblocking_put_exception() {
        run(nonblockingPutException());
    }

    // test_queues.py: QueuePutTests.test_put_cancelled
    @Async
    Coroutine<Boolean> queuePut1(Queue<Integer> q) {
        await(q.put(1));
        return result(true);
    }

    @Async
    Coroutine<Void> putCancelled() {
        Queue<Integer> q = new Queue<>();
        Task<Boolean> t = createTask(queuePut1(q));
        assertEquals(1, await(q.get()));
        assertTrue(t.done() && t.result());
        return done();
    }

    @Test
    void put_test_put_cancelled() {
        run(putCancelled());
    }

    // test_queues.py: QueuePutTests.test_put_cancelled_race
    @Async
    Coroutine<Void> putCancelledRace() {
        Queue<String> q = new Queue<>(1);
        Task<Void> putA = createTask(q.put("a"));
        Task<Void> putB = createTask(q.put("b"));
        Task<Void> putC = createTask(q.put("X"));
        await(sleep(0));
        assertTrue(putA.done());
        assertFalse(putB.done());
        putC.cancel();
        await(sleep(0));
        assertTrue(putC.done());
        assertTrue(putC.cancelled());
        assertEquals("a", q.getNowait());
        await(sleep(0));
        assertEquals("b", q.getNowait());
        assertThrows(QueueEmpty.class, q::getNowait); // the cancelled put put nothing
        await(putB);
        return done();
    }

    @Test
    void put_test_put_cancelled_race() {
        run(putCancelledRace());
    }

    // test_queues.py: QueuePutTests.test_put_with_waiting_getters
    @Async
    Coroutine<Void> putWithWaitingGetters() {
        Queue<String> q = new Queue<>();
        Task<String> t = createTask(q.get());
        await(sleep(0));
        await(q.put("a"));
        assertEquals("a", await(t));
        return done();
    }

    @Test
    void put_test_put_with_waiting_getters() {
        run(putWithWaitingGetters());
    }

    // test_queues.py: QueuePutTests.test_why_are_putters_waiting
    @Async
    Coroutine<Void> getter(Queue<Integer> queue) {
        await(sleep(0));
        int num = queue.qsize();
        for (int i = 0; i < num; i++) {
            queue.getNowait();
        }
        return done();
    }

    @Async
    Coroutine<Void> whyArePuttersWaiting() {
        Queue<Integer> queue = new Queue<>(2);
        await(taskGroup(tg -> {
            tg.createTask(getter(queue));
            for (int i = 0; i < 4; i++) {
                tg.createTask(queue.put(i));
            }
            return done();
        }));
        return done();
    }

    @Test
    void put_test_why_are_putters_waiting() {
        run(whyArePuttersWaiting());
    }

    // test_queues.py: QueuePutTests.test_cancelled_puts_not_being_held_in_self_putters
    @Async
    Coroutine<Void> cancelledPutsNotHeld() {
        Queue<Integer> queue = new Queue<>(1);
        queue.putNowait(1);
        Task<Void> putTask = createTask(queue.put(1));
        await(sleep(0));
        assertEquals("<Queue maxsize=1 items=[1] putters[1] tasks=1>", queue.toString());
        putTask.cancel();
        try {
            await(putTask);
            fail("not cancelled");
        } catch (CancelledError expected) {
            // left the putters
        }
        assertEquals("<Queue maxsize=1 items=[1] tasks=1>", queue.toString());
        return done();
    }

    @Test
    void put_test_cancelled_puts_not_being_held_in_self_putters() {
        run(cancelledPutsNotHeld());
    }

    // test_queues.py: QueuePutTests.test_cancelled_put_silence_value_error_exception (issue 13, item 11)
    @Async
    Coroutine<Void> cancelledPutSilence() {
        Queue<Integer> queue = new Queue<>(1);
        queue.putNowait(1);
        Task<Void> putTask = createTask(queue.put(1));
        await(sleep(0));
        assertEquals(1, queue.getNowait()); // wakes the put, keeping the slot for it; its task is then cancelled before it runs
        putTask.cancel();
        try {
            await(putTask);
            fail("not cancelled");
        } catch (CancelledError expected) {
            assertTrue(putTask.cancelled()); // the woken put raises the cancellation and puts nothing
        }
        assertEquals(0, queue.qsize());
        queue.putNowait(3); // the slot kept for it is free again
        assertEquals(3, queue.getNowait());
        return done();
    }

    @Test
    void put_test_cancelled_put_silence_value_error_exception() {
        run(cancelledPutSilence());
    }

    // ---------------------------------------------------------------- _QueueJoinTestMixin

    // test_queues.py: _QueueJoinTestMixin.test_task_done_underflow (ValueError: IllegalStateException)
    @Test
    void join_test_task_done_underflow() {
        for (Supplier<Queue<Object>> kind : kinds(0)) {
            Queue<Object> q = kind.get();
            assertEquals("taskDone() called too many times", assertThrows(IllegalStateException.class, q::taskDone).getMessage());
            q.putNowait(1);
            q.getNowait();
            q.taskDone();
            assertThrows(IllegalStateException.class, q::taskDone); // once per item, no more
        }
    }

    // test_queues.py: _QueueJoinTestMixin.test_task_done
    int accumulator;
    boolean running;

    @Async
    Coroutine<Void> worker(Queue<Object> q) {
        while (running) {
            accumulator += (Integer) await(q.get());
            q.taskDone();
        }
        return done();
    }

    @Async
    Coroutine<Void> taskDone(Queue<Object> q) {
        accumulator = 0;
        running = true;
        for (int i = 0; i < 100; i++) {
            q.putNowait(i);
        }
        await(taskGroup(tg -> {
            List<Task<Void>> tasks = List.of(tg.createTask(worker(q)), tg.createTask(worker(q)));
            await(q.join());
            assertEquals(4950, accumulator);
            running = false; // close the workers
            for (int i = 0; i < tasks.size(); i++) {
                q.putNowait(0);
            }
            return done();
        }));
        await(q.join()); // the workers marked the closing items done too
        return done();
    }

    @Test
    void join_test_task_done() {
        forEachKind(0, this::taskDone);
    }

    // test_queues.py: _QueueJoinTestMixin.test_join_empty_queue
    @Async
    Coroutine<Void> joinEmpty(Queue<Object> q) {
        await(q.join());
        await(q.join());
        return done();
    }

    @Test
    void join_test_join_empty_queue() {
        forEachKind(0, this::joinEmpty);
    }

    // ---------------------------------------------------------------- _QueueShutdownTestMixin

    // test_queues.py: _QueueShutdownTestMixin.test_shutdown_empty
    @Async
    Coroutine<Void> shutdownEmpty(Queue<Object> q) {
        q.shutdown();
        assertEquals("queue is shut down", assertThrows(QueueShutDown.class, () -> q.putNowait(1)).getMessage());
        assertThrows(QueueShutDown.class, q::getNowait);
        try {
            await(q.put("data"));
            fail("Didn't appear to shut-down queue");
        } catch (QueueShutDown expected) {
            // put refused
        }
        try {
            await(q.get());
            fail("Didn't appear to shut-down queue");
        } catch (QueueShutDown expected) {
            // get refused: empty
        }
        return done();
    }

    @Test
    void shutdown_test_shutdown_empty() {
        forEachKind(0, this::shutdownEmpty);
    }

    // test_queues.py: _QueueShutdownTestMixin.test_shutdown_nonempty and test_shutdown_immediate
    @Async
    Coroutine<Void> shutdownNonEmpty(Queue<Object> q, boolean immediate) {
        q.putNowait("data");
        q.shutdown(immediate);
        if (!immediate) {
            assertEquals("data", await(q.get()));
        }
        try {
            await(q.get());
            fail("Didn't appear to shut-down queue");
        } catch (QueueShutDown expected) {
            // empty and shut down
        }
        return done();
    }

    @Test
    void shutdown_test_shutdown_nonempty_and_immediate() {
        forEachKindGentleThenImmediate(0, this::shutdownNonEmpty);
    }

    // test_queues.py: _QueueShutdownTestMixin.test_shutdown_all_methods_in_one_task
    @Async
    Coroutine<Void> allMethodsInOneTask() {
        Queue<String> q = new Queue<>();
        await(q.put("L"));
        q.putNowait("O");
        q.shutdown(false);
        assertThrows(QueueShutDown.class, () -> q.putNowait("W"));
        try {
            await(q.put("E"));
            fail("not refused");
        } catch (QueueShutDown expected) {
            // refused
        }
        assertTrue("LO".contains(await(q.get())));
        q.taskDone();
        assertTrue("LO".contains(q.getNowait()));
        q.taskDone();
        await(q.join());
        try {
            await(q.get());
            fail("not refused");
        } catch (QueueShutDown expected) {
            // empty and shut down
        }
        assertThrows(QueueShutDown.class, q::getNowait);
        return done();
    }

    @Test
    void shutdown_test_shutdown_all_methods_in_one_task() {
        run(allMethodsInOneTask());
    }

    // test_queues.py: _QueueShutdownTestMixin.test_shutdown_putters_deque and immediate
    @Async
    Coroutine<Void> shutdownPutters(Queue<Object> q, boolean immediate) {
        await(q.put("E"));
        await(q.put("W"));
        Task<Void> t = createTask(q.put("Y")); // the queue is full
        await(sleep(0.001));
        assertTrue(q.toString().contains("putters[1]"));
        q.shutdown(immediate);
        try {
            await(t);
            fail("not refused");
        } catch (QueueShutDown expected) {
            // the blocked put is refused
        }
        assertFalse(q.toString().contains("putters"));
        return done();
    }

    @Test
    void shutdown_test_shutdown_putters_deque() {
        forEachKindGentleThenImmediate(2, this::shutdownPutters);
    }

    // test_queues.py: _QueueShutdownTestMixin.test_shutdown_getters_deque and immediate
    @Async
    Coroutine<Void> shutdownGetters(Queue<Object> q, boolean immediate) {
        await(q.put("Y"));
        createTask(q.get());
        await(sleep(0.001));
        Task<Object> t = createTask(q.get());
        await(sleep(0.001));
        assertTrue(q.toString().contains("getters[1]"));
        // the file's non-immediate branch ("t is always pending") predates 3.13.0, whose
        // shutdown() unblocks every waiting get, which then finds the queue empty and raises
        // (the documented behaviour, and jawait's)
        q.shutdown(immediate);
        try {
            await(t);
            fail("not refused");
        } catch (QueueShutDown expected) {
            // the waiting get is refused
        }
        assertFalse(q.toString().contains("getters"));
        return done();
    }

    @Test
    void shutdown_test_shutdown_getters_deque() {
        forEachKindGentleThenImmediate(1, this::shutdownGetters);
    }

    // test_queues.py: _QueueShutdownTestMixin helpers _get, _get_nowait, _get_task_done, _put, _put_nowait, _shutdown, _join
    @Async
    Coroutine<Object> get(Queue<Object> q, Event go, List<Boolean> results, boolean shutdown) {
        await(go.waitFor());
        try {
            Object msg = await(q.get());
            results.add(!shutdown);
            return result(msg);
        } catch (QueueShutDown e) {
            results.add(shutdown);
            return result(shutdown);
        }
    }

    @Async
    Coroutine<Object> getNowait(Queue<Object> q, Event go, List<Boolean> results, boolean shutdown) {
        await(go.waitFor());
        try {
            Object msg = q.getNowait();
            results.add(!shutdown);
            return result(msg);
        } catch (QueueShutDown e) {
            results.add(shutdown);
            return result(shutdown);
        }
    }

    @Async
    Coroutine<Object> getTaskDone(Queue<Object> q, Event go, List<Boolean> results) {
        await(go.waitFor());
        try {
            Object msg = await(q.get());
            q.taskDone();
            results.add(true);
            return result(msg);
        } catch (QueueShutDown e) {
            results.add(false);
            return result(false);
        }
    }

    @Async
    Coroutine<Object> put(Queue<Object> q, Event go, Object msg, List<Boolean> results, boolean shutdown) {
        await(go.waitFor());
        try {
            await(q.put(msg));
            results.add(!shutdown);
            return result(!shutdown);
        } catch (QueueShutDown e) {
            results.add(shutdown);
            return result(shutdown);
        }
    }

    @Async
    Coroutine<Object> putNowait(Queue<Object> q, Event go, Object msg, List<Boolean> results, boolean shutdown) {
        await(go.waitFor());
        try {
            q.putNowait(msg);
            results.add(false);
            return result(!shutdown);
        } catch (QueueShutDown e) {
            results.add(true);
            return result(shutdown);
        }
    }

    @Async
    Coroutine<Object> shutdown(Queue<Object> q, Event go, boolean immediate) {
        q.shutdown(immediate);
        await(sleep(0.001));
        go.set();
        await(sleep(0.001));
        return result(null);
    }

    @Async
    Coroutine<Object> join(Queue<Object> q, List<Boolean> results, boolean shutdown) {
        try {
            await(q.join());
            results.add(!shutdown);
            return result(true);
        } catch (QueueShutDown e) {
            results.add(shutdown);
            return result(false);
        }
    }

    // test_queues.py: _QueueShutdownTestMixin.test_shutdown_get and test_shutdown_immediate_get
    @Async
    Coroutine<Void> shutdownGet(Queue<Object> q, boolean immediate) {
        List<Boolean> results = new ArrayList<>();
        Event go = new Event();
        await(q.put("Y"));
        await(q.put("D"));
        List<Coroutine<Object>> coros = new ArrayList<>();
        if (immediate) {
            coros.add(get(q, go, results, true));
            coros.add(getNowait(q, go, results, true));
        } else { // one of these raises QueueShutDown
            coros.add(get(q, go, results, false));
            coros.add(getNowait(q, go, results, false));
            coros.add(getNowait(q, go, results, false));
        }
        int n = coros.size();
        coros.add(shutdown(q, go, immediate));
        await(gather(coros));
        List<Boolean> sorted = new ArrayList<>(results);
        sorted.sort(null);
        if (immediate) {
            assertEquals(List.of(true, true), results);
        } else {
            List<Boolean> expected = new ArrayList<>();
            expected.add(false);
            for (int i = 1; i < n; i++) {
                expected.add(true);
            }
            assertEquals(expected, sorted);
        }
        return done();
    }

    @Test
    void shutdown_test_shutdown_get() {
        forEachKindGentleThenImmediate(2, this::shutdownGet);
    }

    // test_queues.py: _QueueShutdownTestMixin.test_shutdown_get_task_done_join
    @Async
    Coroutine<Void> shutdownGetTaskDoneJoin(Queue<Object> q) {
        List<Boolean> results = new ArrayList<>();
        Event go = new Event();
        await(q.put("Y"));
        await(q.put("D"));
        List<Coroutine<Object>> coros = List.of(getTaskDone(q, go, results), getTaskDone(q, go, results),
                join(q, results, false), join(q, results, false), shutdown(q, go, false));
        List<Object> res = await(gather(coros));
        assertEquals(List.of(true, true, true, true), results);
        assertTrue("YD".contains((String) res.get(0)));
        assertTrue("YD".contains((String) res.get(1)));
        assertNotEquals(res.get(0), res.get(1));
        return done();
    }

    @Test
    void shutdown_test_shutdown_get_task_done_join() {
        forEachKind(2, this::shutdownGetTaskDoneJoin);
    }

    // test_queues.py: _QueueShutdownTestMixin.test_shutdown_put and test_shutdown_immediate_put
    @Async
    Coroutine<Void> shutdownPut(Queue<Object> q, boolean immediate) {
        List<Boolean> results = new ArrayList<>();
        Event go = new Event();
        await(gather(put(q, go, "Y", results, true), putNowait(q, go, "D", results, true), shutdown(q, go, immediate)));
        assertEquals(List.of(true, true), results);
        return done();
    }

    @Test
    void shutdown_test_shutdown_put() {
        forEachKindGentleThenImmediate(0, this::shutdownPut);
    }
}
