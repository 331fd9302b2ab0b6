package io.github.jawait.samples.chat;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.io.StreamWriter;
import io.github.jawait.sync.Queue;
import io.github.jawait.sync.QueueFull;

/**
 * One client of the {@link ChatServer}: its name, its writer and its own bounded queue of
 * lines to send, emptied by its own task so that waiting on this client's socket
 * ({@code drain}) holds up nobody else.
 */
final class ChatMember {
    private final String name;
    private final StreamWriter writer;
    private final Queue<String> outgoing;
    private final ChatServer server;
    private boolean dropped;

    ChatMember(String name, StreamWriter writer, Queue<String> outgoing, ChatServer server) {
        this.name = name;
        this.writer = writer;
        this.outgoing = outgoing;
        this.server = server;
    }

    String name() {
        return name;
    }

    boolean dropped() {
        return dropped;
    }

    /** Queues {@code line} for this client, or drops the client if its queue is full. */
    void offer(String line) {
        if (dropped) {
            return;
        }
        try {
            outgoing.putNowait(line);
        } catch (QueueFull full) {
            drop("did not read; " + outgoing.maxsize() + " lines queued");
        }
    }

    /**
     * Closes this client's connection at once, dropping what is queued: its reading task then
     * sees the end of the stream and leaves the chat.
     */
    private void drop(String why) {
        dropped = true;
        server.dropped(this, why);
        writer.abort();
    }

    /** This client's sending task: one line at a time, waiting for the socket when it is full. */
    @Async
    Coroutine<Void> sendLoop() {
        try {
            while (true) {
                String line = await(outgoing.get());
                writer.write(line + "\n");
                await(writer.drain()); // suspends only this task while the client is slow
            }
        } catch (Exception connectionLost) {
            return done(); // drain fails once the connection is closed; the reading task cleans up
        }
    }
}
