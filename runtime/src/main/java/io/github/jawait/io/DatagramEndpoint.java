package io.github.jawait.io;

import io.github.jawait.AsyncCloseable;
import io.github.jawait.Awaitable;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.core.CompletedCoroutine;
import io.github.jawait.core.Then;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;

/**
 * A UDP socket on the loop: asyncio's {@code create_datagram_endpoint}, with awaitable
 * {@link #recv()} and {@link #send} in place of a protocol's callbacks.
 *
 * <pre>{@code
 * try (var udp = await(openDatagram(new InetSocketAddress("127.0.0.1", 0), null))) {
 *     Datagram d = await(udp.recv());                  // data and sender
 *     await(udp.send(d.data(), d.sender()));           // echo it back
 * }
 * }</pre>
 *
 * <p>Receiving: each {@code recv()} takes one datagram; several tasks may wait, served in
 * order. While none waits, the loop does not read the socket: datagrams wait in the kernel's
 * buffer (whose overflow drops them, as UDP does), never in an unbounded queue here. A
 * {@code recv()} cancelled while waiting (a timeout) takes no datagram.
 *
 * <p>Sending: {@code send} passes the datagram to the kernel at once if it has room,
 * otherwise waits until it has; sends go out in order. An endpoint with a remote address
 * (connected) sends there and receives only from there; {@code send(data, address)} then
 * accepts only that address, as asyncio's {@code sendto}. The data array is sent as it is when
 * the datagram goes out: do not change it while the send waits.
 *
 * <p>After {@link #close()}, waiting operations fail with {@link AsynchronousCloseException}
 * and new ones with {@link ClosedChannelException}. Closing the loop closes the endpoint.
 * Loop-thread only.
 */
public final class DatagramEndpoint implements AsyncCloseable {
    /** The largest UDP payload over IPv4 is 65,507 bytes; one buffer per loop thread receives all. */
    private static final ThreadLocal<ByteBuffer> RECEIVE_BUFFER =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(64 * 1024));

    private final EventLoop loop;
    private final DatagramChannel channel;
    private final SocketAddress remote;
    private final ArrayDeque<DatagramOperation<?>> receivers = new ArrayDeque<>(0);
    private final ArrayDeque<DatagramOperation<?>> senders = new ArrayDeque<>(0);
    private final Runnable onReadable = () -> serve(receivers);
    private final Runnable onWritable = () -> serve(senders);
    private boolean closed;

    private DatagramEndpoint(EventLoop loop, DatagramChannel channel, SocketAddress remote) {
        this.loop = loop;
        this.channel = channel;
        this.remote = remote;
    }

    /**
     * Opens an endpoint bound to {@code local} (null: any address, a free port) and, if
     * {@code remote} is not null, connected to it. Unresolved addresses are resolved off the loop.
     */
    public static Coroutine<DatagramEndpoint> open(EventLoop loop, InetSocketAddress local, InetSocketAddress remote) {
        Objects.requireNonNull(loop, "loop");
        return Then.then(resolve(loop, local), (InetSocketAddress l) ->
                Then.then(resolve(loop, remote), (InetSocketAddress r) -> create(loop, l, r)));
    }

    private static Awaitable<InetSocketAddress> resolve(EventLoop loop, InetSocketAddress a) {
        if (a == null || !a.isUnresolved()) {
            return new CompletedCoroutine<>(a);
        }
        return Then.then(Resolver.resolve(loop, a.getHostString()),
                (InetAddress[] all) -> new InetSocketAddress(all[0], a.getPort()));
    }

    private static DatagramEndpoint create(EventLoop loop, InetSocketAddress local, InetSocketAddress remote) {
        boolean v4 = local != null && local.getAddress() instanceof Inet4Address
                || local == null && remote != null && remote.getAddress() instanceof Inet4Address;
        DatagramChannel ch = null;
        try {
            ch = v4 ? DatagramChannel.open(StandardProtocolFamily.INET) : DatagramChannel.open();
            ch.configureBlocking(false);
            ch.bind(local);
            if (remote != null) {
                ch.connect(remote);
            }
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // failed already
                }
            }
            throw new UncheckedIOException("cannot open a UDP endpoint on " + local
                    + (remote != null ? " to " + remote : "") + ": " + e.getMessage(), e);
        }
        // register it with the loop now, so that closing the loop closes it
        loop.addReader(ch, () -> { });
        loop.removeReader(ch);
        return new DatagramEndpoint(loop, ch, remote);
    }

    /** Waits for the next datagram. */
    public Coroutine<Datagram> recv() {
        return new DatagramOperation<Datagram>(this, true) {
            @Override
            boolean attempt() throws IOException {
                ByteBuffer buf = RECEIVE_BUFFER.get();
                buf.clear();
                SocketAddress sender = channel.receive(buf);
                if (sender == null) {
                    return false;
                }
                buf.flip();
                byte[] data = new byte[buf.remaining()];
                buf.get(data);
                succeed(new Datagram(data, sender));
                return true;
            }

            @Override
            String describe() {
                return "DatagramEndpoint.recv()";
            }
        };
    }

    /** Sends {@code data} to the remote address this endpoint was opened with. */
    public Coroutine<Void> send(byte[] data) {
        return send(data, null);
    }

    /** Sends {@code data} to {@code address} (null: the remote address); asyncio's {@code sendto}. */
    public Coroutine<Void> send(byte[] data, SocketAddress address) {
        Objects.requireNonNull(data, "data");
        if (remote != null && address != null && !address.equals(remote)) {
            throw new IllegalArgumentException("Invalid address: must be null or " + remote);
        }
        if (remote == null && address == null) {
            throw new IllegalArgumentException("send(data) needs an address: this endpoint was opened without"
                    + " a remote address");
        }
        return new DatagramOperation<Void>(this, false) {
            @Override
            boolean attempt() throws IOException {
                ByteBuffer buf = ByteBuffer.wrap(data);
                int n = remote != null ? channel.write(buf) : channel.send(buf, address);
                if (n == 0 && data.length > 0) {
                    return false; // no room in the kernel's buffer
                }
                succeed(null);
                return true;
            }

            @Override
            String describe() {
                return "DatagramEndpoint.send(" + data.length + " bytes" + (address != null ? " to " + address : "") + ")";
            }
        };
    }

    /** Sends {@code text} as UTF-8 to the remote address. */
    public Coroutine<Void> send(String text) {
        return send(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    // ---- what the operations ask ----

    void checkOpen() throws ClosedChannelException {
        if (closed) {
            throw new ClosedChannelException();
        }
    }

    boolean hasQueue(boolean receiving) {
        return !(receiving ? receivers : senders).isEmpty();
    }

    void enqueue(DatagramOperation<?> op) {
        ArrayDeque<DatagramOperation<?>> q = op.receives ? receivers : senders;
        q.add(op);
        if (q.size() == 1) {
            if (op.receives) {
                loop.addReader(channel, onReadable);
            } else {
                loop.addWriter(channel, onWritable);
            }
        }
    }

    void dequeue(DatagramOperation<?> op) {
        ArrayDeque<DatagramOperation<?>> q = op.receives ? receivers : senders;
        if (q.remove(op) && q.isEmpty() && !closed) {
            stopWatching(op.receives);
        }
    }

    private void stopWatching(boolean receiving) {
        if (receiving) {
            loop.removeReader(channel);
        } else {
            loop.removeWriter(channel);
        }
    }

    /**
     * Readiness: serves the queued operations in order while the socket has datagrams (or
     * room). Each one that finishes leaves its queue ({@link #dequeue}), the last one stopping
     * the watch.
     */
    private void serve(ArrayDeque<DatagramOperation<?>> queue) {
        while (!closed && !queue.isEmpty() && queue.peekFirst().retry()) {
            // the next one
        }
    }

    // ---- closing and addresses ----

    /** Closes the socket; waiting operations fail with {@link AsynchronousCloseException}. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            loop.closeChannel(channel);
        } catch (IOException ignored) {
            // closing anyway
        }
        for (ArrayDeque<DatagramOperation<?>> q : Arrays.asList(receivers, senders)) {
            while (!q.isEmpty()) {
                q.pollFirst().failWaiting(new AsynchronousCloseException());
            }
        }
    }

    /** {@link #close()}; a UDP socket closes at once. */
    @Override
    public Awaitable<Void> closeAsync() {
        close();
        return CompletedCoroutine.DONE;
    }

    public boolean isClosed() {
        return closed || !channel.isOpen();
    }

    /** The address the socket is bound to (the port picked when asked for port 0); null once closed. */
    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException closedAlready) {
            return null;
        }
    }

    /** The remote address it was opened with, or null. */
    public SocketAddress remoteAddress() {
        return remote;
    }

    /** asyncio's {@code get_extra_info}: {@code "sockname"}, {@code "peername"}, {@code "socket"}; null otherwise. */
    public Object getExtraInfo(String name) {
        return switch (name) {
            case "sockname" -> localAddress();
            case "peername" -> remote;
            case "socket" -> channel;
            default -> null;
        };
    }

    @Override
    public String toString() {
        return "<DatagramEndpoint " + (closed ? "closed" : localAddress() + (remote != null ? " -> " + remote : ""))
                + " receivers=" + receivers.size() + " senders=" + senders.size() + ">";
    }
}
