package io.github.jawait.samples.eventloop;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.LoopClock;
import io.github.jawait.Task;
import java.util.Locale;

/**
 * "事件循环 (Event Loop)": two tasks scheduled on the loop run concurrently; Task2 (1 s)
 * completes before Task1 (2 s), and the whole program takes 2 s, not 3.
 */
public final class EventLoopTasks {

    private EventLoopTasks() {
    }

    /** async def task(name, delay) */
    @Async
    static Coroutine<String> task(String name, double delay) {
        System.out.println(name + " started");
        await(sleep(delay));
        System.out.println(name + " completed");
        return result(name + " result");
    }

    @Async
    public static Coroutine<Void> main() {
        double start = getRunningLoop().time();
        // create the tasks and schedule them on the event loop
        Task<String> task1 = createTask(task("Task1", 2));
        Task<String> task2 = createTask(task("Task2", 1));

        // wait for them
        String result1 = await(task1);
        String result2 = await(task2);

        System.out.println("Results: " + result1 + ", " + result2);
        // not in the Python, whose comments give the timings: Task2 after 1 s, Task1 after 2 s
        System.out.printf(Locale.ROOT, "Total: %.1fs%n", getRunningLoop().time() - start);
        return done();
    }

    public static void run(LoopClock clock) {
        Asyncio.run(main(), clock);
        // Task1 started
        // Task2 started
        // Task2 completed  (after 1 s)
        // Task1 completed  (after 2 s)
        // Results: Task1 result, Task2 result
    }

    public static void main(String[] args) {
        run(LoopClock.system());
    }
}
