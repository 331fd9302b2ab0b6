package io.github.jawait.io;

import io.github.jawait.EventLoop;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * One plain TCP connection on the loop (asyncio's {@code _SelectorSocketTransport}): reads
 * whenever the socket is readable and feeds its {@link StreamReader}, writes what its
 * {@link StreamWriter} is given, at once when the socket takes it and otherwise from a queue
 * when the socket is writable again. The lifecycle (close, abort, loss, water marks, pausing
 * reads) is {@link SelectorTransport}'s.
 *
 * <p>Buffers: reads land in one direct buffer per loop thread and are copied into the
 * reader's array, so an idle connection holds no read buffer. A write goes to the socket
 * straight from the caller's array when nothing is queued; only what the socket did not take
 * is copied into the queue.
 */
final class SocketTransport extends SelectorTransport {
    /** One read buffer per loop thread: a read never outlives the callback that made it. */
    private static final ThreadLocal<ByteBuffer> READ_BUFFER =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(64 * 1024));

    private boolean eofReceived;

    SocketTransport(EventLoop loop, SocketChannel channel, StreamReader reader, int high, int low) {
        super(loop, channel, reader, high, low);
    }

    void start(StreamWriter w) {
        this.writer = w;
        loop.addReader(channel, onReadable);
    }

    // ---- reading ----

    @Override
    void readReady() {
        ByteBuffer buf = READ_BUFFER.get();
        buf.clear();
        int n;
        try {
            n = channel.read(buf);
        } catch (IOException e) {
            connectionLost(e);
            return;
        }
        if (n > 0) {
            buf.flip();
            reader.feedData(buf, n);
            pauseReadingIfFull();
        } else if (n < 0) {
            // the peer half-closed: we may still write (asyncio's eof_received returning True)
            loop.removeReader(channel);
            eofReceived = true;
            reader.feedEof();
            if (eofWritten) {
                closeNow(null);
            }
        }
    }

    // ---- writing ----

    @Override
    public void write(byte[] data, int off, int len) {
        if (!acceptsWrite(len)) {
            return;
        }
        boolean first = outbound.isEmpty();
        try {
            if (outbound.send(channel, ByteBuffer.wrap(data, off, len))) {
                return;
            }
        } catch (IOException e) {
            connectionLost(e);
            return;
        }
        if (first) {
            loop.addWriter(channel, onWritable);
        }
    }

    @Override
    void writeReady() {
        try {
            outbound.flushTo(channel);
        } catch (IOException e) {
            connectionLost(e);
            return;
        }
        if (outbound.isEmpty()) {
            loop.removeWriter(channel);
            if (eofRequested && !eofWritten) {
                endOutput();
            }
            if (closing) {
                closeNow(null);
                return;
            }
        }
        wakeWriterIfLow();
    }

    @Override
    void sendEof() {
        if (outbound.isEmpty()) {
            endOutput();
        } // otherwise writeReady does it once the queue is flushed
    }

    private void endOutput() {
        if (shutdownOutput() && eofReceived) {
            closeNow(null); // both directions are done
        }
    }

    // ---- closing ----

    @Override
    void closeGracefully() {
        loop.removeReader(channel);
        if (outbound.isEmpty()) {
            closeNow(null);
        }
    }

    /**
     * Hands the connection over to a {@link TlsTransport} ({@code startTls}): stops reading
     * and writing, and returns what was queued and not sent yet, which must go out first.
     */
    List<ByteBuffer> detachForTls() {
        if (closing || closed || eofRequested) {
            throw new IllegalStateException("startTls on a connection that is closing or half-closed");
        }
        if (eofReceived) {
            throw new IllegalStateException("startTls after the peer closed its side (end of stream received)");
        }
        loop.removeReader(channel);
        loop.removeWriter(channel);
        List<ByteBuffer> rest = outbound.takeAll();
        closed = true; // this transport is done; the channel lives on under TLS
        closing = true;
        writer = null;
        return rest;
    }

    @Override
    public String toString() {
        return describe("SocketTransport", "");
    }
}
