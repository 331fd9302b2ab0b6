package io.github.jawait.samples.createtask;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.LoopClock;
import io.github.jawait.Task;
import java.util.List;
import java.util.Locale;

/** "创建任务": method 1, createTask (tasks run in the background); method 2, gather. */
public final class CreateTask {

    private CreateTask() {
    }

    /** async def fetch_data(id) */
    @Async
    static Coroutine<String> fetchData(int id) {
        await(sleep(1));
        return result("Data " + id);
    }

    /** Method 1: create_task (recommended). */
    @Async
    public static Coroutine<Void> main() {
        double start = getRunningLoop().time();
        Task<String> task1 = createTask(fetchData(1));
        Task<String> task2 = createTask(fetchData(2));

        // the tasks are already running in the background
        System.out.println("Tasks created");

        // wait for the results
        String result1 = await(task1);
        String result2 = await(task2);
        System.out.println(result1 + " " + result2); // print(result1, result2)
        // not in the Python: both tasks slept at the same time
        System.out.printf(Locale.ROOT, "Total: %.1fs%n", getRunningLoop().time() - start);
        return done();
    }

    /** Method 2: gather (run a batch). */
    @Async
    public static Coroutine<Void> mainGather() {
        double start = getRunningLoop().time();
        List<String> results = await(gather(fetchData(1), fetchData(2), fetchData(3)));
        System.out.println(results); // ['Data 1', 'Data 2', 'Data 3']  (Java: [Data 1, Data 2, Data 3])
        System.out.printf(Locale.ROOT, "Total: %.1fs%n", getRunningLoop().time() - start); // not in the Python
        return done();
    }

    public static void run(LoopClock clock) {
        Asyncio.run(main(), clock);
        Asyncio.run(mainGather(), clock);
    }

    public static void main(String[] args) {
        run(LoopClock.system());
    }
}
