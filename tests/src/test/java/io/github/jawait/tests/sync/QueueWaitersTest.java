package io.github.jawait.tests.sync;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gatherSettled;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.AsyncTimeoutException;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.sync.Queue;
import io.github.jawait.sync.QueueShutDown;
import io.github.jawait.tests.TestLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The queue's waiting gets and puts as a list: arrival order with several waiters, waiters
 * cancelled anywhere in the list (before any put, or after a put granted them an item), many
 * cancelled at once, and a blocked put that gets its item back when granted. The wait list is
 * singly linked and leaves cancelled waiters in place until they are skipped or swept, so these
 * cases check that no order, item or waiter is lost on the way.
 */
class QueueWaitersTest {
    final List<String> log = new ArrayList<>();

    /** Waits in get() and logs "name=item@time" on the loop's virtual clock. */
    @Async
    Coroutine<String> getter(Queue<String> q, String name) {
        String item = await(q.get());
        log.add(name + "=" + item + "@" + getRunningLoop().time());
        return result(item);
    }

    @Async
    Coroutine<Void> severalWaiters() {
        Queue<String> q = new Queue<>();
        List<Task<String>> getters = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            getters.add(createTask(getter(q, "g" + i)));
        }
        await(sleep(0)); // all six park, in creation order
        getters.get(2).cancel(); // g3, in the middle
        getters.get(5).cancel(); // g6, the last one
        getters.get(0).cancel(); // g1, the first one
        Task<String> late = createTask(getter(q, "g7")); // arrives behind the cancelled last one
        await(sleep(0));
        assertEquals("<Queue maxsize=0 getters[4]>", q.toString(), "cancelled gets are not counted");
        await(sleep(1));
        for (String item : List.of("a", "b", "c", "d", "e")) {
            q.putNowait(item);
        }
        await(late);
        assertEquals(List.of("g2=a@1.0", "g4=b@1.0", "g5=c@1.0", "g7=d@1.0"), log);
        assertEquals(1, q.qsize(), "no getter left for the fifth item");
        assertEquals("e", q.getNowait());
        for (int i : new int[] {0, 2, 5}) {
            assertTrue(getters.get(i).cancelled());
        }
        return done();
    }

    @Test
    void gettersCancelledAnywhereAreSkippedAndTheOthersServedInArrivalOrder() {
        TestLoop.run(severalWaiters());
    }

    @Async
    Coroutine<Void> manyCancelled() {
        Queue<String> q = new Queue<>();
        List<Task<String>> getters = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            getters.add(createTask(getter(q, "g" + i)));
        }
        await(sleep(0));
        for (int i = 39; i >= 0; i--) { // from the last one: the list's head stays a live getter
            if (i % 4 != 0) {
                getters.get(i).cancel();
            }
        }
        Task<String> late = createTask(getter(q, "late"));
        await(sleep(0));
        assertEquals("<Queue maxsize=0 getters[11]>", q.toString());
        await(sleep(2));
        for (int i = 0; i < 11; i++) {
            q.putNowait("i" + i);
        }
        await(late);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add("g" + 4 * i + "=i" + i + "@2.0");
        }
        expected.add("late=i10@2.0");
        assertEquals(expected, log);
        assertEquals("<Queue maxsize=0 tasks=11>", q.toString());
        for (Task<String> g : getters) {
            await(gatherSettled(g));
        }
        assertEquals(30, getters.stream().filter(Task::cancelled).count());
        return done();
    }

    @Test
    void thirtyOfFortyGettersCancelledLeaveTheOtherTenAndALateOneInOrder() {
        TestLoop.run(manyCancelled());
    }

    @Async
    Coroutine<Void> timingOutRepeatedly() {
        Queue<String> q = new Queue<>();
        Task<String> patient = createTask(getter(q, "patient"));
        for (int round = 0; round < 100; round++) {
            try {
                await(waitFor(q.get(), Duration.ofMillis(10)));
                throw new AssertionError("nothing was put");
            } catch (AsyncTimeoutException e) {
                assertEquals("<Queue maxsize=0 getters[1]>", q.toString(), "round " + round);
            }
        }
        q.putNowait("x");
        assertEquals("x", await(patient), "the first getter, parked behind 100 timed-out ones");
        assertEquals(List.of("patient=x@1.0"), log);
        return done();
    }

    @Test
    void aHundredGetsTimingOutBehindAParkedOneNeitherCountNorOvertakeIt() {
        TestLoop.run(timingOutRepeatedly());
    }

    @Async
    Coroutine<Void> cancelledBeforeAnyPut() {
        Queue<String> q = new Queue<>();
        Task<String> first = createTask(getter(q, "first"));
        Task<String> second = createTask(getter(q, "second"));
        await(sleep(0));
        first.cancel();
        await(sleep(1));
        assertTrue(first.cancelled());
        assertThrows(CancelledError.class, first::result);
        q.putNowait("a");
        q.putNowait("b");
        assertEquals("a", await(second));
        assertEquals(List.of("second=a@1.0"), log);
        assertEquals(1, q.qsize(), "the cancelled get took nothing");
        assertEquals("b", q.getNowait());
        return done();
    }

    @Test
    void aGetCancelledBeforeAnyPutTakesNothing() {
        TestLoop.run(cancelledBeforeAnyPut());
    }

    @Async
    Coroutine<Void> cancelledAfterTheGrant() {
        Queue<String> q = new Queue<>();
        Task<String> g1 = createTask(getter(q, "g1"));
        Task<String> g2 = createTask(getter(q, "g2"));
        Task<String> g3 = createTask(getter(q, "g3"));
        await(sleep(0));
        q.putNowait("a"); // handed to g1, which has not run yet
        assertEquals("<Queue maxsize=0 getters[2] tasks=1>", q.toString());
        g1.cancel();      // its get raises CancelledError; "a" goes to g2, the next in line
        await(sleep(1));
        assertTrue(g1.cancelled());
        q.putNowait("b");
        assertEquals("b", await(g3));
        assertEquals("a", g2.result());
        assertEquals(List.of("g2=a@0.0", "g3=b@1.0"), log);
        assertEquals(0, q.qsize());
        return done();
    }

    @Test
    void aGetCancelledAfterAPutGrantedItPassesTheItemToTheNextGetter() {
        TestLoop.run(cancelledAfterTheGrant());
    }

    @Async
    Coroutine<Void> twoGrantsThenTheFirstCancelled() {
        Queue<String> q = new Queue<>();
        Task<String> g1 = createTask(getter(q, "g1"));
        Task<String> g2 = createTask(getter(q, "g2"));
        Task<String> g3 = createTask(getter(q, "g3"));
        await(sleep(1));
        q.putNowait("a"); // handed to g1
        q.putNowait("b"); // handed to g2; neither has run
        g1.cancel();      // asyncio: g2 then takes "a" (the older item), and g3 "b"
        await(g3);
        assertTrue(g1.cancelled());
        assertEquals(List.of("g2=a@1.0", "g3=b@1.0"), log);
        assertEquals("a", g2.result());
        assertEquals(0, q.qsize());
        return done();
    }

    @Test
    void aGetCancelledAfterTwoGrantsLetsTheNextGetterTakeTheOlderItem() {
        TestLoop.run(twoGrantsThenTheFirstCancelled());
    }

    @Async
    Coroutine<Void> twoGrantsNoGetterLeft() {
        Queue<String> q = new Queue<>();
        Task<String> g1 = createTask(getter(q, "g1"));
        Task<String> g2 = createTask(getter(q, "g2"));
        await(sleep(0));
        q.putNowait("a"); // handed to g1
        q.putNowait("b"); // handed to g2
        q.putNowait("c"); // stored
        g1.cancel();
        await(g2);
        assertTrue(g1.cancelled());
        assertEquals(List.of("g2=a@0.0"), log);
        assertEquals(2, q.qsize());
        assertEquals("b", q.getNowait(), "the item passed down the line goes back in front");
        assertEquals("c", q.getNowait());
        return done();
    }

    @Test
    void anItemPassedDownTheLineWithNoGetterLeftGoesBackInFront() {
        TestLoop.run(twoGrantsNoGetterLeft());
    }

    @Async
    Coroutine<Void> lastGetterCancelledAfterTheGrant() {
        Queue<String> q = new Queue<>();
        q.putNowait("old");
        String first = q.getNowait();
        Task<String> only = createTask(getter(q, "only"));
        await(sleep(0));
        q.putNowait("a");
        q.putNowait("b"); // stored: no getter waits
        only.cancel();
        await(sleep(0));
        assertTrue(only.cancelled());
        assertEquals("old", first);
        assertEquals(2, q.qsize());
        assertEquals("a", q.getNowait(), "the item given back goes in front of the newer one");
        assertEquals("b", q.getNowait());
        return done();
    }

    @Test
    void anItemGivenBackWithNoGetterLeftGoesBackInFront() {
        TestLoop.run(lastGetterCancelledAfterTheGrant());
    }

    @Async
    Coroutine<Void> awaitPut(Coroutine<Void> put) {
        await(put);
        log.add("put done @" + getRunningLoop().time());
        return done();
    }

    @Async
    Coroutine<Void> grantedPuts() {
        Queue<String> q = new Queue<>(1);
        q.putNowait("a");
        Coroutine<Void> putB = q.put("b");
        Coroutine<Void> putC = q.put("c");
        Task<Void> writerB = createTask(awaitPut(putB));
        Task<Void> writerC = createTask(awaitPut(putC));
        await(sleep(1)); // both block
        assertEquals("<Queue maxsize=1 items=[a] putters[2] tasks=1>", q.toString());
        assertEquals("a", await(q.get())); // frees the slot: granted to the put of "b"
        await(writerB);
        assertEquals("b", await(q.get()));
        await(writerC);
        assertEquals("c", q.getNowait());
        assertEquals(List.of("put done @1.0", "put done @1.0"), log);
        assertNull(await(putB), "a finished put yields null again, not its item");
        return done();
    }

    @Test
    void blockedPutsAreGrantedTheirOwnItemsInOrderAndYieldNull() {
        TestLoop.run(grantedPuts());
    }

    @Async
    Coroutine<Void> grantedPutThenShutdown() {
        Queue<String> q = new Queue<>(1);
        q.putNowait("a");
        Coroutine<Void> putB = q.put("b");
        Task<Void> writer = createTask(awaitPut(putB));
        await(sleep(0));
        assertEquals("a", q.getNowait()); // grants the slot to the blocked put ...
        q.shutdown();                     // ... and the queue shuts down before it runs
        await(gatherSettled(writer));
        assertTrue(writer.exception() instanceof QueueShutDown, String.valueOf(writer.exception()));
        assertEquals(0, q.qsize(), "nothing entered the shut-down queue");
        try {
            await(putB);
            throw new AssertionError("awaiting the failed put again should throw again");
        } catch (Exception e) {
            assertTrue(e instanceof QueueShutDown, e.toString());
        }
        assertEquals(List.of(), log);
        return done();
    }

    @Test
    void aPutGrantedBeforeAShutdownFailsAndFailsAgainWhenAwaitedAgain() {
        TestLoop.run(grantedPutThenShutdown());
    }
}
