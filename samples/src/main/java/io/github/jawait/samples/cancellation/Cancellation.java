package io.github.jawait.samples.cancellation;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.LoopClock;
import io.github.jawait.Task;
import java.util.Locale;

/**
 * "任务取消": {@code task.cancel()} raises {@link CancelledError} at the task's current await.
 * CancelledError is an Error, not an Exception, so {@code catch (Exception e)} cannot swallow it
 * by accident, just as {@code except Exception} does not catch Python's CancelledError.
 */
public final class Cancellation {

    private Cancellation() {
    }

    /** async def cancellable_task() */
    @Async
    static Coroutine<Void> cancellableTask() {
        try {
            System.out.println("Task started");
            await(sleep(10));
            System.out.println("Task completed");
        } catch (CancelledError e) { // except asyncio.CancelledError
            System.out.println("Task was cancelled");
            throw e; // re-raise the CancelledError
        }
        return done();
    }

    @Async
    public static Coroutine<Void> main() {
        double start = getRunningLoop().time();
        Task<Void> task = createTask(cancellableTask());

        // cancel it after 1 s
        await(sleep(1));
        task.cancel();

        try {
            await(task);
        } catch (CancelledError e) {
            System.out.println("Main caught cancellation");
        }
        // not in the Python: the 10 s sleep was cut short
        System.out.printf(Locale.ROOT, "Total: %.1fs%n", getRunningLoop().time() - start);
        return done();
    }

    public static void run(LoopClock clock) {
        Asyncio.run(main(), clock);
    }

    public static void main(String[] args) {
        run(LoopClock.system());
    }
}
