package io.github.jawait.samples.httpsse;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.io.LimitOverrunError;
import io.github.jawait.io.StreamReader;
import io.github.jawait.io.StreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A minimal HTTP/1.1 server written on jawait's streams, one task per connection: JSON
 * answers with keep-alive, and server-sent events (the guide's "real-time" case: the server
 * pushes, the client keeps one response open and reads events as they come).
 *
 * <ul>
 *   <li>{@code GET /api/users} and {@code GET /api/users/{id}}: JSON (404 with a JSON error
 *       for an unknown id or path);</li>
 *   <li>{@code GET /events?count=n}: {@code text/event-stream}, n {@code tick} events one
 *       {@value #EVENT_INTERVAL_SECONDS} s apart, then the end of the response (the server
 *       closes the connection).</li>
 * </ul>
 * Not a general server: no chunked request bodies, no pipelining limits, no TLS.
 */
final class MiniHttpServer {
    static final double EVENT_INTERVAL_SECONDS = 0.02;
    static final int MAX_EVENTS = 100;

    private final Map<Integer, String> users = new TreeMap<>(Map.of(
            1, "{\"id\": 1, \"name\": \"Alice\"}",
            2, "{\"id\": 2, \"name\": \"Bob\"}"));

    /** The connection handler: requests one after another until the client closes or asks to. */
    @Async
    Coroutine<Void> serve(StreamReader reader, StreamWriter writer) {
        while (true) {
            HttpRequestHead request;
            try {
                request = await(HttpRequestHead.read(reader));
            } catch (IllegalArgumentException | LimitOverrunError malformed) { // a bad line, or one over 64 KiB
                respond(writer, 400, "{\"error\": \"bad request\"}", false);
                return done(); // returning closes the connection, after what was written is sent
            }
            if (request == null) {
                return done();
            }
            await(reader.readExactly(request.contentLength())); // a body is read and ignored
            if (request.method().equals("GET") && request.path().equals("/events")) {
                await(streamEvents(writer, request));
                return done();
            }
            boolean keepAlive = request.keepAlive();
            answerJson(writer, request, keepAlive);
            await(writer.drain());
            if (!keepAlive) {
                return done();
            }
        }
    }

    private void answerJson(StreamWriter writer, HttpRequestHead request, boolean keepAlive) {
        String path = request.path();
        if (!request.method().equals("GET")) {
            respond(writer, 405, "{\"error\": \"only GET\"}", keepAlive);
        } else if (path.equals("/api/users")) {
            respond(writer, 200, "[" + String.join(", ", users.values()) + "]", keepAlive);
        } else if (path.startsWith("/api/users/") && path.substring(11).matches("[0-9]{1,9}")) {
            String user = users.get(Integer.parseInt(path.substring(11)));
            respond(writer, user != null ? 200 : 404, user != null ? user : "{\"error\": \"no such user\"}", keepAlive);
        } else {
            respond(writer, 404, "{\"error\": \"not found\"}", keepAlive);
        }
    }

    private static void respond(StreamWriter writer, int status, String json, boolean keepAlive) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        writer.write("HTTP/1.1 " + status + " " + reason(status) + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + (keepAlive ? "" : "Connection: close\r\n")
                + "\r\n");
        writer.write(body);
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            default -> "Status " + status;
        };
    }

    /** Server-sent events: headers once, then each event as it happens, drained one by one. */
    @Async
    Coroutine<Void> streamEvents(StreamWriter writer, HttpRequestHead request) {
        int count = Math.min(MAX_EVENTS, Math.max(0, Integer.parseInt(request.query("count", "3"))));
        writer.write("HTTP/1.1 200 OK\r\n"
                + "Content-Type: text/event-stream\r\n"
                + "Cache-Control: no-cache\r\n"
                + "Connection: close\r\n"
                + "\r\n");
        for (int n = 1; n <= count; n++) {
            writer.write("id: " + n + "\nevent: tick\ndata: {\"n\": " + n + ", \"of\": " + count + "}\n\n");
            await(writer.drain()); // a client that stops reading holds up only its own stream
            await(sleep(EVENT_INTERVAL_SECONDS));
        }
        return done();
    }
}
