package io.github.jawait.io;

import io.github.jawait.Coroutine;

/**
 * What a server runs for each connection it accepts, as a task of its own: asyncio's
 * {@code client_connected_cb}. Usually an async lambda:
 * {@code (reader, writer) -> { ...await...; return done(); }}.
 */
@FunctionalInterface
public interface ConnectionHandler {
    Coroutine<Void> handle(StreamReader reader, StreamWriter writer);
}
