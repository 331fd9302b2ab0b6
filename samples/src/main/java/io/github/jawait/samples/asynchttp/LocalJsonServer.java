package io.github.jawait.samples.asynchttp;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * A stand-in for the web: the JDK's HTTP server on 127.0.0.1 at a free port, serving a few
 * small JSON documents by path, so that the HTTP samples run offline and print the same every
 * time. Requests really go over a local socket; with an {@link SSLContext} over TLS. Each
 * request may take a latency of its own (the server's thread waits it out), and the server
 * counts how many requests it was serving at once.
 */
public final class LocalJsonServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final String scheme;
    private final AtomicInteger serving = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    /** Serves {@code documents} (path, such as "/users/python", to JSON text) over plain HTTP, at once. */
    public LocalJsonServer(Map<String, String> documents) throws IOException {
        this(documents, path -> Duration.ZERO, null);
    }

    /**
     * Serves {@code documents}, each request after {@code latency} of its path, over HTTPS when
     * {@code tls} is given.
     */
    public LocalJsonServer(Map<String, String> documents, Function<String, Duration> latency, SSLContext tls)
            throws IOException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls != null) {
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
            scheme = "https";
        } else {
            server = HttpServer.create(address, 0);
            scheme = "http";
        }
        server.setExecutor(threads); // requests are served side by side, as a real server does
        server.createContext("/", exchange -> {
            int now = serving.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            boolean counted = true;
            try {
                String path = exchange.getRequestURI().getPath();
                Thread.sleep(latency.apply(path).toMillis()); // the time this server takes to answer
                // done before the answer leaves: a client that has read it may send its next
                // request before this thread gets past the write
                serving.decrementAndGet();
                counted = false;
                String json = documents.get(path);
                byte[] body = (json != null ? json : "{\"message\": \"Not Found\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(json != null ? 200 : 404, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (counted) {
                    serving.decrementAndGet();
                }
            }
        });
        server.start();
    }

    /** The URL of {@code path} on this server. */
    public String url(String path) {
        return scheme + "://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The most requests this server was serving at the same time. */
    public int mostAtOnce() {
        return mostAtOnce.get();
    }

    /** Shuts the server down. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
