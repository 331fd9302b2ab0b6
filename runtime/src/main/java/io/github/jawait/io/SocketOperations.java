package io.github.jawait.io;

import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.core.Then;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Objects;

/**
 * The loop's {@code sock_*} operations ({@link EventLoop#sockRecv} and friends), each a
 * {@link ChannelOperation}: tried when awaited, then retried on each readiness event.
 */
public final class SocketOperations {
    private SocketOperations() {
    }

    public static Coroutine<byte[]> recv(EventLoop loop, SocketChannel channel, int maxBytes) {
        Objects.requireNonNull(channel, "channel");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("sockRecv(channel, " + maxBytes + "): maxBytes must be positive");
        }
        return new ChannelOperation<byte[]>(loop, channel, true) {
            @Override
            boolean attempt() throws IOException {
                ByteBuffer buf = ByteBuffer.allocate(maxBytes);
                int n = channel.read(buf);
                if (n == 0) {
                    return false;
                }
                succeed(n < 0 ? new byte[0] : Arrays.copyOf(buf.array(), n));
                return true;
            }

            @Override
            String describe() {
                return "sockRecv(" + channel + ", " + maxBytes + ")";
            }
        };
    }

    public static Coroutine<Integer> recvInto(EventLoop loop, SocketChannel channel, ByteBuffer buffer) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(buffer, "buffer");
        if (!buffer.hasRemaining()) {
            throw new IllegalArgumentException("sockRecvInto: the buffer has no room left");
        }
        return new ChannelOperation<Integer>(loop, channel, true) {
            @Override
            boolean attempt() throws IOException {
                int n = channel.read(buffer);
                if (n == 0) {
                    return false;
                }
                succeed(n);
                return true;
            }

            @Override
            String describe() {
                return "sockRecvInto(" + channel + ")";
            }
        };
    }

    public static Coroutine<Void> sendAll(EventLoop loop, SocketChannel channel, ByteBuffer data) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(data, "data");
        return new ChannelOperation<Void>(loop, channel, false) {
            @Override
            boolean attempt() throws IOException {
                while (data.hasRemaining()) {
                    if (channel.write(data) == 0) {
                        return false; // the send buffer is full: wait until writable
                    }
                }
                succeed(null);
                return true;
            }

            @Override
            String describe() {
                return "sockSendAll(" + channel + ", " + data.remaining() + " bytes left)";
            }
        };
    }

    public static Coroutine<Void> connect(EventLoop loop, SocketChannel channel, SocketAddress address) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(address, "address");
        if (address instanceof InetSocketAddress inet && inet.isUnresolved()) {
            int port = inet.getPort();
            return Then.then(Resolver.resolve(loop, inet.getHostString()),
                    (InetAddress[] all) -> connectOne(loop, channel, new InetSocketAddress(all[0], port)));
        }
        return connectOne(loop, channel, address);
    }

    static Coroutine<Void> connectOne(EventLoop loop, SocketChannel channel, SocketAddress address) {
        return new ChannelOperation<Void>(loop, channel, false) {
            @Override
            boolean begin() throws IOException {
                if (channel.connect(address)) {
                    succeed(null);
                    return true;
                }
                return false; // in progress: the loop watches for OP_CONNECT
            }

            @Override
            boolean attempt() throws IOException {
                if (!channel.finishConnect()) {
                    return false;
                }
                succeed(null);
                return true;
            }

            @Override
            String describe() {
                return "sockConnect(" + address + ")";
            }
        };
    }

    public static Coroutine<SocketChannel> accept(EventLoop loop, ServerSocketChannel channel) {
        Objects.requireNonNull(channel, "channel");
        return new ChannelOperation<SocketChannel>(loop, channel, true) {
            @Override
            boolean attempt() throws IOException {
                SocketChannel accepted = channel.accept();
                if (accepted == null) {
                    return false;
                }
                accepted.configureBlocking(false);
                succeed(accepted);
                return true;
            }

            @Override
            String describe() {
                return "sockAccept(" + channel + ")";
            }
        };
    }
}
