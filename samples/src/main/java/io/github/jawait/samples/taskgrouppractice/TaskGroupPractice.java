package io.github.jawait.samples.taskgrouppractice;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.taskGroup;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.LoopClock;
import io.github.jawait.TaskGroupException;

/**
 * Best practice 3, "使用 TaskGroup": leaving the group, all its tasks have finished, and a
 * failure propagates by itself. The guide leaves task1/task2 undefined and shows no output;
 * here they print, and a second run shows the propagation: task2 fails, the group cancels
 * task1 and raises the failures together ({@code ExceptionGroup}, here
 * {@link TaskGroupException}).
 */
public final class TaskGroupPractice {

    private TaskGroupPractice() {
    }

    @Async
    static Coroutine<Void> task1() {
        try {
            await(sleep(1));
            System.out.println("task1 done");
        } catch (CancelledError e) {
            System.out.println("task1 cancelled");
            throw e;
        }
        return done();
    }

    @Async
    static Coroutine<Void> task2(boolean fail) {
        await(sleep(0.5));
        if (fail) {
            throw new IllegalStateException("task2 failed");
        }
        System.out.println("task2 done");
        return done();
    }

    @Async
    public static Coroutine<Void> main() {
        await(taskGroup(tg -> { // async with asyncio.TaskGroup() as tg:
            tg.createTask(task1());
            tg.createTask(task2(false));
            return done();
        }));
        System.out.println("all tasks finished"); // every task is done here

        // exceptions propagate automatically
        try {
            await(taskGroup(tg -> {
                tg.createTask(task1());
                tg.createTask(task2(true));
                return done();
            }));
        } catch (TaskGroupException e) { // except* IllegalStateException
            System.out.println("TaskGroupException: " + e.exceptions().stream().map(Throwable::getMessage).toList());
        }
        return done();
    }

    public static void run(LoopClock clock) {
        Asyncio.run(main(), clock);
    }

    public static void main(String[] args) {
        run(LoopClock.system());
    }
}
