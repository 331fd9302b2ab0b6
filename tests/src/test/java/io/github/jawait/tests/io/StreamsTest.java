package io.github.jawait.tests.io;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.openConnection;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.startServer;
import static io.github.jawait.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.AsyncTimeoutException;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.Task;
import io.github.jawait.VirtualClock;
import io.github.jawait.io.Connection;
import io.github.jawait.io.IncompleteReadError;
import io.github.jawait.io.LimitOverrunError;
import io.github.jawait.io.Server;
import io.github.jawait.io.StreamOptions;
import io.github.jawait.io.StreamReader;
import io.github.jawait.io.StreamWriter;
import io.github.jawait.sync.Event;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** asyncio's streams on real loopback sockets (CPython's test_streams, test_server). */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StreamsTest {
    final List<String> events = new ArrayList<>();

    @Async
    Coroutine<List<String>> echoTwoClients() {
        try (Server server = await(startServer(EchoLines::handle, "127.0.0.1", 0))) {
            List<String> replies = await(gather(ask(server.port(), "one"), ask(server.port(), "two")));
            events.add("active " + server.activeConnections());
            return result(replies);
        }
    }

    @Async
    static Coroutine<String> ask(int port, String what) {
        try (Connection conn = await(openConnection("127.0.0.1", port))) {
            conn.writer().write(what + "\n");
            await(conn.writer().drain());
            return result(await(conn.reader().readLine()));
        }
    }

    @Test
    void anEchoServerAnswersEachClientOnItsOwnConnection() {
        assertEquals(List.of("echo: one", "echo: two"), Asyncio.run(echoTwoClients()));
    }

    @Async
    Coroutine<String> readExactlyAtEof() {
        try (Server server = await(startServer((reader, writer) -> {
            writer.write("abc");
            writer.writeEof();
            await(reader.read());
            return done();
        }, "127.0.0.1", 0))) {
            try (Connection c = await(openConnection("127.0.0.1", server.port()))) {
                try {
                    await(c.reader().readExactly(10));
                    return result("no error");
                } catch (IncompleteReadError e) {
                    return result(new String(e.partial(), StandardCharsets.US_ASCII) + " " + e.expected()
                            + " " + e.getMessage() + " atEof=" + c.reader().atEof());
                }
            }
        }
    }

    @Test
    void readExactlyAtTheEndOfTheStreamRaisesIncompleteReadErrorWithThePartialBytes() {
        assertEquals("abc 10 3 bytes read on a total of 10 expected bytes atEof=true", Asyncio.run(readExactlyAtEof()));
    }

    @Async
    Coroutine<List<String>> readVariety() {
        List<String> out = new ArrayList<>();
        try (Server server = await(startServer((reader, writer) -> {
            writer.write("HEAD1234line one\r\nline two\nrest:");
            writer.write(new byte[] {(byte) 0xE2, (byte) 0x82}); // a 3-byte UTF-8 character split across two sends
            await(writer.drain());
            await(sleep(0.01));
            writer.write(new byte[] {(byte) 0xAC, '|', 'l', 'a', 's', 't'});
            writer.writeEof();
            await(reader.read());
            return done();
        }, "127.0.0.1", 0))) {
            try (Connection c = await(openConnection("127.0.0.1", server.port()))) {
                StreamReader r = c.reader();
                out.add(new String(await(r.readExactly(4)), StandardCharsets.US_ASCII));
                out.add(new String(await(r.read(4)), StandardCharsets.US_ASCII));
                out.add(await(r.readLine()));
                out.add(await(r.readLine()));
                out.add(new String(await(r.readUntil("|".getBytes())), StandardCharsets.UTF_8));
                out.add(await(r.readLine()));
                out.add(String.valueOf(await(r.readLine())));
                out.add("atEof=" + r.atEof());
            }
        }
        return result(out);
    }

    @Test
    void readExactlyReadLineReadUntilAcrossPartialArrivals() {
        assertEquals(List.of("HEAD", "1234", "line one", "line two", "rest:€|", "last", "null", "atEof=true"),
                Asyncio.run(readVariety()));
    }

    @Async
    Coroutine<String> endlessLine() {
        StreamOptions small = StreamOptions.defaults().limit(1024);
        try (Server server = await(startServer((reader, writer) -> {
            try {
                String line = await(reader.readLine());
                writer.write("got " + line + "\n");
            } catch (LimitOverrunError e) {
                writer.write("refused: " + e.getMessage() + "\n");
            }
            await(writer.drain());
            return done();
        }, "127.0.0.1", 0, small))) {
            Connection flood = await(openConnection("127.0.0.1", server.port()));
            byte[] chunk = new byte[4096];
            java.util.Arrays.fill(chunk, (byte) 'x');
            flood.writer().write(chunk); // no newline, ever
            await(flood.writer().drain());
            String other = await(ask(server.port(), "polite"));
            String reply = await(flood.reader().readLine());
            await(flood.closeAsync());
            return result(other + " | " + reply);
        }
    }

    @Test
    void anEndlessLineIsRefusedWithLimitOverrunErrorAndTheServerKeepsServingOthers() {
        assertEquals("got polite | refused: Separator is not found, and chunk exceed the limit", Asyncio.run(endlessLine()));
    }

    /**
     * A server's side of a transfer to a slow reader: {@code chunks} chunks of 16 KiB, each
     * numbered in its first byte, with a drain after each write; the largest write buffer goes
     * to {@code seen[0]}. The same over TLS ({@code TlsTest}).
     */
    @Async
    static Coroutine<Void> writeToASlowReader(StreamReader reader, StreamWriter writer, int chunks, long[] seen,
            Event reading) {
        byte[] chunk = new byte[16 * 1024];
        for (int i = 0; i < chunks; i++) {
            chunk[0] = (byte) i;
            writer.write(chunk);
            seen[0] = Math.max(seen[0], writer.writeBufferSize());
            await(writer.drain());
            if (i == 64) {
                reading.set(); // the client starts reading only after the server had to wait
            }
        }
        writer.writeEof();
        await(reader.read());
        return done();
    }

    @Async
    Coroutine<long[]> slowReader() {
        Event reading = new Event();
        long[] seen = new long[3];
        try (Server server = await(startServer((reader, writer) -> writeToASlowReader(reader, writer, 4096, seen, reading), // 64 MiB
                "127.0.0.1", 0))) {
            try (Connection c = await(openConnection("127.0.0.1", server.port()))) {
                await(reading.waitFor());
                long total = 0;
                byte[] b;
                while ((b = await(c.reader().read(1 << 16))).length > 0) {
                    total += b.length;
                }
                seen[1] = total;
            }
        }
        return result(seen);
    }

    @Test
    void drainSuspendsAWriterToASlowReaderAndKeepsItsQueueNearTheHighWaterMark() {
        long[] seen = Asyncio.run(slowReader());
        assertEquals(64L << 20, seen[1]);
        // drain lets the queue grow to the high water mark (64 KiB) plus the last write
        assertTrue(seen[0] <= StreamWriter.DEFAULT_HIGH_WATER + 16 * 1024, "queued at most " + seen[0]);
        assertTrue(seen[0] > 0, "the socket buffers filled up, so something was queued");
    }

    /** Each side half-closes in turn; the same over TLS ({@code TlsTest}), where writeEof sends close_notify. */
    @Async
    static Coroutine<String> halfClose(StreamOptions serverOptions, StreamOptions clientOptions) {
        try (Server server = await(startServer((reader, writer) -> {
            byte[] all = await(reader.read()); // until the client's writeEof
            writer.write("you sent " + all.length + " bytes");
            writer.writeEof();
            return done();
        }, "127.0.0.1", 0, serverOptions))) {
            try (Connection c = await(openConnection("127.0.0.1", server.port(), clientOptions))) {
                c.writer().write("12345");
                c.writer().writeEof();
                byte[] reply = await(c.reader().read());
                return result(new String(reply, StandardCharsets.US_ASCII) + " eof=" + c.reader().atEof());
            }
        }
    }

    @Test
    void halfCloseInBothDirections() {
        assertEquals("you sent 5 bytes eof=true", Asyncio.run(halfClose(StreamOptions.defaults(), StreamOptions.defaults())));
    }

    @Async
    Coroutine<Void> closedPort() {
        int port;
        Server s = await(startServer((r, w) -> done(), "127.0.0.1", 0));
        port = s.port();
        await(s.closeAsync());
        await(openConnection("127.0.0.1", port));
        return done();
    }

    @Test
    void connectingToAClosedPortThrowsConnectException() {
        ConnectException e = assertThrows(ConnectException.class, () -> Asyncio.run(closedPort()));
        assertEquals("Connection refused", e.getMessage());
    }

    @Async
    Coroutine<String> serverClosedWithClients() {
        Event release = new Event();
        Server server = await(startServer((reader, writer) -> {
            events.add("handler started");
            await(release.waitFor());
            writer.write("bye\n");
            await(writer.drain());
            events.add("handler ended");
            return done();
        }, "127.0.0.1", 0));
        int port = server.port();
        Connection c = await(openConnection("127.0.0.1", port));
        while (server.activeConnections() == 0) {
            await(sleep(0.001));
        }
        server.close(); // an explicit close() runs as written: it stops listening and returns
        events.add("closed, serving=" + server.isServing());
        try {
            await(openConnection("127.0.0.1", port));
            events.add("connected after close");
        } catch (Exception e) { // await declares no checked exception: catch and test the type
            events.add(e instanceof ConnectException ? "refused after close" : "unexpected " + e);
        }
        Task<Void> closing = createTask(waitClosedAndNote(server));
        await(sleep(0.01));
        events.add("waitClosed done=" + closing.done());
        release.set();
        String bye = await(c.reader().readLine());
        await(closing);
        String after = await(c.reader().readLine());
        return result(bye + "," + after);
    }

    @Async
    Coroutine<Void> waitClosedAndNote(Server server) {
        await(server.waitClosed());
        events.add("waitClosed returned");
        return done();
    }

    @Test
    void closingAServerStopsListeningAndWaitClosedWaitsForItsHandlers() {
        assertEquals("bye,null", Asyncio.run(serverClosedWithClients()));
        assertEquals(List.of("handler started", "closed, serving=false", "refused after close",
                "waitClosed done=false", "handler ended", "waitClosed returned"), events);
    }

    @Async
    Coroutine<String> cancelledRead() {
        try (Server server = await(startServer((reader, writer) -> {
            String line = await(reader.readLine());
            writer.write("first: " + line + "\n");
            await(writer.drain());
            return done();
        }, "127.0.0.1", 0))) {
            try (Connection c = await(openConnection("127.0.0.1", server.port()))) {
                double t0 = Asyncio.getRunningLoop().time();
                try {
                    await(waitFor(c.reader().readLine(), Duration.ofSeconds(5)));
                    return result("read something");
                } catch (AsyncTimeoutException e) {
                    events.add("timed out after " + Math.round(Asyncio.getRunningLoop().time() - t0) + " s");
                }
                c.writer().write("hello\n");
                return result(await(c.reader().readLine()));
            }
        }
    }

    @Test
    void aReadCancelledByATimeoutLeavesTheStreamUsable() {
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            assertEquals("first: hello", loop.runUntilComplete(cancelledRead()));
        }
        assertEquals(List.of("timed out after 5 s"), events);
    }

    @Async
    Coroutine<String> resetByPeer() throws java.io.IOException {
        Event gotReset = new Event();
        String[] seen = new String[1];
        try (Server server = await(startServer((reader, writer) -> {
            try {
                await(reader.read());
                seen[0] = "clean eof";
            } catch (Exception e) {
                seen[0] = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            gotReset.set();
            return done();
        }, "127.0.0.1", 0))) {
            SocketChannel raw = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.port()));
            raw.setOption(StandardSocketOptions.SO_LINGER, 0);
            raw.write(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}));
            raw.close(); // RST instead of FIN
            await(gotReset.waitFor());
        }
        return result(seen[0]);
    }

    @Test
    void aResetArrivesAsTheJdksSocketExceptionAtTheAwait() throws Exception {
        assertEquals("SocketException: Connection reset", Asyncio.run(resetByPeer()));
    }

    @Async
    Coroutine<List<String>> linesGenerator() {
        List<String> out = new ArrayList<>();
        try (Server server = await(startServer((reader, writer) -> {
            writer.write("a\nb\n\nc");
            writer.writeEof();
            await(reader.read());
            return done();
        }, "127.0.0.1", 0))) {
            try (Connection c = await(openConnection("127.0.0.1", server.port()))) {
                var lines = c.reader().lines();
                while (await(lines.hasNext())) {
                    out.add(lines.next());
                }
            }
        }
        return result(out);
    }

    @Test
    void linesIsAnAsyncGeneratorOverTheStream() {
        assertEquals(List.of("a", "b", "", "c"), Asyncio.run(linesGenerator()));
    }

    static int openFds() {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return (int) s.count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Async
    Coroutine<int[]> manyResets(int total, int batch) throws Exception {
        int[] handled = new int[1];
        Server server = await(startServer((reader, writer) -> {
            try {
                await(reader.read());
            } catch (Exception expected) {
                assertTrue(expected instanceof SocketException, expected.toString()); // the reset
            }
            handled[0]++;
            return done();
        }, "127.0.0.1", 0, StreamOptions.defaults().backlog(2 * batch))); // the raw connects below block until accepted
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
        for (int done = 0; done < total; done += batch) {
            List<SocketChannel> raws = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                SocketChannel raw = SocketChannel.open(address);
                raw.setOption(StandardSocketOptions.SO_LINGER, 0);
                raws.add(raw);
            }
            while (server.activeConnections() < batch) {
                await(sleep(0.001));
            }
            for (SocketChannel raw : raws) {
                raw.close();
            }
            while (server.activeConnections() > 0) {
                await(sleep(0.001));
            }
        }
        await(server.closeAsync());
        return result(new int[] {handled[0], server.activeConnections()});
    }

    @Test
    void tenThousandAbruptResetsLeaveNoTaskBufferOrFileDescriptorBehind() throws Exception {
        try (EventLoop warmUp = new EventLoop()) {
            warmUp.runUntilComplete(manyResets(10, 10)); // the JDK opens some files once, lazily
        }
        int before = openFds();
        int[] r;
        int liveTasks;
        try (EventLoop loop = new EventLoop()) {
            r = loop.runUntilComplete(manyResets(10_000, 500));
            liveTasks = loop.allTasks().size();
        }
        assertEquals(10_000, r[0]);
        assertEquals(0, r[1]);
        assertEquals(0, liveTasks);
        int after = openFds();
        // at most as many: a leak adds descriptors; fewer means another test's leftovers (an
        // unreachable HttpClient's selector) were closed by the GC meanwhile
        assertTrue(after <= before, "file descriptors before " + before + " and after " + after);
    }

    @Test
    void closingTheLoopClosesItsServersAndConnections() throws Exception {
        Server[] server = new Server[1];
        Connection[] conn = new Connection[1];
        try (EventLoop loop = new EventLoop()) {
            loop.runUntilComplete(openBoth(server, conn));
        }
        assertTrue(server[0].sockets().isEmpty() || !server[0].sockets().get(0).isOpen());
        SocketChannel ch = (SocketChannel) conn[0].writer().getExtraInfo("socket");
        assertFalse(ch.isOpen());
    }

    @Async
    Coroutine<Void> openBoth(Server[] server, Connection[] conn) {
        server[0] = await(startServer((r, w) -> {
            await(r.read());
            return done();
        }, "127.0.0.1", 0));
        conn[0] = await(openConnection("127.0.0.1", server[0].port()));
        return done();
    }

    @Test
    void feedingAReaderByHandSplitsAMultiByteCharacterAcrossFeeds() {
        StreamReader r = new StreamReader();
        String got = TestLoopRun.run(readOneLine(r));
        assertEquals("héllo", got);
    }

    @Async
    static Coroutine<String> readOneLine(StreamReader r) {
        Task<String> line = createTask(r.readLine());
        await(sleep(0));
        r.feedData(new byte[] {'h', (byte) 0xC3});
        await(sleep(0));
        assertFalse(line.done());
        r.feedData(new byte[] {(byte) 0xA9, 'l', 'l', 'o', '\n'});
        return result(await(line));
    }

    @Test
    void aSecondConcurrentReadIsRefusedLikeAsyncio() {
        StreamReader r = new StreamReader();
        assertEquals("readLine() called while another coroutine is already waiting for incoming data (read(10))",
                TestLoopRun.run(twoReads(r)));
    }

    @Async
    static Coroutine<String> twoReads(StreamReader r) {
        Task<byte[]> first = createTask(r.read(10));
        await(sleep(0));
        try {
            await(r.readLine());
            return result("accepted");
        } catch (IllegalStateException e) {
            first.cancel();
            return result(e.getMessage());
        }
    }

    @Test
    void aReadCancelledWhileWaitingSaysSoWhenAwaitedAgainAndTakesNothing() {
        StreamReader r = new StreamReader();
        assertEquals(List.of("<StreamReader.readLine() waiting>", "<StreamReader.readLine() cancelled>",
                "IllegalStateException: <StreamReader.readLine() cancelled>: its task was cancelled while it waited;"
                        + " a coroutine runs once, call the operation again",
                "hello"), TestLoopRun.run(cancelledRead(r)));
    }

    @Async
    static Coroutine<List<String>> cancelledRead(StreamReader r) {
        List<String> out = new ArrayList<>();
        Coroutine<String> line = r.readLine();
        Task<String> waiting = createTask(line);
        await(sleep(0));
        out.add(line.toString());
        waiting.cancel();
        await(sleep(0));
        out.add(line.toString());
        try {
            await(line);
            out.add("awaited twice");
        } catch (IllegalStateException e) {
            out.add("IllegalStateException: " + e.getMessage());
        }
        r.feedData("hello\n".getBytes(StandardCharsets.US_ASCII));
        out.add(await(r.readLine())); // the reader is free again and kept every byte
        return result(out);
    }

    @Test
    void readUntilLeavesTheDataBufferedOnLimitOverrun() {
        StreamReader r = new StreamReader(8);
        r.feedData("0123456789abcdef".getBytes());
        LimitOverrunError e = assertThrows(LimitOverrunError.class, () -> TestLoopRun.run(r.readUntil(new byte[] {'!'})));
        assertEquals("Separator is not found, and chunk exceed the limit", e.getMessage());
        assertEquals(16, r.buffered());
        r.feedData("!".getBytes());
        LimitOverrunError e2 = assertThrows(LimitOverrunError.class, () -> TestLoopRun.run(r.readUntil(new byte[] {'!'})));
        assertEquals("Separator is found, but chunk is longer than limit", e2.getMessage());
        assertEquals(16, e2.consumed());
        r.feedEof();
        assertNull(null);
        assertArrayEquals("0123456789abcdef!".getBytes(), TestLoopRun.run(r.read()));
    }

    /** A virtual-clock loop for the reader-only tests. */
    static final class TestLoopRun {
        static <T> T run(Coroutine<T> c) {
            return io.github.jawait.tests.TestLoop.run(c);
        }
    }
}
