package io.github.jawait.tests.asyncio;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.gatherSettled;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Awaitable;
import io.github.jawait.VirtualClock;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.Outcome;
import io.github.jawait.Task;
import io.github.jawait.tests.TestLoop;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** asyncio.gather semantics, after CPython's test_tasks gather tests and the guide's 并发模式. */
class GatherTest {
    final Recorder rec = new Recorder();

    @Async
    Coroutine<String> work(String name, double delay) {
        await(sleep(delay));
        rec.add(name + " done");
        return result(name);
    }

    @Async
    Coroutine<String> failing(String name, double delay) {
        await(sleep(delay));
        rec.add(name + " fails");
        throw new IllegalArgumentException(name + " failed");
    }

    @Async
    Coroutine<List<String>> gatherThree() {
        return result(await(gather(work("C", 3), work("A", 1), work("B", 2))));
    }

    @Test
    void resultsComeInArgumentOrderAndRunConcurrently() {
        assertEquals(List.of("C", "A", "B"), TestLoop.run(gatherThree()));
        assertEquals(List.of("A done @1.0", "B done @2.0", "C done @3.0"), rec.events);
    }

    @Async
    Coroutine<String> firstFailurePropagatesOthersKeepRunning() {
        try {
            await(gather(work("A", 1), failing("B", 2), work("C", 3)));
            return result("no failure");
        } catch (IllegalArgumentException e) {
            rec.add("caught " + e.getMessage());
        }
        await(sleep(5));
        return result("after");
    }

    @Test
    void firstFailurePropagatesWhileOthersKeepRunning() {
        assertEquals("after", TestLoop.run(firstFailurePropagatesOthersKeepRunning()));
        assertEquals(List.of("A done @1.0", "B fails @2.0", "caught B failed @2.0", "C done @3.0"), rec.events);
    }

    @Async
    Coroutine<List<Outcome<String>>> settled() {
        return result(await(gatherSettled(work("A", 1), failing("B", 2), work("C", 3))));
    }

    @Test
    void gatherSettledReportsEveryOutcome() {
        List<Outcome<String>> outcomes = TestLoop.run(settled());
        assertEquals(3, outcomes.size());
        assertEquals("A", outcomes.get(0).value());
        assertTrue(outcomes.get(1).failed());
        assertEquals(IllegalArgumentException.class, outcomes.get(1).failure().getClass());
        assertEquals("B failed", outcomes.get(1).failure().getMessage());
        assertEquals("C", outcomes.get(2).value());
        assertEquals(List.of("A done @1.0", "B fails @2.0", "C done @3.0"), rec.events);
    }

    @Async
    Coroutine<List<String>> repeatsAndATaskDoneBefore() {
        Task<String> doneEarly = createTask(work("D", 0));
        await(sleep(1));
        Coroutine<String> slow = work("S", 3);
        return result(await(gather(work("F", 2), slow, doneEarly, slow, work("G", 1))));
    }

    @Test
    void resultsKeepArgumentOrderWhateverOrderTheChildrenEndIn() {
        // G ends first, F next, S last, and D was done before the gather was made
        assertEquals(List.of("F", "S", "D", "S", "G"), TestLoop.run(repeatsAndATaskDoneBefore()));
        assertEquals(List.of("D done @0.0", "G done @2.0", "F done @3.0", "S done @4.0"), rec.events);
    }

    @Async
    Coroutine<List<Outcome<String>>> settledOutOfOrder() {
        return result(await(gatherSettled(work("A", 3), failing("B", 1), work("C", 2))));
    }

    @Test
    void gatherSettledKeepsArgumentOrderWhenTheFailureEndsFirst() {
        List<Outcome<String>> outcomes = TestLoop.run(settledOutOfOrder());
        assertEquals(3, outcomes.size());
        assertEquals("A", outcomes.get(0).value());
        assertEquals("B failed", outcomes.get(1).failure().getMessage());
        assertEquals("C", outcomes.get(2).value());
        assertEquals(List.of("B fails @1.0", "C done @2.0", "A done @3.0"), rec.events);
    }

    @Async
    Coroutine<Void> outer() {
        try {
            await(gather(childWithFinally("A", 10), childWithFinally("B", 20)));
        } finally {
            rec.add("outer finally");
        }
        return done();
    }

    @Async
    Coroutine<String> childWithFinally(String name, double delay) {
        try {
            await(sleep(delay));
            return result(name);
        } finally {
            rec.add(name + " finally");
        }
    }

    @Async
    Coroutine<String> cancelTheGatherer() {
        Task<Void> t = createTask(outer());
        await(sleep(1));
        assertTrue(t.cancel());
        try {
            await(t);
        } catch (CancelledError e) {
            rec.add("outer cancelled");
        }
        return result(t.cancelled() ? "cancelled" : "not cancelled");
    }

    @Test
    void cancellingTheAwaiterCancelsAllChildren() {
        assertEquals("cancelled", TestLoop.run(cancelTheGatherer()));
        assertEquals(List.of("A finally @1.0", "B finally @1.0", "outer finally @1.0", "outer cancelled @1.0"), rec.events);
    }

    @Async
    Coroutine<String> childCancelledCountsAsFailure() {
        Task<String> a = createTask(work("A", 5));
        Task<String> b = createTask(work("B", 1));
        createTask(cancelLater(a, 2));
        try {
            await(gather(a, b));
            return result("no error");
        } catch (CancelledError e) {
            return result("gather raised CancelledError; b=" + b.result() + " a.cancelled=" + a.cancelled());
        }
    }

    @Async
    Coroutine<Void> cancelLater(Task<?> t, double delay) {
        await(sleep(delay));
        t.cancel();
        return done();
    }

    @Test
    void aCancelledChildIsRaisedAsCancelledErrorButTheGatherIsNotCancelled() {
        assertEquals("gather raised CancelledError; b=B a.cancelled=true", TestLoop.run(childCancelledCountsAsFailure()));
    }

    @Async
    Coroutine<List<Object>> emptyAndMixed() {
        List<Object> empty = await(gather());
        List<Object> mixed = await(gather(result(1), work("x", 0), sleep(1)));
        return result(List.of(empty, mixed));
    }

    @Test
    void gatherOfNothingAndOfMixedAwaitables() {
        assertEquals(List.of(List.of(), java.util.Arrays.asList(1, "x", null)), TestLoop.run(emptyAndMixed()));
    }

    @Async
    Coroutine<Map<String, Object>> fetchUser(int id) {
        await(sleep(1));
        if (id == 999) {
            throw new IllegalStateException("no user " + id);
        }
        return result(Map.of("id", id, "name", "User" + id));
    }

    @Async
    Coroutine<List<String>> guideGatherExample() {
        List<Map<String, Object>> users = await(gather(fetchUser(1), fetchUser(2), fetchUser(3)));
        List<String> printed = new java.util.ArrayList<>();
        printed.add(users.get(0).get("name") + "," + users.get(1).get("name") + "," + users.get(2).get("name"));
        for (Outcome<Map<String, Object>> r : await(gatherSettled(fetchUser(1), fetchUser(2), fetchUser(999)))) {
            printed.add(r.succeeded() ? "Success: " + r.value().get("id") : "Error: " + r.failure().getMessage());
        }
        return result(printed);
    }

    @Test
    void theGuidesGatherExample() {
        assertEquals(List.of("User1,User2,User3", "Success: 1", "Success: 2", "Error: no user 999"),
                TestLoop.run(guideGatherExample()));
    }

    @Test
    void gatherOutsideALoopFailsClearly() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> gather(result(1)));
        assertTrue(e.getMessage().startsWith("no running event loop"), e.getMessage());
        assertFalse(e.getMessage().isEmpty());
    }

    @Async
    Coroutine<String> gatherWithABadArgument() {
        List<Awaitable<String>> args = Arrays.asList(failing("A", 1), null, work("C", 1));
        try {
            gather(args);
            return result("gathered");
        } catch (NullPointerException e) {
            rec.add("refused: " + e.getMessage());
        }
        await(sleep(2));
        return result("after");
    }

    @Test
    void aRefusedGatherLeavesTheChildrenItMadeToBeReportedWhenTheyFail() {
        // A became a task before the null was reached; nobody can retrieve its failure but the
        // loop's report at close (the refused gather must not have taken it)
        try (LogCapture log = new LogCapture()) {
            assertEquals("after", Asyncio.run(gatherWithABadArgument(), new VirtualClock()));
            assertEquals(List.of("refused: cannot gather null @0.0", "A fails @1.0"), rec.events);
            assertEquals(1, log.records.size(), () -> log.records.toString());
            String message = log.records.get(0).getMessage();
            assertTrue(message.endsWith("exception was never retrieved"), message);
            assertEquals("A failed", log.records.get(0).getThrown().getMessage());
        }
    }
}
