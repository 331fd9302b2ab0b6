package io.github.jawait.samples.chat;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.io.StreamReader;
import io.github.jawait.io.StreamWriter;
import io.github.jawait.sync.Queue;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * A line-based chat server: the first line a client sends is its name, every later line is
 * broadcast to all the other clients as {@code "name: line"}.
 *
 * <p>One reading task per client (the server's handler) and one sending task per client
 * ({@link ChatMember#sendLoop}). A broadcast never waits: it puts the line into each
 * recipient's own bounded queue. So a client that reads slowly, or not at all, cannot slow the
 * sender or the other clients; its queue fills up instead, and <b>once its queue is full the
 * server drops that client</b> (aborts its connection and tells the others). Dropping, rather
 * than skipping lines, was chosen so that a client never sees a conversation with holes in it;
 * memory per client stays bounded by its queue, its writer's high water mark and the socket's
 * buffer.
 */
public final class ChatServer {
    /** Lines waiting for one client before it counts as too slow. */
    public static final int QUEUE_LINES = 64;
    /**
     * The kernel's send buffer per client. Small, so that a stalled client fills its queue
     * after some hundred kilobytes (Linux would otherwise buffer megabytes on loopback).
     */
    static final int SOCKET_SEND_BUFFER = 16 * 1024;

    private final List<ChatMember> members = new ArrayList<>();
    private final List<String> log = new ArrayList<>();

    /** What the server did (joins, leaves, drops), in order. */
    public List<String> log() {
        return log;
    }

    /** Clients in the chat now. */
    public int members() {
        return members.size();
    }

    /** The connection handler: one task per client, reading its lines until it leaves. */
    @Async
    public Coroutine<Void> serve(StreamReader reader, StreamWriter writer) {
        smallSendBuffer(writer);
        String name = await(reader.readLine());
        if (name == null || name.isBlank()) {
            return done(); // left before saying who it is; returning closes the connection
        }
        ChatMember me = new ChatMember(name, writer, new Queue<>(QUEUE_LINES), this);
        Task<Void> sender = createTask(me.sendLoop(), "chat sender " + name);
        me.offer("welcome " + name + ", " + members.size() + " others online");
        broadcast(me, "* " + name + " joined");
        members.add(me);
        log.add(name + " joined");
        try {
            String line;
            while ((line = await(reader.readLine())) != null) {
                broadcast(me, name + ": " + line);
                // readLine does not suspend while lines are buffered, and one socket read can
                // bring a thousand: yield, so that the sending tasks of clients that keep up
                // move each line on before the next one, and only a stalled client's queue fills
                await(sleep(0));
            }
        } catch (Exception lost) {
            // a reset, or a line over the reader's limit: the client is gone, as if it had left
        } finally {
            members.remove(me);
            sender.cancel();
        }
        if (me.dropped()) {
            broadcast(me, "* " + name + " was dropped (too slow)");
        } else {
            log.add(name + " left");
            broadcast(me, "* " + name + " left");
        }
        return done();
    }

    private static void smallSendBuffer(StreamWriter writer) {
        try {
            ((SocketChannel) writer.getExtraInfo("socket")).setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_SEND_BUFFER);
        } catch (IOException closedAlready) {
            // the reads below will see it
        }
    }

    /** Puts {@code line} into the queue of every member but {@code from}; never waits. */
    void broadcast(ChatMember from, String line) {
        for (ChatMember m : List.copyOf(members)) {
            if (m != from) {
                m.offer(line);
            }
        }
    }

    void dropped(ChatMember m, String why) {
        log.add(m.name() + " dropped: " + why);
    }
}
