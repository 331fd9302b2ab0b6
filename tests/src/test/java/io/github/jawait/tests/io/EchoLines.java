package io.github.jawait.tests.io;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.io.StreamReader;
import io.github.jawait.io.StreamWriter;

/**
 * The connection handler the stream tests serve, plain or over TLS: answers each line with
 * {@code "echo: "} and the line, draining after each, until the client's end of stream.
 */
final class EchoLines {
    private EchoLines() {
    }

    @Async
    static Coroutine<Void> handle(StreamReader reader, StreamWriter writer) {
        String line;
        while ((line = await(reader.readLine())) != null) {
            writer.write("echo: " + line + "\n");
            await(writer.drain());
        }
        return done();
    }
}
