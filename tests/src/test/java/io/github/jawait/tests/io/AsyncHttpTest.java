package io.github.jawait.tests.io;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.gatherSettled;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.jawait.Async;
import io.github.jawait.AsyncTimeoutException;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.Outcome;
import io.github.jawait.Task;
import io.github.jawait.io.AsyncHttp;
import io.github.jawait.io.HttpStatusException;
import io.github.jawait.tests.TestLoop;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AsyncHttp (httpx) over the JDK HttpClient against real servers on 127.0.0.1. */
class AsyncHttpTest {
    /** Text with 1- to 4-byte UTF-8 characters, sent one byte per chunk by /split. */
    static final String SPLIT_TEXT = "héllo\nwörld €\r\n😀 end";

    HttpServer server;
    ExecutorService serverThreads;
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger mostInFlight = new AtomicInteger();
    final CyclicBarrier pairs = new CyclicBarrier(2);
    final CompletableFuture<String> streamDropped = new CompletableFuture<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serverThreads = Executors.newFixedThreadPool(4); // more than the limits tested: a broken limit shows
        server.setExecutor(serverThreads);
        server.createContext("/user", ex -> respond(ex, 200, "application/json", "{\"login\": \"" + ex.getRequestURI().getQuery() + "\"}"));
        server.createContext("/missing", ex -> respond(ex, 404, "text/plain", "no such thing"));
        server.createContext("/latin1", ex -> respond(ex, 200, "text/plain; charset=ISO-8859-1", "caf\u00e9\nna\u00efve"));
        server.createContext("/pair", ex -> {
            int now = inFlight.incrementAndGet();
            mostInFlight.accumulateAndGet(now, Math::max);
            try {
                pairs.await(10, TimeUnit.SECONDS); // two requests must be in flight together
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                respond(ex, 500, "text/plain", "no partner: " + e);
                return;
            } finally {
                inFlight.decrementAndGet();
            }
            respond(ex, 200, "text/plain", ex.getRequestURI().getQuery());
        });
        server.createContext("/split", ex -> {
            ex.sendResponseHeaders(200, 0); // chunked
            try (OutputStream out = ex.getResponseBody()) {
                for (byte b : SPLIT_TEXT.getBytes(StandardCharsets.UTF_8)) {
                    out.write(b);
                    out.flush(); // one byte per chunk
                }
            }
        });
        server.createContext("/endless", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 5_000_000; i++) { // bounded: about 60 MB if nobody ever drops
                    out.write(("line " + i + "\n").getBytes(StandardCharsets.US_ASCII));
                    if (i % 100 == 0) {
                        out.flush();
                    }
                }
                streamDropped.completeExceptionally(new AssertionError("the client read to the end"));
            } catch (IOException e) {
                streamDropped.complete("write failed: the client is gone");
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(type.contains("ISO-8859-1") ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
    }

    @Async
    Coroutine<List<String>> getInEveryWay(AsyncHttp http) throws Exception {
        List<String> seen = new ArrayList<>();
        Thread loopThread = Thread.currentThread();
        HttpResponse<String> r = await(http.get(url("/user?python")));
        assertSame(loopThread, Thread.currentThread(), "resumes on the loop thread");
        seen.add(r.statusCode() + " " + r.body());
        seen.add(await(http.getString(url("/user?microsoft"))));
        seen.add(await(http.getJson(url("/user?google"), body -> "parsed " + body.length() + " chars")));
        HttpResponse<String> missing = await(http.get(url("/missing")));
        seen.add(missing.statusCode() + " " + missing.body());
        try {
            await(http.getString(url("/missing")));
        } catch (HttpStatusException e) {
            seen.add(e.getMessage() + " / " + e.statusCode() + " / " + e.response().body());
        }
        return result(seen);
    }

    @Test
    void getGetStringAndGetJson() throws Exception {
        assertEquals(List.of(
                "200 {\"login\": \"python\"}",
                "{\"login\": \"microsoft\"}",
                "parsed 19 chars",
                "404 no such thing",
                "HTTP 404 from GET " + url("/missing") + " / 404 / no such thing"),
                TestLoop.run(getInEveryWay(AsyncHttp.create())));
    }

    @Async
    Coroutine<List<String>> fourThroughALimitOfTwo(AsyncHttp http) {
        List<Coroutine<String>> gets = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            gets.add(http.getString(url("/pair?" + i)));
        }
        return result(await(gather(gets)));
    }

    @Test
    void theConcurrencyLimitHoldsAndResultsKeepTheirOrder() {
        AsyncHttp http = AsyncHttp.create(HttpClient.newHttpClient(), 2);
        assertEquals(List.of("1", "2", "3", "4"), TestLoop.run(fourThroughALimitOfTwo(http)));
        assertEquals(2, mostInFlight.get(), "two at a time, never more");
    }

    @Async
    Coroutine<String> cancelWhileTheServerIsSilent(SilentServer silent) throws Exception {
        Task<String> fetching = createTask(AsyncHttp.create().getString(silent.url("/slow")));
        String requestLine = await(silent.requestArrived);
        fetching.cancel();
        Outcome<String> outcome = await(gatherSettled(fetching)).get(0);
        String drop = await(silent.dropped);
        return result(requestLine + " | cancelled=" + outcome.cancelled() + " | " + drop);
    }

    @Test
    void cancellingTheTaskAbortsTheExchangeAndTheServerSeesTheConnectionDrop() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            String r = TestLoop.run(cancelWhileTheServerIsSilent(silent));
            assertTrue(r.matches("GET /slow HTTP/1\\.1 \\| cancelled=true \\| (closed|reset) by the client"), r);
        }
    }

    @Async
    Coroutine<String> timeOutWhileTheServerIsSilent(SilentServer silent) throws Exception {
        Task<String> fetching = createTask(AsyncHttp.create().getString(silent.url("/slow")));
        await(silent.requestArrived);
        double start = EventLoop.current().time();
        try {
            await(waitFor(fetching, Duration.ofMillis(300)));
            return result("no timeout");
        } catch (AsyncTimeoutException e) {
            double waited = EventLoop.current().time() - start;
            String drop = await(silent.dropped);
            return result("timed out after " + waited + " s, task cancelled=" + fetching.cancelled() + " | " + drop);
        }
    }

    @Test
    void aWaitForTimeoutAbortsTheExchangeToo() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            String r = TestLoop.run(timeOutWhileTheServerIsSilent(silent));
            assertTrue(r.matches("timed out after 0\\.3 s, task cancelled=true \\| (closed|reset) by the client"), r);
        }
    }

    /** One client for the plain-await tests: each HttpClient holds a selector until it is collected. */
    static final HttpClient PLAIN_CLIENT = HttpClient.newHttpClient();

    /** The plain form: the JDK client's future awaited as it is, no facade, no wrapFuture. */
    @Async
    Coroutine<String> plainSend(HttpClient client, String url) {
        HttpResponse<String> r = await(client.sendAsync(HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()));
        return result(r.body());
    }

    @Async
    Coroutine<String> cancelAPlainAwaitWhileTheServerIsSilent(SilentServer silent) throws Exception {
        Task<String> fetching = createTask(plainSend(PLAIN_CLIENT, silent.url("/plain")));
        String requestLine = await(silent.requestArrived);
        fetching.cancel("user gave up");
        Outcome<String> outcome = await(gatherSettled(fetching)).get(0);
        String drop = await(silent.dropped);
        return result(requestLine + " | " + outcome.failure().getClass().getSimpleName() + ": "
                + outcome.failure().getMessage() + " | " + drop);
    }

    @Test
    void cancellingAPlainAwaitOfSendAsyncAbortsTheExchangeToo() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            String r = TestLoop.run(cancelAPlainAwaitWhileTheServerIsSilent(silent));
            assertTrue(r.matches("GET /plain HTTP/1\\.1 \\| CancelledError: user gave up \\| (closed|reset) by the client"), r);
        }
    }

    @Async
    Coroutine<String> timeOutAPlainAwait(SilentServer silent) throws Exception {
        Task<String> fetching = createTask(plainSend(PLAIN_CLIENT, silent.url("/plain")));
        await(silent.requestArrived);
        try {
            await(waitFor(fetching, Duration.ofMillis(300)));
            return result("no timeout");
        } catch (AsyncTimeoutException e) {
            return result("timed out, task cancelled=" + fetching.cancelled() + " | " + await(silent.dropped));
        }
    }

    @Test
    void aWaitForTimeoutAroundAPlainAwaitAbortsTheExchange() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            String r = TestLoop.run(timeOutAPlainAwait(silent));
            assertTrue(r.matches("timed out, task cancelled=true \\| (closed|reset) by the client"), r);
        }
    }

    @Async
    Coroutine<List<String>> streamed(AsyncHttp http) throws Exception {
        List<String> seen = new ArrayList<>();
        var r = await(http.stream(url("/split")));
        seen.add("status " + r.statusCode());
        try (var lines = AsyncHttp.lines(r)) {
            while (await(lines.hasNext())) {
                seen.add("[" + lines.next() + "]");
            }
        }
        int total = 0;
        int pieces = 0;
        try (var chunks = AsyncHttp.chunks(await(http.stream(url("/split"))))) {
            while (await(chunks.hasNext())) {
                ByteBuffer b = chunks.next();
                total += b.remaining();
                pieces++;
            }
        }
        seen.add(total + " bytes in " + (pieces > 0 ? "some" : "no") + " chunks");
        try (var lines = AsyncHttp.lines(await(http.stream(url("/latin1"))))) {
            seen.add(await(lines.toList()).toString());
        }
        return result(seen);
    }

    @Test
    void aBodyStreamsAsLinesOrChunksWithCharactersSplitAcrossChunks() throws Exception {
        assertEquals(List.of("status 200", "[héllo]", "[wörld €]", "[😀 end]",
                SPLIT_TEXT.getBytes(StandardCharsets.UTF_8).length + " bytes in some chunks", "[café, naïve]"),
                TestLoop.run(streamed(AsyncHttp.create())));
    }

    @Async
    Coroutine<String> stopReadingEarly(AsyncHttp http) throws Exception {
        List<String> firstThree = new ArrayList<>();
        try (var lines = AsyncHttp.lines(await(http.stream(url("/endless"))))) {
            while (firstThree.size() < 3 && await(lines.hasNext())) {
                firstThree.add(lines.next());
            }
        }                                        // closing the generator cancels the body
        return result(firstThree + " | " + await(streamDropped));
    }

    @Test
    void closingAStreamedBodyEarlyDropsTheConnection() throws Exception {
        assertEquals("[line 0, line 1, line 2] | write failed: the client is gone",
                TestLoop.run(stopReadingEarly(AsyncHttp.create())));
    }

    @Async
    Coroutine<String> refused(int port) {
        try {
            await(AsyncHttp.sendAsync(HttpClient.newHttpClient(),
                    HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()));
            return result("connected?");
        } catch (Exception e) {
            return result(e.getClass().getName());
        }
    }

    @Test
    void aRefusedConnectionFailsWithTheJdksExceptionUnwrapped() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: nothing listens there now
        }
        assertEquals(ConnectException.class.getName(), TestLoop.run(refused(port)));
    }

    @Test
    void badArgumentsAreRefusedAtTheCall() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AsyncHttp.create(HttpClient.newHttpClient(), 0));
        assertEquals("maxConcurrent 0: must be at least 1", e.getMessage());
        assertThrows(NullPointerException.class, () -> AsyncHttp.create().get(null));
        assertThrows(IllegalArgumentException.class, () -> AsyncHttp.create().get("not a url with spaces"));
    }
}
