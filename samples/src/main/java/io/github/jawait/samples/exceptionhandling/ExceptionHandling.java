package io.github.jawait.samples.exceptionhandling;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.LoopClock;
import io.github.jawait.Task;

/**
 * Best practice 2, "正确处理异常": a task's exception is only seen by whoever awaits it. A
 * failure nobody retrieved is not lost silently: when the loop closes, jawait logs it
 * ("exception was never retrieved", with the stack trace, on stderr through System.Logger),
 * where Python prints "Task exception was never retrieved" once the task is garbage collected.
 */
public final class ExceptionHandling {

    private ExceptionHandling() {
    }

    /** async def task_with_error(); ValueError is IllegalArgumentException. */
    @Async
    static Coroutine<Void> taskWithError() {
        throw new IllegalArgumentException("Something went wrong");
    }

    @Async
    public static Coroutine<Void> main() {
        // wrong: the task's exception is ignored
        Task<Void> task = createTask(taskWithError(), "task_with_error (never awaited)");
        await(sleep(1)); // the exception is lost! (reported when the loop closes)

        // right: await the task and handle its exception
        task = createTask(taskWithError());
        try {
            await(task);
        } catch (IllegalArgumentException e) { // except ValueError as e
            System.out.println("Caught: " + e.getMessage());
        }
        return done();
    }

    public static void run(LoopClock clock) {
        Asyncio.run(main(), clock); // closing the loop logs the first task's exception
    }

    public static void main(String[] args) {
        run(LoopClock.system());
    }
}
