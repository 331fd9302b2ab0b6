package io.github.jawait.io;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.emit;
import static io.github.jawait.Asyncio.end;
import static io.github.jawait.Asyncio.result;

import io.github.jawait.Async;
import io.github.jawait.AsyncGenerator;
import io.github.jawait.Asyncio;
import io.github.jawait.Awaitable;
import io.github.jawait.Coroutine;
import io.github.jawait.sync.Semaphore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * HTTP the way {@code httpx.AsyncClient} reads, on the JDK's own {@link HttpClient} (HTTP/1.1,
 * HTTP/2, TLS): no client of jawait's own, only the bridge to the loop and a few shortcuts.
 *
 * <pre>{@code
 * AsyncHttp http = AsyncHttp.create();                               // httpx.AsyncClient()
 * String body = await(http.getString(url));                          // (await client.get(url)).text
 * List<String> all = await(gather(http.getString(a), http.getString(b)));  // at most 100 at a time
 * }</pre>
 *
 * <p><b>The bridge</b> ({@link #sendAsync(HttpClient, HttpRequest, BodyHandler)}, which every
 * method here goes through): the client's future is awaited with
 * {@link Asyncio#wrapFuture}. Its completion is posted to the loop's inbox from the thread that
 * completes it; jawait adds no thread pool (the JDK completes {@code sendAsync}'s futures on
 * the common {@code ForkJoinPool}). Cancelling the awaiting task, or a {@code waitFor} timeout,
 * cancels the client's future, and the JDK (16 and later) then aborts the exchange: the
 * connection is closed and the server sees it go.
 *
 * <p><b>Concurrency limit</b>: at most {@code maxConcurrent} exchanges of this facade are in
 * flight at once (httpx's {@code max_connections}, 100 by default); the others wait their turn
 * in arrival order. An exchange counts from sending until its response arrives; for a streamed
 * body ({@link #stream}), until the headers arrive.
 *
 * <p><b>JSON</b>: the JDK has no JSON parser and jawait adds no dependency, so
 * {@link #getJson(String, BodyParser)} takes the parser of the library you use
 * ({@code body -> mapper.readTree(body)} with Jackson).
 */
public final class AsyncHttp {
    /** httpx's default {@code max_connections}. */
    public static final int DEFAULT_MAX_CONCURRENT = 100;

    private final HttpClient client;
    private final int maxConcurrent;
    private final Semaphore slots;

    private AsyncHttp(HttpClient client, int maxConcurrent) {
        this.client = Objects.requireNonNull(client, "client");
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent " + maxConcurrent + ": must be at least 1");
        }
        this.maxConcurrent = maxConcurrent;
        this.slots = new Semaphore(maxConcurrent);
    }

    /** A facade over a new {@code HttpClient} with the JDK's defaults (like httpx, redirects are not followed), 100 at a time. */
    public static AsyncHttp create() {
        return new AsyncHttp(HttpClient.newHttpClient(), DEFAULT_MAX_CONCURRENT);
    }

    /** A facade over {@code client} (its TLS, proxy, redirect and version settings), at most {@code maxConcurrent} at a time. */
    public static AsyncHttp create(HttpClient client, int maxConcurrent) {
        return new AsyncHttp(client, maxConcurrent);
    }

    /** The JDK client underneath. */
    public HttpClient client() {
        return client;
    }

    /** How many exchanges may be in flight at once. */
    public int maxConcurrent() {
        return maxConcurrent;
    }

    /**
     * Sends {@code request} now and returns its response as an awaitable delivered on the loop;
     * cancelling the awaiting task aborts the exchange. Needs no facade: this is the bridge for
     * any {@code HttpClient}.
     */
    public static <T> Awaitable<HttpResponse<T>> sendAsync(HttpClient client, HttpRequest request, BodyHandler<T> handler) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(handler, "handler");
        return Asyncio.wrapFuture(client.sendAsync(request, handler));
    }

    /** Sends {@code request} within the concurrency limit ({@code await client.send(request)}). */
    @Async
    public <T> Coroutine<HttpResponse<T>> send(HttpRequest request, BodyHandler<T> handler) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(handler, "handler");
        try (var slot = await(slots.acquire())) {
            return result(await(sendAsync(client, request, handler)));
        }
    }

    /** {@code await client.get(url)}: the response with its body as text, whatever its status. */
    public Coroutine<HttpResponse<String>> get(String url) {
        return send(HttpRequest.newBuilder(uri(url)).GET().build(), BodyHandlers.ofString());
    }

    /**
     * The body of a GET as text; a status other than 2xx fails with {@link HttpStatusException}
     * ({@code r = await client.get(url); r.raise_for_status(); r.text}).
     */
    @Async
    public Coroutine<String> getString(String url) {
        HttpResponse<String> r = await(get(url));
        return result(checkStatus(r).body());
    }

    /**
     * A GET with {@code Accept: application/json}, its body parsed by {@code parser}; a status
     * other than 2xx fails with {@link HttpStatusException} ({@code (await client.get(url)).json()}).
     */
    @Async
    public <T> Coroutine<T> getJson(String url, BodyParser<T> parser) throws Exception {
        Objects.requireNonNull(parser, "parser");
        HttpRequest request = HttpRequest.newBuilder(uri(url)).header("Accept", "application/json").GET().build();
        HttpResponse<String> r = await(send(request, BodyHandlers.ofString()));
        return result(parser.parse(checkStatus(r).body()));
    }

    /** Turns a body's text into a value: a JSON library's parse method. */
    @FunctionalInterface
    public interface BodyParser<T> {
        T parse(String body) throws Exception;
    }

    /**
     * Sends {@code request} and returns once the headers are in; the body is then read with
     * {@link #chunks} or {@link #lines} ({@code async with client.stream(...) as r:}). Read the
     * body to its end or close the generator: until then the connection stays in use.
     */
    public Coroutine<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> stream(HttpRequest request) {
        return send(request, BodyHandlers.ofPublisher());
    }

    /** {@link #stream(HttpRequest)} of a GET. */
    public Coroutine<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> stream(String url) {
        return stream(HttpRequest.newBuilder(uri(url)).GET().build());
    }

    /** How many body buffers a streamed body asks the JDK for ahead of the consumer. */
    static final int STREAM_BUFFER = 8;

    /**
     * The body of a streamed response as byte chunks, in the sizes they arrived
     * ({@code r.aiter_bytes()}). Closing the generator early cancels the body's subscription,
     * and the JDK closes the connection.
     */
    @Async
    public static AsyncGenerator<ByteBuffer> chunks(HttpResponse<Flow.Publisher<List<ByteBuffer>>> response) {
        try (AsyncGenerator<List<ByteBuffer>> body = AsyncGenerator.from(response.body(), STREAM_BUFFER)) {
            while (await(body.hasNext())) {
                for (ByteBuffer b : body.next()) {
                    emit(b);
                }
            }
        }
        return end();
    }

    /**
     * The body of a streamed response as lines of text, decoded with the charset of its
     * {@code Content-Type} (UTF-8 if none), a character split across chunks put back together
     * ({@code r.aiter_lines()}, without the line terminators).
     */
    @Async
    public static AsyncGenerator<String> lines(HttpResponse<Flow.Publisher<List<ByteBuffer>>> response) throws IOException {
        TextDecoder text = new TextDecoder(charsetOf(response));
        try (AsyncGenerator<List<ByteBuffer>> body = AsyncGenerator.from(response.body(), STREAM_BUFFER)) {
            while (await(body.hasNext())) {
                for (ByteBuffer b : body.next()) {
                    text.feed(b);
                }
                String line;
                while ((line = text.takeLine(false)) != null) {
                    emit(line);
                }
            }
        }
        text.endOfInput();
        String line;
        while ((line = text.takeLine(true)) != null) {
            emit(line);
        }
        return end();
    }

    /** The charset parameter of the response's {@code Content-Type}, or UTF-8. */
    static Charset charsetOf(HttpResponse<?> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        for (String param : type.split(";")) {
            String p = param.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                String name = p.substring("charset=".length()).replace("\"", "").trim();
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw new IllegalStateException("response of " + response.uri() + " has an unknown charset: " + type, e);
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** The response itself when its status is 2xx; {@link HttpStatusException} otherwise. */
    public static <T> HttpResponse<T> checkStatus(HttpResponse<T> response) {
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw new HttpStatusException(response);
        }
        return response;
    }

    private static URI uri(String url) {
        Objects.requireNonNull(url, "url");
        return URI.create(url);
    }
}
