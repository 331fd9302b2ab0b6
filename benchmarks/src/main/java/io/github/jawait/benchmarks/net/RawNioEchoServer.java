package io.github.jawait.benchmarks.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The floor under every JVM selector loop: one thread, one {@code Selector}, one shared direct
 * buffer, no per-connection object beyond the JDK's own {@code SocketChannel} and
 * {@code SelectionKey}. Its idle heap per connection is "the socket itself" of issue #11's
 * memory target; its CPU per request is what a selector costs before any framework. A reply the
 * kernel does not take at once (never with 1 KiB requests on loopback) is kept as the key's
 * attachment until the channel is writable.
 */
final class RawNioEchoServer {
    private RawNioEchoServer() {
    }

    static void run() throws IOException {
        Selector selector = Selector.open();
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0), EchoServer.BACKLOG);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        ServerControl.start(((InetSocketAddress) server.getLocalAddress()).getPort(), 0, 0);
        ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
        while (true) {
            selector.select(key -> {
                try {
                    if (key.isAcceptable()) {
                        accept(server, selector);
                    } else if (key.isWritable()) {
                        flush(key);
                    } else if (key.isReadable()) {
                        echo(key, buf);
                    }
                } catch (IOException e) {
                    close(key); // a client that resets
                }
            });
        }
    }

    private static void accept(ServerSocketChannel server, Selector selector) throws IOException {
        SocketChannel ch;
        while ((ch = server.accept()) != null) {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.register(selector, SelectionKey.OP_READ);
            ServerControl.CONNECTIONS.incrementAndGet();
        }
    }

    private static void echo(SelectionKey key, ByteBuffer buf) throws IOException {
        SocketChannel ch = (SocketChannel) key.channel();
        buf.clear();
        int n = ch.read(buf);
        if (n < 0) {
            close(key);
            return;
        }
        buf.flip();
        ch.write(buf);
        if (buf.hasRemaining()) { // the rest waits for OP_WRITE, reading pauses meanwhile
            ByteBuffer rest = ByteBuffer.allocate(buf.remaining()).put(buf).flip();
            key.attach(rest);
            key.interestOps(SelectionKey.OP_WRITE);
        }
    }

    private static void flush(SelectionKey key) throws IOException {
        ByteBuffer rest = (ByteBuffer) key.attachment();
        ((SocketChannel) key.channel()).write(rest);
        if (!rest.hasRemaining()) {
            key.attach(null);
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    private static void close(SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // closing anyway
        }
        ServerControl.CONNECTIONS.decrementAndGet();
    }
}
