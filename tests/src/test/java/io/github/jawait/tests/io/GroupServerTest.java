package io.github.jawait.tests.io;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.openConnection;
import static io.github.jawait.Asyncio.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.EventLoopGroup;
import io.github.jawait.io.Connection;
import io.github.jawait.io.GroupServer;
import io.github.jawait.io.StreamReader;
import io.github.jawait.io.StreamWriter;
import io.github.jawait.sync.Semaphore;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * A server on an EventLoopGroup: one loop accepts, each connection is handed round-robin to a
 * loop of the group, which owns the socket and runs the handler. Real loopback sockets; the
 * clients run on a loop of their own in the test's thread.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class GroupServerTest {

    /** Answers each line with the line and the thread (loop) that serves the connection. */
    @Async
    static Coroutine<Void> echo(StreamReader reader, StreamWriter writer) {
        // the loop running the handler is the one whose thread owns the socket
        String owner = Thread.currentThread().getName() + "/" + (EventLoop.current().isRunning() ? "running" : "?");
        String line;
        while ((line = await(reader.readLine())) != null && !line.isEmpty()) { // an empty line: goodbye
            writer.write(line + " served by " + owner + "\n");
            await(writer.drain());
        }
        return done();
    }

    @Async
    static Coroutine<String> ask(int port, int i, Semaphore connecting) {
        await(connecting.acquire()); // at most 50 connects in flight: stay inside the listen backlog
        try (Connection conn = await(openConnection("127.0.0.1", port))) {
            conn.writer().write("hello " + i + "\n");
            await(conn.writer().drain());
            return result(await(conn.reader().readLine()));
        } finally {
            connecting.release();
        }
    }

    @Async
    static Coroutine<List<String>> clients(int port, int count) {
        Semaphore connecting = new Semaphore(50);
        List<Coroutine<String>> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.add(ask(port, i, connecting));
        }
        return result(await(gather(all)));
    }

    @Async
    static Coroutine<String> connectRefused(int port) {
        try (Connection conn = await(openConnection("127.0.0.1", port))) {
            return result("connected");
        }
    }

    @Test
    void twoHundredConnectionsAreSpreadEvenlyOverTwoLoops() throws Exception {
        try (var group = new EventLoopGroup(2, "srv")) {
            GroupServer server = group.startServer(GroupServerTest::echo, "127.0.0.1", 0).get(10, TimeUnit.SECONDS);
            assertEquals(2, server.loopCount());
            List<String> replies = Asyncio.run(clients(server.port(), 200));
            assertEquals(200, replies.size());
            Map<String, Integer> perLoop = new TreeMap<>();
            for (int i = 0; i < 200; i++) {
                String r = replies.get(i);
                String prefix = "hello " + i + " served by ";
                assertEquals(prefix, r.substring(0, Math.min(r.length(), prefix.length())), r);
                perLoop.merge(r.substring(prefix.length()), 1, Integer::sum);
            }
            // round-robin in the order of accepts: exactly half each
            assertEquals(Map.of("srv-0/running", 100, "srv-1/running", 100), perLoop);

            server.close();
            server.waitClosed().get(10, TimeUnit.SECONDS); // every handler has ended
            Throwable refused = assertThrows(Throwable.class, () -> Asyncio.run(connectRefused(server.port())));
            assertInstanceOf(ConnectException.class, refused);
        }
    }

    @Async
    static Coroutine<String> holdOpen(int port, CompletableFuture<String> connected) {
        try (Connection conn = await(openConnection("127.0.0.1", port))) {
            conn.writer().write("first\n");
            await(conn.writer().drain());
            String first = await(conn.reader().readLine());
            connected.complete(first);
            conn.writer().write("\n"); // an empty line ends the handler
            await(conn.writer().drain());
            return result(first + ", then " + (await(conn.reader().readLine()) == null ? "closed by the server" : "more"));
        }
    }

    @Test
    void closingTheGroupEndsTheServerAndItsConnections() throws Exception {
        EventLoopGroup group = new EventLoopGroup(2, "gs");
        GroupServer server = group.startServer(GroupServerTest::echo, "127.0.0.1", 0).get(10, TimeUnit.SECONDS);
        CompletableFuture<String> connected = new CompletableFuture<>();
        String r = Asyncio.run(holdOpen(server.port(), connected));
        assertEquals("first served by gs-0/running, then closed by the server", r);
        group.close();
        server.waitClosed().get(10, TimeUnit.SECONDS);
        Throwable refused = assertThrows(Throwable.class, () -> Asyncio.run(connectRefused(server.port())));
        assertInstanceOf(ConnectException.class, refused);
    }

    @Test
    void aPortInUseFailsTheStart() throws Exception {
        try (var group = new EventLoopGroup(2, "busy")) {
            GroupServer first = group.startServer(GroupServerTest::echo, "127.0.0.1", 0).get(10, TimeUnit.SECONDS);
            CompletableFuture<GroupServer> second = group.startServer(GroupServerTest::echo, "127.0.0.1", first.port());
            Throwable t = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> second.get(10, TimeUnit.SECONDS)).getCause();
            assertEquals("cannot listen on port " + first.port() + ": Address already in use", t.getMessage());
        }
    }
}
