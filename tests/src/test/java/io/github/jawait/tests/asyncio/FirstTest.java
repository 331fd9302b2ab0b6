package io.github.jawait.tests.asyncio;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.first;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.jawait.Async;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.Winner;
import io.github.jawait.sync.Event;
import io.github.jawait.sync.Queue;
import io.github.jawait.tests.TestLoop;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code Asyncio.first(...)}: a select over a {@code Queue.get}, a timer and an {@code Event},
 * on the virtual clock. The point under test is that no queue item is ever lost or taken twice,
 * whichever alternative wins and however the wake-ups interleave.
 */
class FirstTest {
    final Queue<String> q = new Queue<>();
    final Event ev = new Event();

    static double now() {
        return getRunningLoop().time();
    }

    @Async
    Coroutine<Void> putLater(double delay, String item) {
        await(sleep(delay));
        q.putNowait(item);
        return done();
    }

    @Async
    Coroutine<Void> anItemBeforeTheTimer() {
        createTask(putLater(1, "job"));
        Winner<Object> w = await(first(q.get(), sleep(5)));
        assertEquals(new Winner<Object>(0, "job"), w);
        assertEquals(1.0, now(), 1e-9);
        await(sleep(10)); // the losing sleep was cancelled: nothing else happens
        return done();
    }

    @Test
    void theFirstOperationToFinishWins() {
        TestLoop.run(anItemBeforeTheTimer());
    }

    @Async
    Coroutine<Void> theTimerFirst() {
        Winner<Object> w = await(first(q.get(), sleep(1)));
        assertEquals(1, w.index());
        assertEquals(null, w.value());
        assertEquals(1.0, now(), 1e-9);
        q.putNowait("late");
        assertEquals(1, q.qsize()); // the losing get was cancelled: no getter takes it
        assertEquals("late", q.getNowait());
        return done();
    }

    @Test
    void aLosingGetTakesNothingLater() {
        TestLoop.run(theTimerFirst());
    }

    // the item and the event arrive in the same turn: whichever woke first wins, the other loses cleanly
    @Async
    Coroutine<Void> sameTurn(boolean itemFirst) {
        Task<Winner<Object>> t = createTask(awaitFirst());
        await(sleep(1)); // both alternatives are parked now
        if (itemFirst) {
            q.putNowait("x");
            ev.set();
        } else {
            ev.set();
            q.putNowait("x");
        }
        Winner<Object> w = await(t);
        if (itemFirst) {
            assertEquals(new Winner<Object>(0, "x"), w);
            assertEquals(0, q.qsize());
        } else {
            assertEquals(new Winner<Object>(1, true), w);
            assertEquals(1, q.qsize()); // handed to the losing getter, taken back when it was cancelled
            assertEquals("x", q.getNowait());
        }
        return done();
    }

    @Async
    Coroutine<Winner<Object>> awaitFirst() {
        return result(await(first(q.get(), ev.waitFor())));
    }

    @Test
    void aWokenLoserGivesItsItemBack() {
        TestLoop.run(sameTurn(true));
        new FirstTest().runSameTurnEventFirst();
    }

    void runSameTurnEventFirst() {
        TestLoop.run(sameTurn(false));
    }

    // the awaiting task is cancelled after the choice, before it resumes: it still gets the item
    final List<String> events = new ArrayList<>();

    @Async
    Coroutine<Void> chooser() {
        Winner<Object> w = await(first(q.get(), sleep(10)));
        events.add("got " + w.value());
        try {
            await(sleep(0));
            events.add("not cancelled");
        } catch (CancelledError e) {
            events.add("cancelled at the next await");
            throw e;
        }
        return done();
    }

    @Async
    Coroutine<Void> cancelledAfterTheChoice() {
        Task<Void> t = createTask(chooser());
        await(sleep(1));
        q.putNowait("item");
        // next turn: the getter runs and first() settles, waking t; this callback runs in that
        // same turn, after the getter and before t
        getRunningLoop().callSoon(() -> {
            assertTrue(t.cancel());
        });
        try {
            await(t);
            fail("not cancelled");
        } catch (CancelledError expected) {
            // as planned
        }
        assertEquals(List.of("got item", "cancelled at the next await"), events);
        assertEquals(0, q.qsize());
        return done();
    }

    @Test
    void theChosenValueReachesATaskCancelledBeforeItResumed() {
        TestLoop.run(cancelledAfterTheChoice());
    }

    @Async
    Coroutine<Void> cancelWhilePending() {
        Task<Winner<Object>> t = createTask(awaitFirst());
        await(sleep(1));
        t.cancel("stop");
        try {
            await(t);
            fail("not cancelled");
        } catch (CancelledError e) {
            assertEquals("stop", e.getMessage());
        }
        assertTrue(t.cancelled());
        q.putNowait("after");
        assertEquals(1, q.qsize()); // no abandoned getter took it
        ev.set();
        return done();
    }

    @Test
    void cancellingTheAwaiterCancelsEveryAlternative() {
        TestLoop.run(cancelWhilePending());
    }

    @Async
    Coroutine<Winner<Object>> getOrTimeout(double timeout) {
        return result(await(first(q.get(), sleep(timeout))));
    }

    @Async
    Coroutine<Void> twoSelectsOneItem() {
        Task<Winner<Object>> a = createTask(getOrTimeout(5));
        Task<Winner<Object>> b = createTask(getOrTimeout(5));
        createTask(putLater(1, "only"));
        List<Winner<Object>> both = await(gather(a, b));
        assertEquals(new Winner<Object>(0, "only"), both.get(0)); // FIFO: the first getter to wait gets it
        assertEquals(new Winner<Object>(1, null), both.get(1));
        assertEquals(5.0, now(), 1e-9);
        assertEquals(0, q.qsize());
        return done();
    }

    @Test
    void oneItemGoesToExactlyOneOfTwoSelects() {
        TestLoop.run(twoSelectsOneItem());
    }

    static class Boom extends RuntimeException {
        Boom(String m) {
            super(m);
        }
    }

    @Async
    static Coroutine<String> failsAfter(double delay) {
        await(sleep(delay));
        throw new Boom("boom");
    }

    @Async
    Coroutine<Void> aFailureWins() {
        try {
            await(first(failsAfter(1), sleep(2)));
            fail("no failure");
        } catch (Boom e) {
            assertEquals("boom", e.getMessage());
        }
        assertEquals(1.0, now(), 1e-9);
        return done();
    }

    @Test
    void theFirstFailureIsThrown() {
        TestLoop.run(aFailureWins());
    }

    @Async
    Coroutine<Void> noAlternatives() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> first());
        assertEquals("first() needs at least one awaitable", e.getMessage());
        return done();
    }

    @Test
    void firstNeedsAnAlternative() {
        TestLoop.run(noAlternatives());
    }

    // no-loss under races: consumers select between the queue and a stop event while a producer
    // puts items at random instants, the stop among them; every item is received once or stays queued
    @Async
    Coroutine<Void> consumer(Event stop, List<String> received) {
        while (true) {
            Winner<Object> w = await(first(q.get(), stop.waitFor()));
            if (w.index() == 1) {
                return done();
            }
            received.add((String) w.value());
            if (received.size() % 3 == 0) {
                await(sleep(0)); // sometimes give the others a turn mid-stream
            }
        }
    }

    @Async
    Coroutine<Void> producer(Random random, Event stop, int items, int stopAfter) {
        for (int i = 0; i < items; i++) {
            if (random.nextInt(3) == 0) {
                await(sleep(random.nextInt(3) * 0.5));
            }
            q.putNowait("item-" + i);
            if (i == stopAfter) {
                stop.set(); // in the same turn as the put
            }
        }
        return done();
    }

    @Async
    Coroutine<Void> raceRound(long seed) {
        Random random = new Random(seed);
        Event stop = new Event();
        List<String> received = new ArrayList<>();
        int items = 40;
        List<Task<Void>> consumers = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            consumers.add(createTask(consumer(stop, received)));
        }
        await(producer(random, stop, items, random.nextInt(items)));
        await(gather(consumers));
        List<String> left = new ArrayList<>();
        while (!q.empty()) {
            left.add(q.getNowait());
        }
        Set<String> all = new HashSet<>(received);
        all.addAll(left);
        assertEquals(items, received.size() + left.size(), "seed " + seed + ": received " + received + ", left " + left);
        assertEquals(items, all.size(), "seed " + seed + ": an item was taken twice");
        return done();
    }

    @Test
    void noItemIsLostOrDuplicatedUnderRaces() {
        for (long seed = 1; seed <= 60; seed++) {
            new FirstTest().runRound(seed);
        }
    }

    void runRound(long seed) {
        TestLoop.run(raceRound(seed));
    }
}
