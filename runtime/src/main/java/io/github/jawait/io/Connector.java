package io.github.jawait.io;

import io.github.jawait.EventLoop;
import io.github.jawait.core.CoroutineFrame;
import io.github.jawait.core.StateMachine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;

/**
 * {@code openConnection}'s coroutine, written by hand as the agent would write it: resolve the
 * host (off the loop unless it is a literal), then try its addresses in order until one
 * accepts, as asyncio's {@code create_connection} does; with TLS, then wait for the handshake
 * (whose failure is not retried on the next address). A channel whose connect failed or was
 * cancelled is closed before the next try or the failure.
 */
final class Connector {
    private static final int RESOLVING = 1;
    private static final int CONNECTING = 2;
    private static final int HANDSHAKING = 3;

    private final EventLoop loop;
    private final String host;
    private final int port;
    private final StreamOptions options;
    private InetAddress[] addresses;
    private int next;
    private SocketChannel channel;
    private IOException lastFailure;
    private Connection connection;

    private Connector(EventLoop loop, String host, int port, StreamOptions options) {
        this.loop = loop;
        this.host = host;
        this.port = port;
        this.options = options;
    }

    static CoroutineFrame<Connection> start(EventLoop loop, String host, int port, StreamOptions options) {
        Connector c = new Connector(loop, host, port, options);
        return new CoroutineFrame<>(c::step, "Asyncio.openConnection");
    }

    private void step(CoroutineFrame<?> f) throws Throwable {
        switch (f.label) {
            case 0 -> {
                Object aw = Resolver.resolve(loop, host);
                if (!StateMachine.isDone(aw)) {
                    StateMachine.suspend(f, RESOLVING, aw);
                    return;
                }
                addresses = (InetAddress[]) StateMachine.awaitDone(aw);
            }
            case RESOLVING -> addresses = (InetAddress[]) StateMachine.awaitDone(StateMachine.takeAwaiting(f));
            case CONNECTING -> {
                if (connected(StateMachine.takeAwaiting(f), f)) {
                    return;
                }
            }
            case HANDSHAKING -> {
                StateMachine.awaitDone(StateMachine.takeAwaiting(f)); // the handshake's failure, as is
                StateMachine.completeValue(f, connection);
                return;
            }
            default -> throw StateMachine.invalidLabel(f);
        }
        while (next < addresses.length) {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            Object aw = SocketOperations.connectOne(loop, channel, new InetSocketAddress(addresses[next++], port));
            if (!StateMachine.isDone(aw)) {
                StateMachine.suspend(f, CONNECTING, aw);
                return;
            }
            if (connected(aw, f)) {
                return;
            }
        }
        throw lastFailure;
    }

    /** Reads the connect's outcome: true once connected (the frame is completed), false to try the next address. */
    private boolean connected(Object aw, CoroutineFrame<?> f) throws Throwable {
        try {
            StateMachine.awaitDone(aw);
        } catch (Throwable t) {
            closeChannel();
            if (!(t instanceof IOException e)) {
                throw t; // cancelled, or worse: no next address
            }
            if (lastFailure != null) {
                e.addSuppressed(lastFailure);
            }
            lastFailure = e;
            return false;
        }
        SocketChannel ch = channel;
        channel = null;
        connection = Streams.connection(loop, ch, options, false, host, port);
        if (options.ssl() != null) {
            // asyncio's create_connection returns once the TLS handshake is over; a cancel aborts it
            Object handshake = ((TlsTransport) connection.writer().transport()).handshake();
            if (!StateMachine.isDone(handshake)) {
                StateMachine.suspend(f, HANDSHAKING, handshake);
                return true;
            }
            StateMachine.awaitDone(handshake);
        }
        StateMachine.completeValue(f, connection);
        return true;
    }

    private void closeChannel() {
        try {
            loop.closeChannel(channel);
        } catch (IOException ignored) {
            // it failed already
        }
        channel = null;
    }

    static void configure(SocketChannel ch, StreamOptions options) throws IOException {
        if (options.noDelay()) {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
    }
}
