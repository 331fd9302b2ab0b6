package io.github.jawait.samples.syncvsasync;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.LoopClock;
import java.util.List;
import java.util.Locale;

/**
 * The guide's first example, "同步 vs 异步": three one-second fetches take about 3 s one after
 * the other, and about 1 s when gathered on the event loop.
 */
public final class SyncVsAsync {

    private SyncVsAsync() {
    }

    static String syncFetch() throws InterruptedException {
        Thread.sleep(1000); // time.sleep(1): blocks the thread for 1 s
        return "data";
    }

    static void syncMain() throws InterruptedException {
        long start = System.nanoTime();
        String result1 = syncFetch(); // 1 s
        String result2 = syncFetch(); // another 1 s
        String result3 = syncFetch(); // another 1 s
        System.out.printf(Locale.ROOT, "Total: %.1fs%n", (System.nanoTime() - start) / 1e9); // ~3 s
    }

    @Async
    static Coroutine<String> asyncFetch() {
        await(sleep(1)); // await asyncio.sleep(1): suspends this coroutine, not the thread
        return result("data");
    }

    /** async_main(); timed with the loop's clock (loop.time()), so a virtual clock gives exact figures. */
    @Async
    public static Coroutine<List<String>> asyncMain() {
        double start = getRunningLoop().time();
        List<String> results = await(gather(asyncFetch(), asyncFetch(), asyncFetch())); // concurrent
        System.out.printf(Locale.ROOT, "Total: %.1fs%n", getRunningLoop().time() - start); // ~1 s
        return result(results);
    }

    /** The Python module's top level, on {@code clock} (the system clock from {@link #main}). */
    public static void run(LoopClock clock) throws InterruptedException {
        System.out.print("sync:  ");
        syncMain(); // sync_main(): serial, 3 s in all
        System.out.print("async: ");
        List<String> results = Asyncio.run(asyncMain(), clock); // asyncio.run(async_main()): 1 s
        System.out.println("results: " + results);
    }

    public static void main(String[] args) throws InterruptedException {
        run(LoopClock.system());
    }
}
