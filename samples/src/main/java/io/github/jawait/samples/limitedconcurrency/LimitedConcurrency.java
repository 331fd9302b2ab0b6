package io.github.jawait.samples.limitedconcurrency;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.LoopClock;
import io.github.jawait.sync.Semaphore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Best practice 4, 避免创建过多任务: at most {@code limit} fetches run at once, guarded by a
 * {@link Semaphore}; the nested {@code async def fetch_with_semaphore} is an async lambda.
 */
public final class LimitedConcurrency {
    static int running;
    static int mostAtOnce;

    private LimitedConcurrency() {
    }

    @Async
    static Coroutine<String> fetchUrl(String url) {
        running++;
        mostAtOnce = Math.max(mostAtOnce, running);
        await(sleep(0.1)); // stands for the network round trip
        running--;
        return result("body of " + url);
    }

    @Async
    public static Coroutine<List<String>> limitedConcurrency(List<String> urls, int limit) {
        Semaphore semaphore = new Semaphore(limit);
        Function<String, Coroutine<String>> fetchWithSemaphore = url -> {
            try (var slot = await(semaphore.acquire())) {   // async with semaphore:
                return result(await(fetchUrl(url)));
            }
        };
        List<Coroutine<String>> tasks = new ArrayList<>();
        for (String url : urls) {
            tasks.add(fetchWithSemaphore.apply(url));
        }
        return result(await(gather(tasks)));
    }

    @Async
    public static Coroutine<Void> main() {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            urls.add("https://example.invalid/" + i);
        }
        double start = EventLoop.current().time();
        List<String> bodies = await(limitedConcurrency(urls, 10));
        System.out.println(bodies.size() + " results, first: " + bodies.get(0) + ", last: " + bodies.get(99));
        System.out.println("at most " + mostAtOnce + " at once");
        System.out.printf("Total: %.1fs%n", EventLoop.current().time() - start); // 100 urls / 10 at a time * 0.1 s
        return Asyncio.done();
    }

    public static void run(LoopClock clock) {
        running = 0;
        mostAtOnce = 0;
        Asyncio.run(main(), clock);
    }

    public static void main(String[] args) {
        run(LoopClock.system());
    }
}
