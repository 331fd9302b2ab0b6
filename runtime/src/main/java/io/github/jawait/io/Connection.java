package io.github.jawait.io;

import io.github.jawait.AsyncCloseable;
import io.github.jawait.Awaitable;

/**
 * What {@code Asyncio.openConnection} gives: the two halves of one TCP connection, asyncio's
 * {@code (reader, writer)} pair. In {@code @Async} code, try-with-resources over it is
 * asyncio's {@code async with}: it closes the writer and awaits the socket's closing.
 *
 * <pre>{@code
 * try (var conn = await(openConnection("127.0.0.1", port))) {
 *     conn.writer().write("ping\n");
 *     String reply = await(conn.reader().readLine());
 * }
 * }</pre>
 */
public record Connection(StreamReader reader, StreamWriter writer) implements AsyncCloseable {

    /** Starts closing the connection and returns at once (asyncio's {@code writer.close()}). */
    @Override
    public void close() {
        writer.close();
    }

    @Override
    public Awaitable<Void> closeAsync() {
        return writer.closeAsync();
    }
}
