package io.github.jawait.samples.syncvsasync;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import java.util.List;

/**
 * The guide's first example, "同步 vs 异步": three one-second fetches take about 3 s one after
 * the other, and about 1 s when gathered on the event loop.
 */
public final class SyncVsAsync {

    static String syncFetch() throws InterruptedException {
        Thread.sleep(1000); // blocks the thread for 1 s
        return "data";
    }

    static void syncMain() throws InterruptedException {
        long start = System.nanoTime();
        String result1 = syncFetch();
        String result2 = syncFetch();
        String result3 = syncFetch();
        System.out.printf("Total: %.1fs%n", (System.nanoTime() - start) / 1e9); // ~3 s
    }

    @Async
    static Coroutine<String> asyncFetch() {
        await(sleep(1)); // suspends this coroutine, not the thread
        return result("data");
    }

    @Async
    static Coroutine<List<String>> asyncMain() {
        long start = System.nanoTime();
        List<String> results = await(gather(asyncFetch(), asyncFetch(), asyncFetch()));
        System.out.printf("Total: %.1fs%n", (System.nanoTime() - start) / 1e9); // ~1 s
        return result(results);
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.print("sync:  ");
        syncMain();
        System.out.print("async: ");
        List<String> results = Asyncio.run(asyncMain());
        System.out.println("results: " + results);
    }
}
