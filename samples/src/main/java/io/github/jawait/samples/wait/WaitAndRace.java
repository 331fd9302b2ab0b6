package io.github.jawait.samples.wait;

import static io.github.jawait.Asyncio.any;
import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.race;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.Done;
import io.github.jawait.LoopClock;
import io.github.jawait.ReturnWhen;
import io.github.jawait.Task;
import java.util.List;
import java.util.Locale;

/**
 * "asyncio.wait (更灵活的控制)": wait for all tasks, then for the first one, then cancel the
 * rest; and the JavaScript {@code Promise.race} / {@code Promise.any}, which are
 * {@code race} / {@code any}.
 */
public final class WaitAndRace {

    private WaitAndRace() {
    }

    /** async def task(name, delay) */
    @Async
    static Coroutine<String> task(String name, double delay) {
        await(sleep(delay));
        return result(name + " done");
    }

    @Async
    public static Coroutine<Void> main() {
        List<Task<String>> tasks = List.of(
                createTask(task("A", 1)),
                createTask(task("B", 2)),
                createTask(task("C", 3)));

        // wait for all tasks (asyncio.wait(tasks): ALL_COMPLETED). Write it qualified: a bare
        // wait(...) inside a class means Object.wait. done() keeps the order the tasks were given
        // in (a Python set has none).
        Done<String> d = await(Asyncio.wait(tasks));
        for (Task<String> t : d.done()) {
            System.out.println(t.result());
        }

        // wait for the first one. As in the Python, all three are finished by now, so this
        // returns at once with all of them done and none pending.
        d = await(Asyncio.wait(tasks, ReturnWhen.FIRST_COMPLETED));
        System.out.println("First completed: " + d.done().iterator().next().result()); // done.pop()

        // cancel the rest
        for (Task<String> t : d.pending()) {
            t.cancel();
        }

        // not in the Python: the same with fresh tasks, where FIRST_COMPLETED matters (shorter
        // delays, to keep the samples quick)
        double start = getRunningLoop().time();
        List<Task<String>> fresh = List.of(
                createTask(task("A", 0.1), "A"), createTask(task("B", 0.2), "B"), createTask(task("C", 0.3), "C"));
        d = await(Asyncio.wait(fresh, ReturnWhen.FIRST_COMPLETED));
        System.out.printf(Locale.ROOT, "First completed: %s after %.1fs%n",
                d.done().iterator().next().result(), getRunningLoop().time() - start);
        for (Task<String> t : d.pending()) {
            t.cancel();
        }
        await(Asyncio.wait(d.pending())); // let the cancellations land
        for (Task<String> t : d.pending()) {
            System.out.println(t.getName() + " cancelled: " + t.cancelled());
        }

        // JavaScript: Promise.race (first to settle) and Promise.any (first to succeed);
        // the losers, started here from coroutines, are cancelled
        String first = await(race(task("A", 1), task("B", 2), task("C", 3)));
        System.out.println("race: " + first);
        String firstSuccess = await(any(task("A", 1), task("B", 2), task("C", 3)));
        System.out.println("any: " + firstSuccess);
        return done();
    }

    public static void run(LoopClock clock) {
        Asyncio.run(main(), clock);
    }

    public static void main(String[] args) {
        run(LoopClock.system());
    }
}
