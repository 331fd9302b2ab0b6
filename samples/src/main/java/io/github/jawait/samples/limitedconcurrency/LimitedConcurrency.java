package io.github.jawait.samples.limitedconcurrency;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.result;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.LoopClock;
import io.github.jawait.io.AsyncHttp;
import io.github.jawait.samples.asynchttp.LocalJsonServer;
import io.github.jawait.sync.Semaphore;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Best practice 4, 避免创建过多任务: 100 URLs fetched from a real local HTTP server, at most
 * {@code limit} at once, guarded by a {@link Semaphore}; the nested
 * {@code async def fetch_with_semaphore} is an async lambda. The server takes 0.1 s per
 * request and counts how many it serves at the same time.
 */
public final class LimitedConcurrency {

    private LimitedConcurrency() {
    }

    /** The guide's fetch_url: one GET (the client's own limit, 100, is not what holds it back here). */
    @Async
    static Coroutine<String> fetchUrl(AsyncHttp client, String url) {
        return result(await(client.getString(url)));
    }

    @Async
    public static Coroutine<List<String>> limitedConcurrency(AsyncHttp client, List<String> urls, int limit) {
        Semaphore semaphore = new Semaphore(limit);
        Function<String, Coroutine<String>> fetchWithSemaphore = url -> {
            try (var slot = await(semaphore.acquire())) {   // async with semaphore:
                return result(await(fetchUrl(client, url)));
            }
        };
        List<Coroutine<String>> tasks = new ArrayList<>();
        for (String url : urls) {
            tasks.add(fetchWithSemaphore.apply(url));
        }
        return result(await(gather(tasks)));
    }

    @Async
    public static Coroutine<Void> main(LocalJsonServer server) {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            urls.add(server.url("/pages/" + i));
        }
        long start = System.nanoTime();
        List<String> bodies = await(limitedConcurrency(AsyncHttp.create(), urls, 10));
        double total = (System.nanoTime() - start) / 1e9;
        System.out.println(bodies.size() + " results, first: " + bodies.get(0) + ", last: " + bodies.get(99));
        System.out.println("the server saw at most " + server.mostAtOnce() + " requests at once");
        System.out.printf("Total: %.1fs%n", total); // 100 urls / 10 at a time * 0.1 s, plus the trips
        return Asyncio.done();
    }

    public static void run(LoopClock clock) throws IOException {
        Map<String, String> pages = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            pages.put("/pages/" + i, "{\"page\": " + i + "}");
        }
        try (LocalJsonServer server = new LocalJsonServer(pages, path -> Duration.ofMillis(100), null)) {
            Asyncio.run(main(server), clock);
        }
    }

    public static void main(String[] args) throws IOException {
        run(LoopClock.system());
    }
}
