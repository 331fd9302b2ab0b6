package io.github.jawait.benchmarks.net;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.startServer;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoopGroup;
import io.github.jawait.io.GroupServer;
import io.github.jawait.io.Server;
import io.github.jawait.io.StreamOptions;
import io.github.jawait.io.StreamReader;
import io.github.jawait.io.StreamWriter;

/**
 * jawait's echo server, written as a user would: {@code startServer} on one loop, one task per
 * connection that reads, writes and drains. A second server streams 64 MiB through
 * {@code write} + {@code drain} to whoever connects and sends one byte (the slow-reader scenario).
 * Needs the agent.
 */
final class JawaitEchoServer {
    static final int STREAM_CHUNK = 16 * 1024;
    static final long STREAM_BYTES = 64L << 20;
    /** The application's data, made before the heap baseline: only the stream's own memory grows. */
    private static final byte[] STREAM_DATA = new byte[STREAM_CHUNK];

    private JawaitEchoServer() {
    }

    static void run() {
        Asyncio.run(serve());
    }

    /**
     * The same handlers on an {@link EventLoopGroup} of {@code loops} loops (issue 17, part 3):
     * loop 0 accepts and hands each connection round-robin to a loop of the group, which runs the
     * handler from then on. Its CPU per request and requests/s beside the one-loop server show
     * what a loop per core buys an echo server, and what the load client leaves for it.
     */
    static void runGroup(int loops) throws InterruptedException {
        EventLoopGroup group = new EventLoopGroup(loops, "echo");
        StreamOptions options = StreamOptions.defaults().backlog(EchoServer.BACKLOG);
        GroupServer echo = group.startServer(JawaitEchoServer::echo, "127.0.0.1", 0, options).join();
        GroupServer streamer = group.startServer(JawaitEchoServer::stream, "127.0.0.1", 0, options).join();
        ServerControl.start(echo.port(), streamer.port(), options.highWater());
        Thread.currentThread().join(); // until the control thread's quit exits the JVM
    }

    @Async
    static Coroutine<Void> serve() {
        StreamOptions options = StreamOptions.defaults().backlog(EchoServer.BACKLOG);
        Server echo = await(startServer(JawaitEchoServer::echo, "127.0.0.1", 0, options));
        Server streamer = await(startServer(JawaitEchoServer::stream, "127.0.0.1", 0, options));
        ServerControl.start(echo.port(), streamer.port(), options.highWater());
        await(echo.serveForever());
        return done();
    }

    @Async
    static Coroutine<Void> echo(StreamReader reader, StreamWriter writer) {
        ServerControl.CONNECTIONS.incrementAndGet();
        try {
            byte[] data;
            while ((data = await(reader.read(64 * 1024))).length > 0) {
                writer.write(data);
                await(writer.drain());
            }
        } catch (Exception e) {
            // a client that resets: the connection ends, as for the other servers
        } finally {
            ServerControl.CONNECTIONS.decrementAndGet();
        }
        return done();
    }

    /** Waits for one byte, then writes 64 MiB in 16 KiB chunks, draining after each. */
    @Async
    static Coroutine<Void> stream(StreamReader reader, StreamWriter writer) {
        await(reader.readExactly(1));
        byte[] chunk = STREAM_DATA;
        long max = 0;
        for (long sent = 0; sent < STREAM_BYTES; sent += STREAM_CHUNK) {
            writer.write(chunk);
            max = Math.max(max, writer.writeBufferSize());
            await(writer.drain());
        }
        ServerControl.MAX_WRITE_BUFFER.set(max);
        writer.writeEof();
        await(reader.read(1)); // until the client closes
        return done();
    }
}
