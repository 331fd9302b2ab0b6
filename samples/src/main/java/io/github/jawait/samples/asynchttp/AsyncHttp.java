package io.github.jawait.samples.asynchttp;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.result;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.LoopClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * "异步 HTTP 请求" (httpx): fetch several URLs concurrently. httpx.AsyncClient is the JDK's
 * {@link HttpClient}; its {@code sendAsync} gives a {@code CompletableFuture}, awaited
 * directly. The URLs point at a {@link LocalJsonServer} standing in for api.github.com, and as
 * the JDK has no JSON parser, {@code response.json()} is the body text here.
 */
public final class AsyncHttp {

    private AsyncHttp() {
    }

    /** client.get(url): a coroutine, as in httpx, so that gather can run several. */
    @Async
    static Coroutine<HttpResponse<String>> get(HttpClient client, String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).GET().build();
        return result(await(client.sendAsync(request, HttpResponse.BodyHandlers.ofString())));
    }

    /** async def fetch_url(url): one GET. (The guide defines it; its main uses fetch_multiple_urls.) */
    @Async
    static Coroutine<String> fetchUrl(String url) {
        // async with httpx.AsyncClient() as client: an HttpClient needs no closing on JDK 17
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> response = await(get(client, url));
        return result(response.body()); // response.json()
    }

    /** async def fetch_multiple_urls(urls): one client, the GETs gathered. */
    @Async
    static Coroutine<List<String>> fetchMultipleUrls(List<String> urls) {
        HttpClient client = HttpClient.newHttpClient();
        List<Coroutine<HttpResponse<String>>> tasks = new ArrayList<>();
        for (String url : urls) {
            tasks.add(get(client, url)); // [client.get(url) for url in urls]
        }
        List<HttpResponse<String>> responses = await(gather(tasks));
        return result(responses.stream().map(HttpResponse::body).toList()); // [r.json() for r in responses]
    }

    @Async
    public static Coroutine<Void> main(LocalJsonServer api) {
        List<String> urls = List.of(
                api.url("/users/python"), // https://api.github.com/users/python
                api.url("/users/microsoft"),
                api.url("/users/google"));
        List<String> data = await(fetchMultipleUrls(urls));
        System.out.println(data);
        // not in the Python's main: fetch_url, which the guide defines too
        System.out.println(await(fetchUrl(api.url("/users/python"))));
        return done();
    }

    /** Three small documents shaped like GitHub's user API. */
    static final Map<String, String> USERS = Map.of(
            "/users/python", "{\"login\": \"python\", \"type\": \"Organization\"}",
            "/users/microsoft", "{\"login\": \"microsoft\", \"type\": \"Organization\"}",
            "/users/google", "{\"login\": \"google\", \"type\": \"Organization\"}");

    public static void run(LoopClock clock) throws IOException {
        try (LocalJsonServer api = new LocalJsonServer(USERS)) {
            Asyncio.run(main(api), clock);
        }
    }

    public static void main(String[] args) throws IOException {
        run(LoopClock.system());
    }
}
