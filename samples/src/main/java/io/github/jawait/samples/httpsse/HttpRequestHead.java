package io.github.jawait.samples.httpsse;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.result;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.io.StreamReader;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The head of one HTTP/1.1 request: the request line and the headers (names in lower case),
 * read from a jawait {@link StreamReader} line by line.
 */
record HttpRequestHead(String method, String target, String version, Map<String, String> headers) {

    /** The next request's head, or null when the client closed the connection between requests. */
    @Async
    static Coroutine<HttpRequestHead> read(StreamReader reader) {
        String requestLine = await(reader.readLine()); // readLine drops the \r\n
        if (requestLine == null) {
            return result(null);
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new IllegalArgumentException("not an HTTP/1.x request line: " + requestLine);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String line;
        while ((line = await(reader.readLine())) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("malformed header: " + line);
            }
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return result(new HttpRequestHead(parts[0], parts[1], parts[2], headers));
    }

    /** The path without the query. */
    String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /** A query parameter, or {@code otherwise}. */
    String query(String name, String otherwise) {
        int q = target.indexOf('?');
        if (q >= 0) {
            for (String pair : target.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals(name)) {
                    return pair.substring(eq + 1);
                }
            }
        }
        return otherwise;
    }

    /** HTTP/1.1 keeps the connection open unless the client says {@code Connection: close}. */
    boolean keepAlive() {
        String connection = headers.getOrDefault("connection", "");
        return version.equals("HTTP/1.1") ? !connection.equalsIgnoreCase("close") : connection.equalsIgnoreCase("keep-alive");
    }

    int contentLength() {
        return Integer.parseInt(headers.getOrDefault("content-length", "0"));
    }
}
