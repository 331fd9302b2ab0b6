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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.AsyncTimeoutException;
import io.github.jawait.Asyncio;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.Task;
import io.github.jawait.VirtualClock;
import io.github.jawait.io.Connection;
import io.github.jawait.io.Server;
import io.github.jawait.io.StreamOptions;
import io.github.jawait.io.StreamReader;
import io.github.jawait.io.StreamWriter;
import io.github.jawait.sync.Event;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Misbehaving peers and servers under stress, on real loopback sockets: silent peers, aborted
 * and flushed clients, a cancelled {@code serveForever}, a writer whose reader never reads,
 * hundreds of concurrent clients, writes after close, and the connection's addresses.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StreamRobustnessTest {
    final List<String> events = new ArrayList<>();

    /** Starts closing without waiting (an explicit close() in @Async code would await; see StreamsTest). */
    static void closeNow(StreamWriter writer) {
        writer.close();
    }

    @Async
    static Coroutine<Void> until(java.util.function.BooleanSupplier condition) {
        while (!condition.getAsBoolean()) {
            await(sleep(0.001));
        }
        return done();
    }

    // ---- a peer that connects and never sends ----

    @Async
    Coroutine<String> silentPeer() throws java.io.IOException {
        try (Server server = await(startServer(EchoLines::handle, "127.0.0.1", 0))) {
            SocketChannel silent = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.port()));
            await(until(() -> server.activeConnections() == 1)); // its handler waits in readLine
            String reply;
            try (Connection c = await(openConnection("127.0.0.1", server.port()))) {
                c.writer().write("ping\n");
                reply = await(c.reader().readLine());
            }
            events.add("while silent: " + server.activeConnections() + " active");
            silent.close();
            await(until(() -> server.activeConnections() == 0));
            return result(reply);
        }
    }

    @Test
    void aPeerThatConnectsAndNeverSendsDoesNotStopTheServerServingOthers() throws Exception {
        assertEquals("echo: ping", Asyncio.run(silentPeer()));
        // the silent peer's connection, plus the other one until its handler saw the end
        assertTrue(events.get(0).equals("while silent: 1 active") || events.get(0).equals("while silent: 2 active"),
                events.toString());
    }

    // ---- abortClients and closeClients ----

    static final int BIG = 4 << 20;

    /** Writes {@link #BIG} bytes without draining, notes what stayed queued, then waits for the end of its input. */
    @Async
    Coroutine<Void> floodThenWait(StreamReader reader, StreamWriter writer, long[] queuedAtStop, Event written) {
        byte[] chunk = new byte[64 * 1024];
        for (int sent = 0; sent < BIG; sent += chunk.length) {
            writer.write(chunk);
        }
        queuedAtStop[0] = writer.writeBufferSize();
        written.set();
        byte[] rest = await(reader.read());
        events.add("handler: input ended with " + rest.length + " bytes, closing=" + writer.isClosing());
        return done();
    }

    @Async
    static Coroutine<Long> readAll(StreamReader reader) {
        long total = 0;
        try {
            byte[] b;
            while ((b = await(reader.read(1 << 16))).length > 0) {
                total += b.length;
            }
        } catch (Exception reset) {
            return result(-total - 1);
        }
        return result(total);
    }

    @Async
    Coroutine<long[]> stopClients(boolean abort) {
        long[] queued = new long[1];
        Event written = new Event();
        try (Server server = await(startServer((r, w) -> floodThenWait(r, w, queued, written), "127.0.0.1", 0))) {
            try (Connection c = await(openConnection("127.0.0.1", server.port()))) {
                await(written.waitFor());
                if (abort) {
                    server.abortClients();
                    events.add("after abortClients: " + server.activeConnections() + " active");
                } else {
                    server.closeClients();
                }
                long received = await(readAll(c.reader()));
                await(until(() -> server.activeConnections() == 0));
                return result(new long[] {queued[0], received});
            }
        }
    }

    @Test
    void abortClientsClosesAtOnceDroppingWhatIsQueued() {
        long[] r = Asyncio.run(stopClients(true));
        long queuedAtAbort = r[0];
        assertTrue(queuedAtAbort > 0, "the socket could not take 4 MiB at once, so some was queued");
        // the client gets exactly what the kernel had taken, then a clean end of stream
        assertEquals(BIG - queuedAtAbort, r[1]);
        // abort is synchronous; the handler sees the end of its input on its next turn
        assertEquals(List.of("after abortClients: 1 active", "handler: input ended with 0 bytes, closing=true"), events);
    }

    @Test
    void closeClientsFlushesWhatIsQueuedThenCloses() {
        long[] r = Asyncio.run(stopClients(false));
        assertTrue(r[0] > 0, "some was queued when closeClients was called");
        assertEquals(BIG, r[1]);
        assertEquals(List.of("handler: input ended with 0 bytes, closing=true"), events);
    }

    // ---- serveForever ----

    @Async
    static Coroutine<Void> serve(Server server) {
        await(server.serveForever());
        return done();
    }

    @Async
    Coroutine<String> cancelServeForever() {
        Server server = await(startServer(EchoLines::handle, "127.0.0.1", 0));
        int port = server.port();
        Task<Void> serving = createTask(serve(server));
        await(sleep(0));
        events.add("serving=" + server.isServing());
        serving.cancel();
        try {
            await(serving);
            events.add("serveForever returned");
        } catch (CancelledError expected) {
            events.add("cancelled=" + serving.cancelled());
        }
        events.add("serving=" + server.isServing());
        try {
            await(openConnection("127.0.0.1", port));
            return result("connected after close");
        } catch (Exception e) {
            return result(e instanceof ConnectException ? "refused" : e.toString());
        }
    }

    @Test
    void cancellingServeForeverClosesTheServer() {
        assertEquals("refused", Asyncio.run(cancelServeForever()));
        assertEquals(List.of("serving=true", "cancelled=true", "serving=false"), events);
    }

    // ---- drain to a reader that never reads ----

    @Async
    Coroutine<long[]> drainToAStalledReader() {
        int chunk = 16 * 1024;
        long[] seen = new long[4]; // most queued, bytes written, bytes received, drains timed out
        Event stalled = new Event();
        try (Server server = await(startServer((reader, writer) -> {
            byte[] data = new byte[chunk];
            while (true) {
                writer.write(data);
                seen[1] += chunk;
                seen[0] = Math.max(seen[0], writer.writeBufferSize());
                try {
                    await(waitFor(writer.drain(), Duration.ofSeconds(2)));
                } catch (AsyncTimeoutException e) {
                    seen[3]++;
                    break;
                }
            }
            events.add("timed out after " + Math.round(Asyncio.getRunningLoop().time()) + " s, queued "
                    + (writer.writeBufferSize() > 0 ? "some" : "none"));
            stalled.set();
            await(writer.drain()); // the stream is still usable: this waits until the client reads
            writer.writeEof();
            await(reader.read());
            return done();
        }, "127.0.0.1", 0))) {
            try (Connection c = await(openConnection("127.0.0.1", server.port()))) {
                await(stalled.waitFor()); // the client reads nothing until the server's drain timed out
                seen[2] = await(readAll(c.reader()));
            }
        }
        return result(seen);
    }

    @Test
    void drainUnderWaitForToAReaderThatNeverReadsTimesOutWithBoundedMemoryAndTheStreamStaysUsable() {
        long[] seen;
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            seen = loop.runUntilComplete(drainToAStalledReader());
        }
        assertEquals(List.of("timed out after 2 s, queued some"), events);
        assertEquals(1, seen[3]);
        assertTrue(seen[0] <= StreamWriter.DEFAULT_HIGH_WATER + 16 * 1024,
                "write buffer at most the high water mark plus one write, was " + seen[0]);
        assertEquals(seen[1], seen[2], "every byte written arrived once the client read");
    }

    // ---- many concurrent clients ----

    @Async
    static Coroutine<Integer> roundTrips(int port, int client, int times) {
        int ok = 0;
        try (Connection c = await(openConnection("127.0.0.1", port))) {
            for (int i = 0; i < times; i++) {
                String question = client + "/" + i;
                c.writer().write(question + "\n");
                await(c.writer().drain());
                if (("echo: " + question).equals(await(c.reader().readLine()))) {
                    ok++;
                }
            }
        }
        return result(ok);
    }

    @Async
    static Coroutine<int[]> manyClients(int clients, int times) {
        try (Server server = await(startServer(EchoLines::handle, "127.0.0.1", 0,
                StreamOptions.defaults().backlog(clients)))) {
            List<Coroutine<Integer>> all = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                all.add(roundTrips(server.port(), i, times));
            }
            List<Integer> ok = await(gather(all));
            await(until(() -> server.activeConnections() == 0));
            return result(new int[] {ok.stream().mapToInt(Integer::intValue).sum(), (int) ok.stream().filter(n -> n == times).count()});
        }
    }

    @Test
    void fiveHundredConcurrentClientsEachMakeTenRoundTrips() {
        int before = StreamsTest.openFds();
        int[] r = Asyncio.run(manyClients(500, 10));
        assertEquals(5000, r[0]);
        assertEquals(500, r[1]);
        assertTrue(StreamsTest.openFds() <= before + 2, "file descriptors before " + before + ", after " + StreamsTest.openFds());
    }

    // ---- writing after close ----

    @Async
    Coroutine<List<String>> writeAfterClose() {
        List<String> out = new ArrayList<>();
        try (Server server = await(startServer(EchoLines::handle, "127.0.0.1", 0))) {
            Connection a = await(openConnection("127.0.0.1", server.port()));
            closeNow(a.writer());
            out.add(failure(() -> a.writer().write("late\n")));
            await(a.writer().waitClosed());
            out.add(failure(() -> a.writer().write("later\n")));

            Connection b = await(openConnection("127.0.0.1", server.port()));
            b.writer().writeEof();
            out.add(failure(() -> b.writer().write("after eof\n")));
            await(b.closeAsync());
        }
        return result(out);
    }

    static String failure(Runnable r) {
        try {
            r.run();
            return "no error";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    @Test
    void writingAfterCloseOrWriteEofRaisesAClearError() {
        assertEquals(List.of(
                "IllegalStateException: the stream is closing: write after close()",
                "IllegalStateException: the stream is closing: write after close()",
                "IllegalStateException: write after writeEof()"), Asyncio.run(writeAfterClose()));
    }

    @Async
    Coroutine<String> writeToAClosedPeer() {
        try (Server server = await(startServer((reader, writer) -> done(), "127.0.0.1", 0))) { // closes at once
            try (Connection c = await(openConnection("127.0.0.1", server.port()))) {
                String eof = String.valueOf(await(c.reader().readLine()));
                // the peer is gone: its socket answers with a reset; writes are dropped silently,
                // as in asyncio, and drain reports the loss
                byte[] chunk = new byte[64 * 1024];
                for (int i = 0; i < 1024; i++) {
                    String written = failure(() -> c.writer().write(chunk));
                    if (!written.equals("no error")) {
                        return result("write " + i + ": " + written);
                    }
                    try {
                        await(c.writer().drain());
                    } catch (Exception e) {
                        return result(eof + ", drain: " + e.getClass().getSimpleName() + ": " + e.getMessage()
                                + " (cause: " + e.getCause() + "), closing=" + c.writer().isClosing());
                    }
                }
                return result("64 MiB written to a closed peer without an error");
            }
        }
    }

    @Test
    void writingToAPeerThatClosedFailsAtDrainWithConnectionLost() {
        String r = Asyncio.run(writeToAClosedPeer());
        // the JDK reports the failed send as "Broken pipe" (an IOException) or as a reset
        assertTrue(r.matches("null, drain: SocketException: Connection lost \\(cause: java\\.(io\\.IOException: Broken pipe"
                + "|net\\.SocketException: Connection reset( by peer)?)\\), closing=true"), r);
    }

    /**
     * Writes until the loss of the connection is noticed (the peer closed at once, so its
     * socket answers with a reset), then writes once more: a write to a lost connection is
     * dropped, as in asyncio, and {@code drain()} reports the loss; only the application's own
     * {@code close()} or {@code writeEof()} makes a write an error. The same over TLS
     * ({@code TlsTest}).
     */
    @Async
    static Coroutine<String> writeAfterTheConnectionWasLost(StreamOptions serverOptions, StreamOptions clientOptions) {
        try (Server server = await(startServer((reader, writer) -> done(), "127.0.0.1", 0, serverOptions))) {
            try (Connection c = await(openConnection("127.0.0.1", server.port(), clientOptions))) {
                String eof = String.valueOf(await(c.reader().readLine()));
                byte[] chunk = new byte[64 * 1024];
                int writes = 0;
                while (!c.writer().isClosing() && writes < 1024) {
                    c.writer().write(chunk);
                    writes++;
                    try {
                        await(c.writer().drain());
                    } catch (Exception lost) {
                        break;
                    }
                }
                String later = failure(() -> c.writer().write("after the loss\n"));
                String drain;
                try {
                    await(c.writer().drain());
                    drain = "no error";
                } catch (Exception e) {
                    drain = e.getClass().getSimpleName() + ": " + e.getMessage();
                }
                return result(eof + ", lost after some writes: " + (writes < 1024) + ", write: " + later
                        + ", drain: " + drain);
            }
        }
    }

    @Test
    void aWriteToALostConnectionIsDroppedAndDrainReportsTheLoss() {
        assertEquals("null, lost after some writes: true, write: no error, drain: SocketException: Connection lost",
                Asyncio.run(writeAfterTheConnectionWasLost(StreamOptions.defaults(), StreamOptions.defaults())));
    }

    // ---- getExtraInfo ----

    @Async
    Coroutine<List<Object>> extraInfo() {
        List<Object> out = new ArrayList<>();
        try (Server server = await(startServer((reader, writer) -> {
            out.add(writer.getExtraInfo("peername"));
            out.add(writer.getExtraInfo("sockname"));
            await(reader.read());
            return done();
        }, "127.0.0.1", 0))) {
            Connection c = await(openConnection("127.0.0.1", server.port()));
            await(until(() -> out.size() == 2));
            StreamWriter w = c.writer();
            out.add(w.getExtraInfo("peername"));
            out.add(w.getExtraInfo("sockname"));
            out.add(w.getExtraInfo("socket"));
            out.add(w.getExtraInfo("no such thing"));
            await(c.closeAsync());
            out.add(w.getExtraInfo("peername")); // kept after close, as in asyncio
            out.add(server.port());
        }
        return result(out);
    }

    @Test
    void getExtraInfoGivesBothEndsAddressesAndKeepsThemAfterClose() {
        List<Object> info = Asyncio.run(extraInfo());
        InetSocketAddress serverSeesPeer = (InetSocketAddress) info.get(0);
        InetSocketAddress serverSelf = (InetSocketAddress) info.get(1);
        InetSocketAddress clientSeesPeer = (InetSocketAddress) info.get(2);
        InetSocketAddress clientSelf = (InetSocketAddress) info.get(3);
        assertEquals(new InetSocketAddress("127.0.0.1", (Integer) info.get(7)), clientSeesPeer);
        assertEquals(clientSeesPeer, serverSelf);
        assertEquals(clientSelf, serverSeesPeer);
        assertInstanceOf(SocketChannel.class, info.get(4));
        assertNull(info.get(5));
        assertEquals(clientSeesPeer, info.get(6));
    }
}
