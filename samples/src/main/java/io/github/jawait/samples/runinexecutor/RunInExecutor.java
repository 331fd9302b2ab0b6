package io.github.jawait.samples.runinexecutor;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.LoopClock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * "在异步中运行同步代码": a blocking function must not run on the loop's thread; run it on a
 * thread pool and await its result. {@code loop.run_in_executor(None, fn)} is here
 * {@code CompletableFuture.supplyAsync(fn, executor)} awaited directly; the coroutine resumes
 * on the loop's thread. (jawait's {@code Asyncio.runInExecutor}/{@code toThread} are not on
 * main yet.)
 */
public final class RunInExecutor {

    private RunInExecutor() {
    }

    /** def blocking_operation(): a blocking synchronous function. */
    static String blockingOperation() {
        try {
            Thread.sleep(2000); // time.sleep(2)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "result";
    }

    @Async
    public static Coroutine<Void> main() {
        // wrong: calling it directly blocks the event loop
        // String result = blockingOperation();

        // right: run it in a thread pool. Python's None means the loop's default pool, which
        // asyncio.run shuts down at the end; here the pool is made and shut down by hand.
        ExecutorService executor = Executors.newCachedThreadPool();
        try {
            String result = await(CompletableFuture.supplyAsync(RunInExecutor::blockingOperation, executor));
            System.out.println(result);
        } finally {
            executor.shutdown();
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
