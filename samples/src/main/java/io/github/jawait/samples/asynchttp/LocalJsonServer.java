package io.github.jawait.samples.asynchttp;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A stand-in for the web: the JDK's HTTP server on 127.0.0.1 at a free port, serving a few
 * small JSON documents by path, so that the HTTP samples run offline and print the same every
 * time. Requests really go over a local socket.
 */
public final class LocalJsonServer implements AutoCloseable {
    private final HttpServer server;

    /** Starts serving {@code documents} (path, such as "/users/python", to JSON text). */
    public LocalJsonServer(Map<String, String> documents) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String json = documents.get(exchange.getRequestURI().getPath());
            byte[] body = (json != null ? json : "{\"message\": \"Not Found\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(json != null ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** The URL of {@code path} on this server. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Shuts the server down. */
    @Override
    public void close() {
        server.stop(0);
    }
}
