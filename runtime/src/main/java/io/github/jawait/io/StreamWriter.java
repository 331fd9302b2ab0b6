package io.github.jawait.io;

import io.github.jawait.AsyncCloseable;
import io.github.jawait.Awaitable;
import io.github.jawait.Coroutine;
import io.github.jawait.core.CompletedCoroutine;
import io.github.jawait.core.Then;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * The writing half of a connection: asyncio's {@code StreamWriter}. {@link #write} never
 * blocks and never suspends: what the socket does not take at once is queued.
 * {@link #drain()} is the backpressure: it suspends while more than the high water mark is
 * queued and resumes once the queue is down to the low water mark, so a writer to a slow
 * reader holds at most about the high water mark in memory.
 *
 * <pre>{@code
 * writer.write("hello\n");
 * await(writer.drain());          // waits only if the peer is slow
 * writer.close();
 * await(writer.waitClosed());
 * }</pre>
 *
 * <p>In {@code @Async} code, try-with-resources over the writer (or the {@link Connection})
 * closes it and awaits {@link #waitClosed()}: asyncio's {@code async with}. Loop-thread only.
 */
public final class StreamWriter implements AsyncCloseable {
    /** asyncio's default high water mark, 64 KiB; the low one is a quarter of it. */
    public static final int DEFAULT_HIGH_WATER = 64 * 1024;

    /** Plain TCP, or TLS once {@link #startTls} switched (or the connection was opened with {@code ssl}). */
    private Transport transport;
    private final EventWaiters drainers = new EventWaiters();
    private final EventWaiters closeWaiters = new EventWaiters();
    /** Who connected: a server's side of the connection, or a client's (with the host it asked for). */
    private final boolean serverSide;
    private final String host;
    private final int port;
    /** Kept from the start, as asyncio does: a closed channel no longer says who its peer was. */
    private final SocketAddress peerAddress;
    private final SocketAddress localAddress;

    StreamWriter(Transport transport, boolean serverSide, String host, int port) {
        this.transport = transport;
        this.serverSide = serverSide;
        this.host = host;
        this.port = port;
        this.peerAddress = address(transport.channel(), true);
        this.localAddress = address(transport.channel(), false);
    }

    private static SocketAddress address(java.nio.channels.SocketChannel channel, boolean remote) {
        try {
            return remote ? channel.getRemoteAddress() : channel.getLocalAddress();
        } catch (java.io.IOException closedAlready) {
            return null;
        }
    }

    /** Queues {@code data} for sending; see {@link #drain()}. */
    public void write(byte[] data) {
        transport.write(data, 0, data.length);
    }

    public void write(byte[] data, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, data.length);
        transport.write(data, offset, length);
    }

    /** Queues {@code text} encoded as UTF-8. */
    public void write(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Queues each of {@code chunks} in order: asyncio's {@code writelines}. */
    public void writeLines(Iterable<byte[]> chunks) {
        for (byte[] c : chunks) {
            write(c);
        }
    }

    /** TCP can half-close, and so can TLS (with {@code close_notify}): always true. */
    public boolean canWriteEof() {
        return true;
    }

    /** Closes the sending direction once the queue is flushed; the peer reads end of stream. */
    public void writeEof() {
        transport.writeEof();
    }

    /**
     * Waits until the queue is down to the low water mark if it is above the high one; at once
     * otherwise. Fails with the connection's error (a {@link java.net.SocketException} for a
     * reset) or "Connection lost" once the connection is closed.
     */
    public Awaitable<Void> drain() {
        if (transport.isClosed()) {
            return Then.then(CompletedCoroutine.DONE, v -> {
                throw io.github.jawait.core.Sneaky.rethrow(transport.lostError());
            });
        }
        if (!transport.overHighWater()) {
            return CompletedCoroutine.DONE;
        }
        return drainers.add();
    }

    /** The transport's queue went down to the low water mark. */
    void writable() {
        drainers.wakeAll();
    }

    void connectionClosed(Throwable error) {
        drainers.failAll(transport::lostError);
        closeWaiters.wakeAll();
    }

    /** Bytes queued and not sent yet: asyncio's {@code transport.get_write_buffer_size()}. */
    public long writeBufferSize() {
        return transport.queued();
    }

    /** asyncio's {@code transport.set_write_buffer_limits(high, low)}. */
    public void setWriteBufferLimits(int high, int low) {
        transport.setWriteBufferLimits(high, low);
        if (!transport.overHighWater()) {
            writable();
        }
    }

    /** Starts closing: stops reading, sends what is queued, then closes the socket. Returns at once. */
    @Override
    public void close() {
        transport.close();
    }

    /** Closes at once, dropping what is queued: asyncio's {@code transport.abort()}. */
    public void abort() {
        transport.abort();
    }

    public boolean isClosing() {
        return transport.isClosing();
    }

    /** Completes once the socket is closed. */
    public Awaitable<Void> waitClosed() {
        if (transport.isClosed()) {
            return CompletedCoroutine.DONE;
        }
        return closeWaiters.add();
    }

    /** {@link #close()}, then {@link #waitClosed()}: what try-with-resources awaits. */
    @Override
    public Awaitable<Void> closeAsync() {
        close();
        return waitClosed();
    }

    /**
     * asyncio's {@code get_extra_info}: {@code "peername"} and {@code "sockname"} (a
     * {@link SocketAddress}, still there after the connection closed, so that a handler can say
     * who left), {@code "socket"} (the {@link java.nio.channels.SocketChannel});
     * over TLS also {@code "sslcontext"}, {@code "ssl_object"} (the {@link javax.net.ssl.SSLEngine}),
     * {@code "cipher"} (the cipher suite's name) and {@code "peercert"} (the peer's
     * {@link java.security.cert.Certificate}, null if it sent none); null for other names.
     */
    public Object getExtraInfo(String name) {
        return switch (name) {
            case "peername" -> peerAddress;
            case "sockname" -> localAddress;
            case "socket" -> transport.channel();
            default -> transport.extraInfo(name);
        };
    }

    /** The TLS session once the handshake is over; null on a plain connection. */
    public javax.net.ssl.SSLSession sslSession() {
        return transport instanceof TlsTransport tls ? tls.session() : null;
    }

    /**
     * Upgrades this open connection to TLS: asyncio's {@code writer.start_tls(context)} (the
     * STARTTLS of SMTP, IMAP, PostgreSQL). A client checks the server's certificate against the
     * host it connected to; a connection a {@link Server} accepted takes the server's side of
     * the handshake. The coroutine completes when the handshake has (an
     * {@link javax.net.ssl.SSLHandshakeException} with the JDK's message otherwise); the same
     * reader and writer then carry plaintext through TLS. What was written before is sent
     * first, in the clear. Cancelling the coroutine (or a timeout around it) closes the
     * connection, as asyncio does.
     */
    public Coroutine<Void> startTls(SSLContext context) {
        return startTls(context, host);
    }

    /** {@link #startTls(SSLContext)}, checking the server certificate against {@code serverHostname}. */
    public Coroutine<Void> startTls(SSLContext context, String serverHostname) {
        return startTls(context, serverHostname, true);
    }

    /** {@link #startTls(SSLContext, String)}; {@code checkHostname} false accepts a certificate for another name. */
    public Coroutine<Void> startTls(SSLContext context, String serverHostname, boolean checkHostname) {
        java.util.Objects.requireNonNull(context, "context");
        if (transport instanceof TlsTransport) {
            throw new IllegalStateException("startTls: the connection already uses TLS");
        }
        if (serverSide && serverHostname != null && !serverHostname.equals(host)) {
            throw new IllegalArgumentException("startTls: serverHostname is only meaningful on the client side");
        }
        SSLEngine engine = serverSide ? TlsEngines.server(context)
                : TlsEngines.client(context, serverHostname, port, checkHostname);
        return Then.then(CompletedCoroutine.DONE, v -> switchToTls(context, engine));
    }

    private Awaitable<Void> switchToTls(SSLContext context, SSLEngine engine) {
        if (!(transport instanceof SocketTransport plain)) {
            throw new IllegalStateException("startTls: the connection already uses TLS");
        }
        List<java.nio.ByteBuffer> unsent = plain.detachForTls();
        byte[] early = plain.reader.takeBufferedForTls();
        TlsTransport tls = new TlsTransport(plain.loop, plain.channel, plain.reader, context, engine,
                plain.high(), plain.low());
        transport = tls;
        tls.start(this, unsent, early);
        return tls.handshake();
    }

    /** The peer's address: {@code getExtraInfo("peername")}. */
    public SocketAddress peerAddress() {
        return (SocketAddress) getExtraInfo("peername");
    }

    /** This end's address: {@code getExtraInfo("sockname")}. */
    public SocketAddress localAddress() {
        return (SocketAddress) getExtraInfo("sockname");
    }

    Transport transport() {
        return transport;
    }

    /** The reader of the same connection. */
    public StreamReader reader() {
        return transport.reader();
    }

    @Override
    public String toString() {
        return "<StreamWriter " + transport + ">";
    }
}
