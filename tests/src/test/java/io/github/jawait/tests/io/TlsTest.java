package io.github.jawait.tests.io;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.openConnection;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.startServer;
import static io.github.jawait.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.AsyncTimeoutException;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.VirtualClock;
import io.github.jawait.io.Connection;
import io.github.jawait.io.Server;
import io.github.jawait.io.StreamOptions;
import io.github.jawait.io.StreamWriter;
import io.github.jawait.sync.Event;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TLS through {@code SSLEngine} on real loopback sockets, with a self-signed certificate made
 * for the test (CPython's test_ssl / test_sslproto cases for streams: echo, start_tls, a bad
 * certificate, a wrong host name, close_notify).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TlsTest {
    static final SelfSignedCertificate CERT = SelfSignedCertificate.localhost();
    static final StreamOptions SERVER = StreamOptions.defaults().ssl(CERT.serverContext());
    static final StreamOptions CLIENT = StreamOptions.defaults().ssl(CERT.clientContext());

    final List<String> events = new ArrayList<>();

    @Async
    Coroutine<List<String>> echo(String host) {
        List<String> out = new ArrayList<>();
        try (Server server = await(startServer((reader, writer) -> {
            ExtendedSSLSession session = (ExtendedSSLSession) writer.sslSession();
            events.add("server sees SNI " + session.getRequestedServerNames());
            await(EchoLines.handle(reader, writer));
            return done();
        }, "127.0.0.1", 0, SERVER))) {
            try (Connection c = await(openConnection(host, server.port(), CLIENT))) {
                out.add(c.writer().sslSession().getProtocol());
                out.add("cipher known: " + (c.writer().getExtraInfo("cipher") != null));
                out.add("peercert is ours: " + CERT.certificate().equals(c.writer().getExtraInfo("peercert")));
                for (String word : List.of("one", "two", "three")) {
                    c.writer().write(word + "\n");
                    await(c.writer().drain());
                    out.add(await(c.reader().readLine()));
                }
            }
        }
        return result(out);
    }

    @Test
    void echoOverTlsToAnIpAddressCheckedAgainstTheCertificatesIpName() {
        assertEquals(List.of("TLSv1.3", "cipher known: true", "peercert is ours: true", "echo: one", "echo: two",
                "echo: three"), Asyncio.run(echo("127.0.0.1")));
        assertEquals(List.of("server sees SNI []"), events, "no SNI for an IP address (RFC 6066)");
    }

    @Test
    void echoOverTlsToAHostNameSendsItAsSni() {
        assertEquals("echo: three", Asyncio.run(echo("localhost")).get(5));
        assertEquals(List.of("server sees SNI [type=host_name (0), value=localhost]"), events);
    }

    @Async
    Coroutine<String> handshakeFailure(StreamOptions client, String host) {
        int[] handlers = new int[1];
        try (Server server = await(startServer((reader, writer) -> {
            handlers[0]++;
            return done();
        }, "127.0.0.1", 0, SERVER))) {
            String outcome;
            try {
                await(openConnection(host, server.port(), client));
                outcome = "connected";
            } catch (Exception e) {
                outcome = e.getClass().getName() + ": " + e.getMessage();
            }
            while (server.activeConnections() > 0) {
                await(sleep(0.001)); // the server sees the client's alert, or its closed socket
            }
            return result(outcome + " | handlers run: " + handlers[0]);
        }
    }

    /** JDK 21+ starts the message with the TLS alert, "(certificate_unknown) "; JDK 17 does not. */
    static String withoutAlert(String outcome) {
        return outcome.replaceFirst(": \\([a-z_]+\\) ", ": ");
    }

    @Test
    void aCertificateTheClientDoesNotTrustFailsTheHandshakeWithTheJdksMessage() {
        String got = withoutAlert(Asyncio.run(handshakeFailure(
                StreamOptions.defaults().ssl(SelfSignedCertificate.jdkDefaultTrust()), "127.0.0.1")));
        assertTrue(got.startsWith(SSLHandshakeException.class.getName() + ": PKIX path building failed: "), got);
        assertTrue(got.endsWith("unable to find valid certification path to requested target | handlers run: 0"), got);
    }

    @Test
    void aHostNameTheCertificateDoesNotNameFailsTheHandshake() {
        assertEquals(SSLHandshakeException.class.getName()
                        + ": No subject alternative DNS name matching wrong.example found. | handlers run: 0",
                withoutAlert(Asyncio.run(handshakeFailure(CLIENT.serverHostname("wrong.example"), "127.0.0.1"))));
    }

    @Test
    void theHostNameCheckIsOnByDefaultAndCanBeTurnedOff() {
        assertEquals("connected | handlers run: 1",
                Asyncio.run(handshakeFailure(CLIENT.serverHostname("wrong.example").checkHostname(false), "127.0.0.1")));
    }

    @Async
    Coroutine<long[]> slowReader(int chunks) {
        Event reading = new Event();
        long[] seen = new long[2];
        try (Server server = await(startServer((reader, writer) -> StreamsTest.writeToASlowReader(reader, writer, chunks, seen, reading),
                "127.0.0.1", 0, SERVER))) {
            try (Connection c = await(openConnection("127.0.0.1", server.port(), CLIENT))) {
                await(reading.waitFor());
                long total = 0;
                int expectedMarker = 0;
                byte[] b;
                while ((b = await(c.reader().readExactly(16 * 1024))).length > 0) {
                    if (b[0] != (byte) expectedMarker++) {
                        throw new AssertionError("chunk " + (expectedMarker - 1) + " out of order");
                    }
                    total += b.length;
                    if (total == (long) chunks * 16 * 1024) {
                        break;
                    }
                }
                seen[1] = total;
                events.add("then eof: " + (await(c.reader().read()).length == 0));
            }
        }
        return result(seen);
    }

    @Test
    void aLargeTransferOverTlsToASlowReaderKeepsTheQueueNearTheHighWaterMark() {
        int chunks = 1024; // 16 MiB
        long[] seen = Asyncio.run(slowReader(chunks));
        assertEquals((long) chunks * 16 * 1024, seen[1]);
        // plaintext and ciphertext queued together: the high water mark plus the last write and record overhead
        assertTrue(seen[0] <= StreamWriter.DEFAULT_HIGH_WATER + 16 * 1024 + 1024, "queued at most " + seen[0]);
        assertTrue(seen[0] > 0, "the socket buffers filled up, so something was queued");
        assertEquals(List.of("then eof: true"), events);
    }

    @Async
    Coroutine<List<String>> startTls() {
        SSLContext serverCtx = CERT.serverContext();
        List<String> out = new ArrayList<>();
        try (Server server = await(startServer((reader, writer) -> {
            String command = await(reader.readLine());
            events.add("server got " + command + " in the clear");
            writer.write("OK\n");
            await(writer.drain());
            await(writer.startTls(serverCtx));
            events.add("server: " + writer.sslSession().getProtocol());
            await(EchoLines.handle(reader, writer));
            return done();
        }, "127.0.0.1", 0))) {
            try (Connection c = await(openConnection("127.0.0.1", server.port()))) {
                out.add("before: " + c.writer().sslSession());
                c.writer().write("STARTTLS\n");
                out.add(await(c.reader().readLine()));
                await(c.writer().startTls(CERT.clientContext())); // checked against "127.0.0.1", the host connected to
                out.add("after: " + c.writer().sslSession().getProtocol());
                c.writer().write("secret\n");
                out.add(await(c.reader().readLine()));
            }
        }
        return result(out);
    }

    @Test
    void startTlsUpgradesAPlainConnectionAfterAStarttlsExchange() {
        assertEquals(List.of("before: null", "OK", "after: TLSv1.3", "echo: secret"), Asyncio.run(startTls()));
        assertEquals(List.of("server got STARTTLS in the clear", "server: TLSv1.3"), events);
    }

    @Async
    Coroutine<List<String>> tls12() {
        List<String> out = new ArrayList<>();
        try (Server server = await(startServer(EchoLines::handle, "127.0.0.1", 0, SERVER))) {
            StreamOptions client12 = StreamOptions.defaults().ssl(CERT.clientContext("TLSv1.2"));
            try (Connection c = await(openConnection("localhost", server.port(), client12))) {
                out.add(c.writer().sslSession().getProtocol());
                c.writer().write("over 1.2\n");
                out.add(await(c.reader().readLine()));
                c.writer().writeEof(); // close_notify: under TLS 1.2 the server answers with its own and closes
                out.add(String.valueOf(await(c.reader().readLine())));
                await(c.writer().waitClosed());
                out.add("closed");
            }
        }
        return result(out);
    }

    @Test
    void tls12WorksAndItsCloseNotifyClosesBothDirections() {
        assertEquals(List.of("TLSv1.2", "echo: over 1.2", "null", "closed"), Asyncio.run(tls12()));
    }

    @Test
    void aWriteToALostTlsConnectionIsDroppedAndDrainReportsTheLoss() {
        assertEquals("null, lost after some writes: true, write: no error, drain: SocketException: Connection lost",
                Asyncio.run(StreamRobustnessTest.writeAfterTheConnectionWasLost(SERVER, CLIENT)));
    }

    @Test
    void halfCloseOverTlsSendsCloseNotifyAndTheOtherDirectionGoesOn() {
        assertEquals("you sent 5 bytes eof=true", Asyncio.run(StreamsTest.halfClose(SERVER, CLIENT)));
    }

    @Async
    Coroutine<List<String>> closeAfterWrite() {
        List<String> out = new ArrayList<>();
        StreamWriter[] serverSide = new StreamWriter[1];
        try (Server server = await(startServer((reader, writer) -> {
            serverSide[0] = writer;
            writer.write("last words\n");
            return done(); // the handler ends: the server closes the connection, after the queued data
        }, "127.0.0.1", 0, SERVER))) {
            try (Connection c = await(openConnection("127.0.0.1", server.port(), CLIENT))) {
                out.add(await(c.reader().readLine()));
                out.add(String.valueOf(await(c.reader().readLine()))); // the server's close_notify
                await(serverSide[0].waitClosed());
                out.add("server closed, client closing=" + c.writer().isClosing());
            }
        }
        return result(out);
    }

    @Test
    void closingATlsConnectionSendsTheQueuedDataThenCloseNotify() {
        assertEquals(List.of("last words", "null", "server closed, client closing=false"), Asyncio.run(closeAfterWrite()));
    }

    /** A TCP server that accepts and never answers, for handshakes that never finish. */
    static ServerSocketChannel silentServer() throws java.io.IOException {
        ServerSocketChannel s = ServerSocketChannel.open();
        s.bind(new InetSocketAddress("127.0.0.1", 0));
        return s;
    }

    @Async
    Coroutine<String> handshakeTimeout(ServerSocketChannel silent) throws java.io.IOException {
        int port = ((InetSocketAddress) silent.getLocalAddress()).getPort();
        double t0 = Asyncio.getRunningLoop().time();
        try {
            await(waitFor(openConnection("127.0.0.1", port, CLIENT), Duration.ofSeconds(10)));
            return result("connected");
        } catch (AsyncTimeoutException e) {
            events.add("timed out after " + Math.round(Asyncio.getRunningLoop().time() - t0) + " s");
        }
        // the abandoned connection was closed: the silent server reads the ClientHello, then the end
        SocketChannel accepted = silent.accept();
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        int total = 0;
        int n;
        while ((n = accepted.read(buf)) >= 0) { // blocking: the peer is closed already
            total += n;
            buf.clear();
        }
        accepted.close();
        return result("ClientHello bytes > 0: " + (total > 0));
    }

    @Test
    void aHandshakeCancelledByWaitForClosesTheConnection() throws Exception {
        try (ServerSocketChannel silent = silentServer(); EventLoop loop = new EventLoop(new VirtualClock())) {
            assertEquals("ClientHello bytes > 0: true", loop.runUntilComplete(handshakeTimeout(silent)));
        }
        assertEquals(List.of("timed out after 10 s"), events);
    }

    @Async
    Coroutine<String> startTlsTimeout(ServerSocketChannel silent) throws java.io.IOException {
        int port = ((InetSocketAddress) silent.getLocalAddress()).getPort();
        Connection c = await(openConnection("127.0.0.1", port));
        try {
            await(waitFor(c.writer().startTls(CERT.clientContext()), Duration.ofSeconds(3)));
            return result("upgraded");
        } catch (AsyncTimeoutException e) {
            events.add("timed out");
        }
        await(c.writer().waitClosed());
        return result("closed: " + !((SocketChannel) c.writer().getExtraInfo("socket")).isOpen());
    }

    @Test
    void aCancelledStartTlsClosesTheConnectionAsAsyncioDoes() throws Exception {
        try (ServerSocketChannel silent = silentServer(); EventLoop loop = new EventLoop(new VirtualClock())) {
            assertEquals("closed: true", loop.runUntilComplete(startTlsTimeout(silent)));
        }
        assertEquals(List.of("timed out"), events);
    }

    @Async
    Coroutine<Void> openBoth(Server[] server, Connection[] conn) {
        server[0] = await(startServer((r, w) -> {
            await(r.read());
            return done();
        }, "127.0.0.1", 0, SERVER));
        conn[0] = await(openConnection("127.0.0.1", server[0].port(), CLIENT));
        return done();
    }

    @Test
    void closingTheLoopClosesTlsConnections() {
        Server[] server = new Server[1];
        Connection[] conn = new Connection[1];
        try (EventLoop loop = new EventLoop()) {
            loop.runUntilComplete(openBoth(server, conn));
        }
        assertTrue(server[0].sockets().isEmpty() || !server[0].sockets().get(0).isOpen());
        assertTrue(!((SocketChannel) conn[0].writer().getExtraInfo("socket")).isOpen());
    }
}
