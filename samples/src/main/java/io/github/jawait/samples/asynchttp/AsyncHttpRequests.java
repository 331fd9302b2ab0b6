package io.github.jawait.samples.asynchttp;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.result;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.LoopClock;
import io.github.jawait.io.AsyncHttp;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * "异步 HTTP 请求" (httpx): fetch three URLs concurrently. {@code httpx.AsyncClient} is
 * {@link AsyncHttp} over the JDK's {@link HttpClient}. The URLs point at a local HTTPS server
 * standing in for api.github.com, with a certificate the sample makes itself, and answering
 * each user after a latency of its own: fetched together, the three take as long as the
 * slowest, not the sum. The JDK has no JSON parser, so {@code response.json()} is the body
 * text here.
 */
public final class AsyncHttpRequests {

    private AsyncHttpRequests() {
    }

    /** async def fetch_url(url): one GET, the body. */
    @Async
    static Coroutine<String> fetchUrl(AsyncHttp client, String url) {
        HttpResponse<String> response = await(client.get(url));  // response = await client.get(url)
        return result(response.body());                          // response.json()
    }

    /** async def fetch_multiple_urls(urls): the GETs gathered. */
    @Async
    static Coroutine<List<String>> fetchMultipleUrls(AsyncHttp client, List<String> urls) {
        List<Coroutine<HttpResponse<String>>> tasks = new ArrayList<>();
        for (String url : urls) {
            tasks.add(client.get(url));                          // [client.get(url) for url in urls]
        }
        List<HttpResponse<String>> responses = await(gather(tasks));
        return result(responses.stream().map(HttpResponse::body).toList()); // [r.json() for r in responses]
    }

    @Async
    public static Coroutine<Void> main(LocalJsonServer api, HttpClient httpClient) {
        // async with httpx.AsyncClient() as client: one client, trusting the sample's certificate
        AsyncHttp client = AsyncHttp.create(httpClient, AsyncHttp.DEFAULT_MAX_CONCURRENT);
        List<String> urls = List.of(
                api.url("/users/python"),                        // https://api.github.com/users/python
                api.url("/users/microsoft"),
                api.url("/users/google"));
        // not in the Python's main: fetch_url on each URL, one after another, to compare
        long start = System.nanoTime();
        for (String url : urls) {
            await(fetchUrl(client, url));
        }
        double oneByOne = (System.nanoTime() - start) / 1e9;

        start = System.nanoTime();
        List<String> data = await(fetchMultipleUrls(client, urls));
        double together = (System.nanoTime() - start) / 1e9;
        System.out.println(data);
        System.out.printf("answered in 0.5 s, 0.6 s and 0.7 s: one after another %.2f s (the sum),"
                + " together %.2f s (the slowest)%n", oneByOne, together);
        return done();
    }

    /** Three small documents shaped like GitHub's user API. */
    static final Map<String, String> USERS = Map.of(
            "/users/python", "{\"login\": \"python\", \"type\": \"Organization\"}",
            "/users/microsoft", "{\"login\": \"microsoft\", \"type\": \"Organization\"}",
            "/users/google", "{\"login\": \"google\", \"type\": \"Organization\"}");

    /** How long the local server takes to answer for each user. */
    static final Map<String, Duration> LATENCY = Map.of(
            "/users/python", Duration.ofMillis(500),
            "/users/microsoft", Duration.ofMillis(600),
            "/users/google", Duration.ofMillis(700));

    public static void run(LoopClock clock) throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create();
        try (LocalJsonServer api = new LocalJsonServer(USERS, LATENCY::get, certificate.serverContext())) {
            HttpClient httpClient = HttpClient.newBuilder().sslContext(certificate.clientContext()).build();
            Asyncio.run(main(api, httpClient), clock);
        }
    }

    public static void main(String[] args) throws Exception {
        run(LoopClock.system());
    }
}
