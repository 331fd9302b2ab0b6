package io.github.jawait.samples.avoidblocking;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.LoopClock;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Best practice 1, "避免阻塞事件循环": a blocking call inside a coroutine stops the whole loop.
 * The Python only defines bad/good/good_with_blocking; here each runs twice, gathered, and the
 * time shows the difference: the blocking pair takes 2 s, the others 1 s.
 */
public final class AvoidBlocking {

    private AvoidBlocking() {
    }

    static void blockFor(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** blocking_func, which the guide leaves undefined: one blocking second. */
    static String blockingFunc() {
        blockFor(1000);
        return "done";
    }

    /** Wrong: a blocking call in an async function blocks the whole event loop. */
    @Async
    static Coroutine<String> bad() {
        blockFor(1000); // time.sleep(1)
        return result("done");
    }

    /** Right: await an asynchronous sleep; other tasks run meanwhile. */
    @Async
    static Coroutine<String> good() {
        await(sleep(1));
        return result("done");
    }

    /** Right: run the blocking code in a thread pool (loop.run_in_executor(None, blocking_func)). */
    @Async
    static Coroutine<String> goodWithBlocking(Executor executor) {
        String result = await(CompletableFuture.supplyAsync(AvoidBlocking::blockingFunc, executor));
        return result(result);
    }

    @Async
    public static Coroutine<Void> main() {
        double start = getRunningLoop().time();
        await(gather(bad(), bad()));
        System.out.printf(Locale.ROOT, "gather(bad(), bad()): %.1fs%n", getRunningLoop().time() - start);

        start = getRunningLoop().time();
        await(gather(good(), good()));
        System.out.printf(Locale.ROOT, "gather(good(), good()): %.1fs%n", getRunningLoop().time() - start);

        ExecutorService executor = Executors.newCachedThreadPool();
        try {
            start = getRunningLoop().time();
            await(gather(goodWithBlocking(executor), goodWithBlocking(executor)));
            System.out.printf(Locale.ROOT, "gather(goodWithBlocking(), goodWithBlocking()): %.1fs%n",
                    getRunningLoop().time() - start);
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
