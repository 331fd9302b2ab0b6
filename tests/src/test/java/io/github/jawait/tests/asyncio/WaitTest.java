package io.github.jawait.tests.asyncio;

import static io.github.jawait.Asyncio.any;
import static io.github.jawait.Asyncio.asCompleted;
import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.race;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.shield;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jawait.Async;
import io.github.jawait.AsyncTimeoutException;
import io.github.jawait.Asyncio;
import io.github.jawait.Awaitable;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.Done;
import io.github.jawait.ExceptionGroup;
import io.github.jawait.ReturnWhen;
import io.github.jawait.Task;
import io.github.jawait.tests.TestLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** asyncio.wait, as_completed, Promise.race/any and asyncio.shield. */
class WaitTest {
    final Recorder rec = new Recorder();

    @Async
    Coroutine<String> task(String name, double delay) {
        try {
            await(sleep(delay));
            return result(name + " done");
        } catch (CancelledError e) {
            rec.add(name + " cancelled");
            throw e;
        }
    }

    @Async
    Coroutine<String> fail(String name, double delay) {
        await(sleep(delay));
        throw new IllegalStateException(name + " failed");
    }

    @Async
    Coroutine<List<String>> guideWaitExample() {
        List<Task<String>> tasks = List.of(createTask(task("A", 1)), createTask(task("B", 2)), createTask(task("C", 3)));
        List<String> out = new ArrayList<>();
        Done<String> all = await(Asyncio.wait(tasks));
        for (Task<String> t : all.done()) {
            out.add(t.result());
        }
        out.add("pending " + all.pending().size() + " @" + Asyncio.getRunningLoop().time());
        List<Task<String>> more = List.of(createTask(task("D", 1)), createTask(task("E", 2)), createTask(task("F", 3)));
        Done<String> first = await(Asyncio.wait(more, ReturnWhen.FIRST_COMPLETED));
        out.add("First completed: " + first.done().iterator().next().result());
        for (Task<String> t : first.pending()) {
            t.cancel();
        }
        await(sleep(0));
        return result(out);
    }

    @Test
    void theGuidesWaitExample() {
        assertEquals(List.of("A done", "B done", "C done", "pending 0 @3.0", "First completed: D done"),
                TestLoop.run(guideWaitExample()));
        assertEquals(List.of("E cancelled @4.0", "F cancelled @4.0"), rec.events);
    }

    @Async
    Coroutine<String> firstExceptionAndTimeout() {
        List<Task<String>> tasks = List.of(createTask(task("A", 1)), createTask(fail("B", 2)), createTask(task("C", 3)));
        Done<String> d = await(Asyncio.wait(tasks, ReturnWhen.FIRST_EXCEPTION));
        String first = d.done().size() + " done, " + d.pending().size() + " pending @" + Asyncio.getRunningLoop().time();
        List<Task<String>> slow = List.of(createTask(task("S", 10)));
        Done<String> t = await(Asyncio.wait(slow, ReturnWhen.ALL_COMPLETED, Duration.ofSeconds(1)));
        String second = t.done().size() + " done, " + t.pending().size() + " pending, S cancelled="
                + slow.get(0).cancelled() + " @" + Asyncio.getRunningLoop().time();
        slow.get(0).cancel();
        return result(first + "; " + second);
    }

    @Test
    void firstExceptionAndTimeoutLeaveThePendingTasksRunning() {
        assertEquals("2 done, 1 pending @2.0; 0 done, 1 pending, S cancelled=false @3.0", TestLoop.run(firstExceptionAndTimeout()));
    }

    @Async
    Coroutine<List<String>> completionOrder() {
        List<String> out = new ArrayList<>();
        for (Awaitable<String> next : asCompleted(task("C", 3), task("A", 1), fail("B", 2))) {
            try {
                out.add(await(next) + " @" + Asyncio.getRunningLoop().time());
            } catch (IllegalStateException e) {
                out.add(e.getMessage() + " @" + Asyncio.getRunningLoop().time());
            }
        }
        return result(out);
    }

    @Test
    void asCompletedYieldsInCompletionOrder() {
        assertEquals(List.of("A done @1.0", "B failed @2.0", "C done @3.0"), TestLoop.run(completionOrder()));
    }

    @Async
    Coroutine<List<String>> asCompletedTimeout() {
        List<String> out = new ArrayList<>();
        for (Awaitable<String> next : asCompleted(List.of(task("A", 1), task("Z", 9)), Duration.ofSeconds(2))) {
            try {
                out.add(await(next));
            } catch (AsyncTimeoutException e) {
                out.add(e.getMessage() + " @" + Asyncio.getRunningLoop().time());
            }
        }
        return result(out);
    }

    @Test
    void asCompletedTimesOut() {
        assertEquals(List.of("A done", "asCompleted timed out after 2 s @2.0"), TestLoop.run(asCompletedTimeout()));
    }

    @Async
    Coroutine<String> raceAndAny() {
        String r1 = await(race(task("A", 1), task("B", 2), task("C", 3)));
        String r2;
        try {
            r2 = await(race(fail("X", 1), task("Y", 2)));
        } catch (IllegalStateException e) {
            r2 = "race rejected: " + e.getMessage();
        }
        String r3 = await(any(fail("P", 1), task("Q", 2), task("R", 3)));
        String r4;
        try {
            r4 = await(any(fail("M", 1), fail("N", 2)));
        } catch (ExceptionGroup g) {
            r4 = g.getMessage() + ": " + g.exceptions().get(0).getMessage() + ", " + g.exceptions().get(1).getMessage();
        }
        await(sleep(0));
        return result(String.join(" | ", r1, r2, r3, r4));
    }

    @Test
    void raceTakesTheFirstToSettleAndAnyTheFirstSuccessLosersAreCancelled() {
        assertEquals("A done | race rejected: X failed | Q done | all awaitables passed to any() failed (2 sub-exceptions): M failed, N failed",
                TestLoop.run(raceAndAny()));
        // the races run one after another: 0-1, 1-2, 2-4, 4-6
        assertEquals(List.of("B cancelled @1.0", "C cancelled @1.0", "Y cancelled @2.0", "R cancelled @4.0"), rec.events);
    }

    @Async
    Coroutine<String> shielded(Task<String>[] innerOut) {
        Task<String> inner = createTask(task("inner", 2));
        innerOut[0] = inner;
        return result(await(shield(inner)));
    }

    @Async
    Coroutine<String> shieldExample() {
        @SuppressWarnings("unchecked")
        Task<String>[] inner = new Task[1];
        Task<String> outer = createTask(shielded(inner));
        await(sleep(1));
        outer.cancel();
        String o;
        try {
            o = await(outer);
        } catch (CancelledError e) {
            o = "outer cancelled @" + Asyncio.getRunningLoop().time();
        }
        return result(o + "; inner: " + await(inner[0]) + " @" + Asyncio.getRunningLoop().time());
    }

    @Test
    void shieldKeepsTheInnerWorkRunningWhenTheAwaiterIsCancelled() {
        assertEquals("outer cancelled @1.0; inner: inner done @2.0", TestLoop.run(shieldExample()));
        assertEquals(List.of(), rec.events);
    }
}
