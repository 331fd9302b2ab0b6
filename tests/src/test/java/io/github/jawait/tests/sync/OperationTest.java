package io.github.jawait.tests.sync;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.shield;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.taskGroup;
import static io.github.jawait.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.AsyncTimeoutException;
import io.github.jawait.Awaitable;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.TaskGroupException;
import io.github.jawait.sync.Event;
import io.github.jawait.sync.Lock;
import io.github.jawait.sync.Queue;
import io.github.jawait.tests.TestLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The coroutines the primitives' operations return (get, put, waitFor, acquire): one object
 * that runs nothing until awaited, runs once, and is its own node in the wait queue.
 */
class OperationTest {

    @Async
    Coroutine<Void> nothingHappensUntilAwaited() {
        Queue<String> q = new Queue<>();
        q.putNowait("a");
        Coroutine<String> get = q.get();
        assertEquals(1, q.qsize(), "calling get() takes nothing");
        assertEquals("<Queue.get not awaited yet>", get.toString());
        assertEquals("a", await(get));
        assertEquals(0, q.qsize());
        assertEquals("<Queue.get done>", get.toString());
        assertEquals("a", await(get), "a finished coroutine gives the same outcome again");

        Coroutine<String> never = q.get();
        q.putNowait("b");
        assertEquals(1, q.qsize(), "a get that is never awaited takes nothing");
        assertEquals("b", q.getNowait());
        return done();
    }

    @Test
    void anOperationRunsWhenAwaitedAndOnlyOnce() {
        TestLoop.run(nothingHappensUntilAwaited());
    }

    @Async
    Coroutine<String> awaitIt(Coroutine<String> c) {
        return result(await(c));
    }

    @Async
    Coroutine<Void> sharedBetweenTasks() {
        Queue<String> q = new Queue<>();
        Coroutine<String> get = q.get();
        Task<String> first = createTask(awaitIt(get));
        Task<String> second = createTask(awaitIt(get));
        await(sleep(0)); // both start; the second one's await fails
        await(sleep(0)); // and it finishes with that failure
        assertTrue(first.toString().contains("pending"), first.toString());
        assertTrue(second.done());
        IllegalStateException e = assertThrows(IllegalStateException.class, second::result);
        assertTrue(e.getMessage().startsWith("<Queue.get waiting (task Task-"), e.getMessage());
        assertTrue(e.getMessage().endsWith("a coroutine runs once: wrap it in Asyncio.createTask(...)"
                + " to await it from several places"), e.getMessage());
        q.putNowait("x");
        assertEquals("x", await(first));
        assertEquals(0, q.qsize());
        return done();
    }

    @Test
    void awaitingOneOperationFromTwoTasksIsAClearError() {
        TestLoop.run(sharedBetweenTasks());
    }

    @Async
    Coroutine<Void> abandoned() {
        Queue<String> q = new Queue<>();
        Coroutine<String> get = q.get();
        Task<String> getter = createTask(awaitIt(get));
        await(sleep(0));
        getter.cancel();
        await(sleep(0));
        assertTrue(getter.cancelled());
        assertEquals("<Queue maxsize=0>", q.toString(), "the cancelled get left the wait queue");
        q.putNowait("kept");
        assertEquals(1, q.qsize(), "nothing is handed to a cancelled get");
        Task<String> again = createTask(awaitIt(get));
        await(sleep(0));
        await(sleep(0));
        IllegalStateException e = assertThrows(IllegalStateException.class, again::result);
        assertEquals("<Queue.get cancelled>: its task was cancelled while it waited; a coroutine"
                + " runs once, call the operation again", e.getMessage());
        assertEquals("kept", await(q.get()));
        return done();
    }

    @Test
    void anOperationAbandonedByCancellationCannotBeAwaitedAgain() {
        TestLoop.run(abandoned());
    }

    @Async
    Coroutine<Void> grantedThenCancelled() {
        Queue<String> q = new Queue<>();
        Lock lock = new Lock();
        Task<String> getter = createTask(getAndHold(q, lock));
        await(sleep(0));
        q.putNowait("item"); // the getter is woken: its get was handed the item
        getter.cancel();     // cancelled before it runs: asyncio raises CancelledError at the get
        await(sleep(0));
        await(sleep(0));
        assertTrue(getter.cancelled());
        assertEquals(List.of(), events, "the get raised CancelledError instead of returning the item");
        assertEquals(1, q.qsize(), "the item went back to the queue");
        assertEquals("item", q.getNowait());
        assertFalse(lock.locked());
        return done();
    }

    final List<String> events = new ArrayList<>();

    @Async
    Coroutine<String> getAndHold(Queue<String> q, Lock lock) {
        String item = await(q.get());
        events.add("got " + item);
        try (var permit = await(lock.acquire())) {
            await(sleep(3600));
        }
        return result(item);
    }

    @Test
    void aWokenGetGivesItsItemBackWhenItsTaskIsCancelledBeforeItRuns() {
        TestLoop.run(grantedThenCancelled());
    }

    @Async
    Coroutine<Void> notifiedThenCancelled() {
        Event ready = new Event();
        Task<Boolean> waiter = createTask(waitForIt(ready));
        await(sleep(0));
        ready.set();     // the waiter is woken, but an event hands over nothing that could be lost
        waiter.cancel(); // so, as in asyncio, the cancellation strikes at that very await
        await(sleep(0));
        assertTrue(waiter.cancelled());
        assertEquals(List.of("cancelled at waitFor"), events);
        return done();
    }

    @Async
    Coroutine<Boolean> waitForIt(Event e) {
        try {
            boolean set = await(e.waitFor());
            events.add("waitFor returned");
            return result(set);
        } catch (CancelledError c) {
            events.add("cancelled at waitFor");
            throw c;
        }
    }

    @Test
    void aWokenEventWaitIsCancelledAtThatAwait() {
        TestLoop.run(notifiedThenCancelled());
    }

    @Async
    Coroutine<Void> cancelledError() {
        Queue<String> q = new Queue<>();
        Task<String> getter = createTask(q.get());
        await(sleep(0));
        getter.cancel("stop");
        await(sleep(0));
        assertTrue(getter.cancelled());
        CancelledError e = assertThrows(CancelledError.class, getter::result);
        assertEquals("stop", e.getMessage());
        return done();
    }

    @Test
    void aTaskRunningAnOperationDirectlyIsCancelledWithItsMessage() {
        TestLoop.run(cancelledError());
    }

    // ---- the window between a wake-up and the woken task reading its outcome ----

    @Async
    Coroutine<Void> stolenBeforeTheOwnerResumes() {
        Queue<String> q = new Queue<>();
        Coroutine<String> get = q.get();
        Task<String> owner = createTask(awaitIt(get), "owner");
        await(sleep(0));        // the owner parks in the get
        q.putNowait("x");       // handed to the owner's get; the owner has not run yet
        try {
            String twice = await(get);
            throw new AssertionError("the item was delivered to a second task: " + twice);
        } catch (IllegalStateException refused) {
            assertTrue(refused.getMessage().startsWith("<Queue.get done (task owner)> is already awaited by <Task owner"),
                    refused.getMessage());
            assertTrue(refused.getMessage().endsWith("a coroutine runs once: wrap it in Asyncio.createTask(...)"
                    + " to await it from several places"), refused.getMessage());
        }
        assertEquals("x", await(owner));
        assertEquals("<Queue.get done>", get.toString());
        q.taskDone();
        assertThrows(IllegalStateException.class, q::taskDone, "one item, one consumer");
        return done();
    }

    @Test
    void aWokenOperationIsItsTasksUntilItResumes() {
        TestLoop.run(stolenBeforeTheOwnerResumes());
    }

    // ---- operations handed to the combinators ----

    @Async
    Coroutine<Void> gatheredGets() {
        Queue<String> q = new Queue<>();
        Awaitable<List<String>> both = gather(q.get(), q.get());
        await(sleep(0));
        q.putNowait("a");
        q.putNowait("b");
        assertEquals(List.of("a", "b"), await(both));
        assertEquals(0, q.qsize());
        return done();
    }

    @Test
    void gatheredOperationsEachTakeOneItemInOrder() {
        TestLoop.run(gatheredGets());
    }

    @Async
    Coroutine<Void> itemAtTheDeadline(boolean itemFirst) {
        Queue<String> q = new Queue<>();
        Runnable put = () -> q.putNowait("x");
        if (itemFirst) {
            getRunningLoop().callLater(Duration.ofSeconds(1), put); // armed first: fires first
        }
        Task<String> getter = createTask(waitForGet(q));
        await(sleep(0));
        if (!itemFirst) {
            getRunningLoop().callLater(Duration.ofSeconds(1), put); // armed after the timeout
        }
        String got = await(getter);
        // either way the deadline wins (asyncio: the woken get raises the cancellation), and the
        // item is not lost: a get handed it before the deadline gives it back to the queue
        assertEquals("timed out", got);
        assertEquals(1, q.qsize(), "the timed-out get took nothing");
        assertEquals("x", q.getNowait());
        return done();
    }

    @Async
    Coroutine<String> waitForGet(Queue<String> q) {
        try {
            String got = await(waitFor(q.get(), Duration.ofSeconds(1)));
            await(sleep(0)); // the timeout's cancellation was withdrawn: nothing strikes here
            return result(got);
        } catch (AsyncTimeoutException e) {
            return result("timed out");
        }
    }

    @Test
    void anItemArrivingInTheTurnOfTheDeadlineIsNeverLost() {
        TestLoop.run(itemAtTheDeadline(true));
        TestLoop.run(itemAtTheDeadline(false));
    }

    @Async
    Coroutine<String> awaitAw(Awaitable<String> aw) {
        return result(await(aw));
    }

    @Async
    Coroutine<Void> shieldedGet() {
        Queue<String> q = new Queue<>();
        Awaitable<String> shielded = shield(q.get());
        Task<String> outer = createTask(awaitAw(shielded));
        await(sleep(0));
        outer.cancel();
        await(sleep(0));
        assertTrue(outer.cancelled());
        q.putNowait("x");
        assertEquals("x", await(shielded), "the shielded get went on and took the item");
        assertEquals(0, q.qsize());
        return done();
    }

    @Test
    void aShieldedGetOutlivesItsCancelledAwaiter() {
        TestLoop.run(shieldedGet());
    }

    @Async
    Coroutine<Void> failsAfter(double seconds) {
        await(sleep(seconds));
        throw new IllegalStateException("boom");
    }

    @Async
    Coroutine<Void> groupOfGetters() {
        Queue<String> q = new Queue<>();
        List<Task<String>> getters = new ArrayList<>();
        try {
            await(taskGroup(tg -> {
                getters.add(tg.createTask(q.get()));
                getters.add(tg.createTask(q.get()));
                tg.createTask(failsAfter(1));
                return done();
            }));
            throw new AssertionError("the group should have failed");
        } catch (TaskGroupException e) {
            assertEquals(1, e.exceptions().size());
            assertEquals("boom", e.exceptions().get(0).getMessage());
        }
        assertTrue(getters.get(0).cancelled());
        assertTrue(getters.get(1).cancelled());
        assertEquals("<Queue maxsize=0>", q.toString(), "the cancelled gets left the wait queue");
        q.putNowait("a");
        q.putNowait("b");
        assertEquals(2, q.qsize(), "nothing went to the cancelled gets");
        return done();
    }

    @Test
    void getsInAFailingTaskGroupAreCancelledAndTakeNothing() {
        TestLoop.run(groupOfGetters());
    }
}
