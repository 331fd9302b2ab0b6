package io.github.jawait.samples.taskgroup;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.taskGroup;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.LoopClock;
import io.github.jawait.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * "TaskGroup (Python 3.11+)": {@code async with asyncio.TaskGroup() as tg:} is
 * {@code await(taskGroup(tg -> { ...; return done(); }))}; when it returns, every task started
 * in the group has finished.
 */
public final class TaskGroupSample {

    private TaskGroupSample() {
    }

    /** async def task(name) */
    @Async
    static Coroutine<String> task(String name) {
        await(sleep(1));
        return result(name + " done");
    }

    @Async
    public static Coroutine<Void> main() {
        double start = getRunningLoop().time();
        // a Java lambda cannot assign the enclosing method's locals, so the tasks go in a list
        List<Task<String>> tasks = new ArrayList<>();
        await(taskGroup(tg -> { // async with asyncio.TaskGroup() as tg:
            tasks.add(tg.createTask(task("A"))); // task1 = tg.create_task(task("A"))
            tasks.add(tg.createTask(task("B")));
            tasks.add(tg.createTask(task("C")));
            return done();
        }));

        // leaving the group, all tasks have finished
        System.out.println(tasks.get(0).result() + " " + tasks.get(1).result() + " " + tasks.get(2).result());
        System.out.printf(Locale.ROOT, "Total: %.1fs%n", getRunningLoop().time() - start); // not in the Python
        return done();
    }

    public static void run(LoopClock clock) {
        Asyncio.run(main(), clock);
    }

    public static void main(String[] args) {
        run(LoopClock.system());
    }
}
