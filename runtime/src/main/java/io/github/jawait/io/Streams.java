package io.github.jawait.io;

import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.core.Then;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import javax.net.ssl.SSLEngine;

/**
 * asyncio's high-level stream functions, {@code open_connection} and {@code start_server};
 * {@code Asyncio.openConnection} and {@code Asyncio.startServer} call these.
 */
public final class Streams {
    private Streams() {
    }

    /** Connects to {@code host:port}; the coroutine gives the connection's reader and writer. */
    public static Coroutine<Connection> openConnection(EventLoop loop, String host, int port, StreamOptions options) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(options, "options");
        checkPort(port);
        return Connector.start(loop, host, port, options);
    }

    /**
     * Listens on {@code host:port} (port 0: a free port; host null: every interface) and runs
     * {@code handler} as a task for each connection.
     */
    public static Coroutine<Server> startServer(EventLoop loop, ConnectionHandler handler, String host, int port,
            StreamOptions options) {
        return startServer(loop, handler, host, port, options, null);
    }

    /** Like the above; accepted channels go to {@code dispatch} unless it is null (see {@link GroupServer}). */
    static Coroutine<Server> startServer(EventLoop loop, ConnectionHandler handler, String host, int port,
            StreamOptions options, java.util.function.Consumer<java.nio.channels.SocketChannel> dispatch) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(options, "options");
        checkPort(port);
        if (host == null) {
            return Then.then(io.github.jawait.core.CompletedCoroutine.DONE,
                    v -> Server.listen(loop, handler, new InetAddress[] {null}, port, options, dispatch));
        }
        return Then.then(Resolver.resolve(loop, host),
                (InetAddress[] all) -> Server.listen(loop, handler, all, port, options, dispatch));
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /**
     * Wraps a connected channel in a transport (TLS if {@code options} say so), a reader and a
     * writer, and starts reading (and, over TLS, the handshake). {@code host} and {@code port}
     * are what a client connected to (the default TLS server name); null on a server's side.
     */
    static Connection connection(EventLoop loop, SocketChannel channel, StreamOptions options, boolean serverSide,
            String host, int port) {
        try {
            Connector.configure(channel, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StreamReader reader = new StreamReader(options.limit());
        if (options.ssl() != null) {
            SSLEngine engine = serverSide ? TlsEngines.server(options.ssl())
                    : TlsEngines.client(options.ssl(), options.serverHostname() != null ? options.serverHostname() : host,
                            port, options.checkHostname());
            TlsTransport tls = new TlsTransport(loop, channel, reader, options.ssl(), engine, options.highWater(),
                    options.lowWater());
            StreamWriter writer = new StreamWriter(tls, serverSide, host, port);
            tls.start(writer, java.util.List.of(), null);
            return new Connection(reader, writer);
        }
        SocketTransport transport = new SocketTransport(loop, channel, reader, options.highWater(), options.lowWater());
        StreamWriter writer = new StreamWriter(transport, serverSide, host, port);
        transport.start(writer);
        return new Connection(reader, writer);
    }
}
