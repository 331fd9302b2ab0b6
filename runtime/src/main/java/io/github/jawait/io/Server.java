package io.github.jawait.io;

import io.github.jawait.AsyncCloseable;
import io.github.jawait.Awaitable;
import io.github.jawait.CancelledError;
import io.github.jawait.EventLoop;
import io.github.jawait.Task;
import io.github.jawait.core.CompletedCoroutine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A listening TCP server: asyncio's {@code Server}. Each accepted connection gets a reader, a
 * writer and a task running the handler; the connection is closed when that task ends (by
 * returning, failing or being cancelled). A handler's failure is logged, as asyncio's
 * exception handler does, and does not stop the server.
 *
 * <pre>{@code
 * Server server = await(startServer((reader, writer) -> {
 *     String line = await(reader.readLine());
 *     writer.write("echo: " + line + "\n");
 *     await(writer.drain());
 *     return done();
 * }, "127.0.0.1", 0));
 * int port = server.port();
 * await(server.serveForever());       // until close(), or cancelled
 * }</pre>
 *
 * <p>{@link #close()} stops listening; connections already accepted go on until their
 * handlers end. {@link #waitClosed()} waits for both. In {@code @Async} code, try-with-resources
 * over the server does both (asyncio's {@code async with server}). Loop-thread only.
 */
public final class Server implements AsyncCloseable {
    private static final System.Logger LOG = System.getLogger("io.github.jawait");

    private final EventLoop loop;
    private final ConnectionHandler handler;
    private final StreamOptions options;
    private final List<ServerSocketChannel> listeners = new ArrayList<>();
    /** The writers of accepted connections (TLS ones from before their handshake ends) until their handlers end. */
    private final Set<StreamWriter> connections = new LinkedHashSet<>();
    private final EventWaiters closeWaiters = new EventWaiters();
    private final EventWaiters servers = new EventWaiters();
    private final List<Runnable> closeCallbacks = new ArrayList<>(0);
    /** Where accepted connections go: null to serve them here, or a group's hand-off. */
    private final Consumer<SocketChannel> dispatch;
    private boolean closed;
    private long accepted;

    private Server(EventLoop loop, ConnectionHandler handler, StreamOptions options, Consumer<SocketChannel> dispatch) {
        this.loop = loop;
        this.handler = handler;
        this.options = options;
        this.dispatch = dispatch;
    }

    /** Binds a listener per address (null: every interface) and starts accepting. */
    static Server listen(EventLoop loop, ConnectionHandler handler, InetAddress[] addresses, int port,
            StreamOptions options) {
        return listen(loop, handler, addresses, port, options, null);
    }

    /**
     * Like {@link #listen(EventLoop, ConnectionHandler, InetAddress[], int, StreamOptions)}, but
     * each accepted channel goes to {@code dispatch} (a group server hands it to another loop).
     */
    static Server listen(EventLoop loop, ConnectionHandler handler, InetAddress[] addresses, int port,
            StreamOptions options, Consumer<SocketChannel> dispatch) {
        Server s = new Server(loop, handler, options, dispatch);
        try {
            for (InetAddress a : addresses) {
                ServerSocketChannel ch = ServerSocketChannel.open();
                s.listeners.add(ch);
                ch.setOption(StandardSocketOptions.SO_REUSEADDR, options.reuseAddress());
                ch.bind(new InetSocketAddress(a, port), options.backlog());
                ch.configureBlocking(false);
            }
        } catch (IOException e) {
            s.closeListeners();
            throw new UncheckedIOException("cannot listen on port " + port + ": " + e.getMessage(), e);
        }
        for (ServerSocketChannel ch : s.listeners) {
            loop.addReader(ch, () -> s.acceptFrom(ch));
        }
        return s;
    }

    /** Accepts what is waiting, up to the backlog per readiness event (as asyncio does). */
    private void acceptFrom(ServerSocketChannel listener) {
        for (int i = 0; i < options.backlog() && !closed; i++) {
            SocketChannel ch;
            try {
                ch = listener.accept();
            } catch (IOException e) {
                // EMFILE and friends: log and keep serving, as asyncio does
                LOG.log(System.Logger.Level.ERROR, "accept failed on " + listener + ": " + e, e);
                return;
            }
            if (ch == null) {
                return;
            }
            if (dispatch != null) {
                dispatch.accept(ch);
            } else {
                serve(ch);
            }
        }
    }

    /**
     * A server with no listener of its own, serving the connections another loop accepted and
     * handed over with {@link #adopt}: one per loop of a {@link GroupServer}. Loop thread.
     */
    static Server adopting(EventLoop loop, ConnectionHandler handler, StreamOptions options) {
        return new Server(loop, handler, options, null);
    }

    /** Loop thread: serve {@code ch}, accepted by another loop; refused (closed) once this server is. */
    void adopt(SocketChannel ch) {
        if (closed || loop.isClosed()) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // refusing it anyway
            }
            return;
        }
        serve(ch);
    }

    /** Loop thread: runs {@code r} once the server is closed and every handler has ended. */
    void onClosed(Runnable r) {
        if (closed && connections.isEmpty()) {
            r.run();
        } else {
            closeCallbacks.add(r);
        }
    }

    private void serve(SocketChannel ch) {
        Connection c;
        try {
            ch.configureBlocking(false);
            c = Streams.connection(loop, ch, options, true, null, 0);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // it was dying anyway
            }
            return; // a connection reset before we could set it up
        }
        StreamWriter writer = c.writer();
        connections.add(writer);
        if (writer.transport() instanceof TlsTransport tls) {
            // asyncio runs the handler once the client's handshake is over
            tls.onHandshake(failure -> {
                if (failure == null) {
                    runHandler(c);
                } else {
                    // a client's problem (a port scan, a certificate it refused), not the server's
                    LOG.log(System.Logger.Level.DEBUG, "TLS handshake failed with " + writer.peerAddress(), failure);
                    connectionEnded(writer);
                }
            });
        } else {
            runHandler(c);
        }
    }

    private void runHandler(Connection c) {
        StreamWriter writer = c.writer();
        if (!connections.contains(writer)) {
            return; // closed by closeClients/abortClients during its handshake
        }
        accepted++;
        Task<Void> task;
        try {
            task = loop.createTask(handler.handle(c.reader(), writer), "connection " + accepted);
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "the connection handler threw before its coroutine started", e);
            connectionEnded(writer);
            return;
        }
        task.addDoneCallback(t -> {
            if (!t.cancelled()) {
                Throwable failure = t.exception();
                if (failure != null) {
                    LOG.log(System.Logger.Level.ERROR, "Unhandled exception in connection handler "
                            + t.getName() + " for " + writer.peerAddress(), failure);
                }
            }
            connectionEnded(writer);
        });
    }

    private void connectionEnded(StreamWriter writer) {
        writer.close();
        connections.remove(writer);
        if (closed && connections.isEmpty()) {
            wakeCloseWaiters();
        }
    }

    /** The addresses the server listens on (port 0 resolved to the port it got). */
    public List<InetSocketAddress> addresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (ServerSocketChannel ch : listeners) {
            try {
                out.add((InetSocketAddress) ch.getLocalAddress());
            } catch (IOException closedAlready) {
                // a closed listener has no address
            }
        }
        return out;
    }

    /** The port of the first listener: what port 0 picked. */
    public int port() {
        List<InetSocketAddress> a = addresses();
        if (a.isEmpty()) {
            throw new IllegalStateException("the server is closed");
        }
        return a.get(0).getPort();
    }

    /** The listening channels: asyncio's {@code server.sockets}. */
    public List<ServerSocketChannel> sockets() {
        return closed ? List.of() : List.copyOf(listeners);
    }

    public boolean isServing() {
        return !closed;
    }

    /** Connections whose handlers are still running (and TLS ones still in their handshake). */
    public int activeConnections() {
        return connections.size();
    }

    /**
     * Waits until the server is closed: asyncio's {@code serve_forever()}. Cancelling the
     * awaiting task closes the server.
     */
    public Awaitable<Void> serveForever() {
        if (closed) {
            throw new IllegalStateException("server " + this + " is closed");
        }
        return servers.add(this::close); // serve_forever cancelled: the server closes, as in asyncio
    }

    /** Stops listening; connections already accepted go on. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeListeners();
        servers.failAll(() -> new CancelledError("the server was closed"));
        if (connections.isEmpty()) {
            wakeCloseWaiters();
        }
    }

    private void closeListeners() {
        for (ServerSocketChannel ch : listeners) {
            try {
                loop.closeChannel(ch); // refuses new connections at once
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** Closes every accepted connection, flushing what they queued: asyncio's {@code close_clients()}. */
    public void closeClients() {
        for (StreamWriter w : List.copyOf(connections)) {
            w.close();
        }
    }

    /** Closes every accepted connection at once: asyncio's {@code abort_clients()}. */
    public void abortClients() {
        for (StreamWriter w : List.copyOf(connections)) {
            w.abort();
        }
    }

    /** Completes once the server is closed and every connection's handler has ended. */
    public Awaitable<Void> waitClosed() {
        if (closed && connections.isEmpty()) {
            return CompletedCoroutine.DONE;
        }
        return closeWaiters.add();
    }

    @Override
    public Awaitable<Void> closeAsync() {
        close();
        return waitClosed();
    }

    /** The server is closed and every handler ended: wake {@code waitClosed()}, run the close callbacks. */
    private void wakeCloseWaiters() {
        closeWaiters.wakeAll();
        if (!closeCallbacks.isEmpty()) {
            List<Runnable> callbacks = new ArrayList<>(closeCallbacks);
            closeCallbacks.clear();
            callbacks.forEach(Runnable::run);
        }
    }

    @Override
    public String toString() {
        return "<Server " + (closed ? "closed" : addresses()) + " connections=" + connections.size() + ">";
    }
}
