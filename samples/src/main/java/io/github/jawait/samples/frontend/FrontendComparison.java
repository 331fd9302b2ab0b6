package io.github.jawait.samples.frontend;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.result;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.LoopClock;
import io.github.jawait.samples.asynchttp.LocalJsonServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * "使用场景对比" (for front-end developers): {@code fetch_data} over a list of URLs, gathered;
 * {@code Promise.all(urls.map(fetchData))} in JavaScript. "url1".."url3" are served by a
 * {@link LocalJsonServer}; the body text stands for {@code response.json()}.
 */
public final class FrontendComparison {

    private FrontendComparison() {
    }

    /** async def fetch_data(url) */
    @Async
    static Coroutine<String> fetchData(String url) {
        HttpClient client = HttpClient.newHttpClient(); // async with httpx.AsyncClient() as client
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
        HttpResponse<String> response = await(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        return result(response.body()); // response.json()
    }

    @Async
    public static Coroutine<Void> main(LocalJsonServer server) {
        List<String> urls = List.of(server.url("/url1"), server.url("/url2"), server.url("/url3"));
        // asyncio.gather(*[fetch_data(url) for url in urls])
        List<String> results = await(gather(urls.stream().map(FrontendComparison::fetchData).toList()));
        System.out.println(results);
        return done();
    }

    public static void run(LoopClock clock) throws IOException {
        try (LocalJsonServer server = new LocalJsonServer(Map.of(
                "/url1", "{\"url\": \"url1\"}", "/url2", "{\"url\": \"url2\"}", "/url3", "{\"url\": \"url3\"}"))) {
            Asyncio.run(main(server), clock);
        }
    }

    public static void main(String[] args) throws IOException {
        run(LoopClock.system());
    }
}
