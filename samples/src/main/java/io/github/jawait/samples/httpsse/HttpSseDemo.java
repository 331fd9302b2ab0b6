package io.github.jawait.samples.httpsse;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.openConnection;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.startServer;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.LoopClock;
import io.github.jawait.io.Connection;
import io.github.jawait.io.Server;
import io.github.jawait.io.StreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link MiniHttpServer} on 127.0.0.1 at a free port, and two clients: the JDK's
 * {@link HttpClient} for the JSON API ({@code sendAsync} gives a {@code CompletableFuture},
 * awaited on the loop), and a client on jawait streams that reads server-sent events one by
 * one as the server pushes them.
 */
public final class HttpSseDemo {

    private HttpSseDemo() {
    }

    @Async
    static Coroutine<Void> getJson(HttpClient client, String base, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).GET().build();
        HttpResponse<String> response = await(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        System.out.println("GET " + path + " -> " + response.statusCode() + " "
                + response.headers().firstValue("content-type").orElse("?") + " " + response.body());
        return done();
    }

    /** Opens the event stream and prints each event as it arrives; returns how many came. */
    @Async
    static Coroutine<Integer> listen(int port, int count) {
        try (Connection c = await(openConnection("127.0.0.1", port))) {
            c.writer().write("GET /events?count=" + count + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\n"
                    + "Accept: text/event-stream\r\n"
                    + "\r\n");
            StreamReader reader = c.reader();
            System.out.println("GET /events -> " + await(reader.readLine()));
            String header;
            while ((header = await(reader.readLine())) != null && !header.isEmpty()) {
                if (header.toLowerCase().startsWith("content-type:")) {
                    System.out.println("  " + header);
                }
            }
            int events = 0;
            List<String> fields = new ArrayList<>();
            String line;
            while ((line = await(reader.readLine())) != null) { // the server closes after the last event
                if (!line.isEmpty()) {
                    fields.add(line);
                    continue;
                }
                events++; // a blank line ends an event
                System.out.println("  event " + String.join(" | ", fields));
                fields.clear();
            }
            System.out.println("  end of stream after " + events + " events");
            return result(events);
        }
    }

    @Async
    public static Coroutine<Void> main() {
        MiniHttpServer http = new MiniHttpServer();
        try (Server server = await(startServer(http::serve, "127.0.0.1", 0))) {
            String base = "http://127.0.0.1:" + server.port();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            await(getJson(client, base, "/api/users"));
            await(getJson(client, base, "/api/users/2"));
            await(getJson(client, base, "/api/users/9"));
            await(getJson(client, base, "/nothing/here"));
            await(listen(server.port(), 3));
            // HttpClient keeps its connection for the next request; close it from our side too,
            // or the server would wait for that idle connection's handler to end
            server.closeClients();
        }
        System.out.println("server closed");
        return done();
    }

    public static void run(LoopClock clock) {
        Asyncio.run(main(), clock);
    }

    public static void main(String[] args) {
        run(LoopClock.system());
    }
}
