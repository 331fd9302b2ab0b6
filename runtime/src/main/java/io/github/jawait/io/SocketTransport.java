package io.github.jawait.io;

import io.github.jawait.EventLoop;
import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * One TCP connection on the loop (asyncio's selector transport): reads whenever the socket is
 * readable and feeds its {@link StreamReader}, writes what its {@link StreamWriter} is given,
 * at once when the socket takes it and otherwise from a queue when the socket is writable
 * again.
 *
 * <p>Buffers: reads land in one direct buffer per loop thread and are copied into the
 * reader's array, so an idle connection holds no read buffer. A write goes to the socket
 * straight from the caller's array when nothing is queued; only what the socket did not take
 * is copied into the queue. The queue's size drives {@code drain()} (high and low water marks).
 */
final class SocketTransport implements Transport {
    /** One read buffer per loop thread: a read never outlives the callback that made it. */
    private static final ThreadLocal<ByteBuffer> READ_BUFFER =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(64 * 1024));
    private static final int MAX_GATHER = 64;

    final EventLoop loop;
    final SocketChannel channel;
    final StreamReader reader;
    private final Runnable onReadable = this::readReady;
    private final Runnable onWritable = this::writeReady;
    private final Runnable resumeReading = this::resumeReading;

    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>(0);
    private long queued;
    private int high;
    private int low;
    private boolean eofReceived;
    private boolean eofPending;
    private boolean eofWritten;
    private boolean closing;
    private boolean closed;
    private Throwable lost;
    private StreamWriter writer;

    SocketTransport(EventLoop loop, SocketChannel channel, StreamReader reader, int high, int low) {
        this.loop = loop;
        this.channel = channel;
        this.reader = reader;
        setWriteBufferLimits(high, low);
    }

    @Override
    public SocketChannel channel() {
        return channel;
    }

    @Override
    public StreamReader reader() {
        return reader;
    }

    void start(StreamWriter w) {
        this.writer = w;
        loop.addReader(channel, onReadable);
    }

    // ---- reading ----

    private void readReady() {
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
            if (reader.overLimit() && !closed) {
                loop.removeReader(channel);
                reader.pausedBy(resumeReading);
            }
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

    private void resumeReading() {
        if (!closed && !closing) {
            loop.addReader(channel, onReadable);
        }
    }

    // ---- writing ----

    @Override
    public void write(byte[] data, int off, int len) {
        if (closing || eofPending || eofWritten) {
            throw new IllegalStateException(closing ? "the stream is closing: write after close()"
                    : "write after writeEof()");
        }
        if (lost != null) {
            return; // asyncio drops writes to a lost connection; drain() reports the loss
        }
        if (len == 0) {
            return;
        }
        ByteBuffer src = ByteBuffer.wrap(data, off, len);
        if (queue.isEmpty()) {
            try {
                channel.write(src);
            } catch (IOException e) {
                connectionLost(e);
                return;
            }
            if (!src.hasRemaining()) {
                return;
            }
            loop.addWriter(channel, onWritable);
        }
        // the caller may reuse its array: keep a copy of what the socket did not take
        ByteBuffer rest = ByteBuffer.allocate(src.remaining());
        rest.put(src).flip();
        queue.add(rest);
        queued += rest.remaining();
    }

    private void writeReady() {
        try {
            while (!queue.isEmpty()) {
                ByteBuffer[] batch = new ByteBuffer[Math.min(queue.size(), MAX_GATHER)];
                int i = 0;
                for (ByteBuffer b : queue) {
                    if (i == batch.length) {
                        break;
                    }
                    batch[i++] = b;
                }
                long wrote = channel.write(batch);
                queued -= wrote;
                while (!queue.isEmpty() && !queue.peekFirst().hasRemaining()) {
                    queue.pollFirst();
                }
                if (wrote == 0 || !queue.isEmpty() && queue.peekFirst().position() > 0) {
                    break; // the socket is full again
                }
            }
        } catch (IOException e) {
            connectionLost(e);
            return;
        }
        if (queue.isEmpty()) {
            loop.removeWriter(channel);
            if (eofPending) {
                shutdownOutput();
            }
            if (closing) {
                closeNow(null);
                return;
            }
        }
        if (queued <= low && writer != null) {
            writer.writable();
        }
    }

    @Override
    public long queued() {
        return queued;
    }

    @Override
    public boolean overHighWater() {
        return queued > high;
    }

    @Override
    public void setWriteBufferLimits(int high, int low) {
        if (high < low || low < 0) {
            throw new IllegalArgumentException("high (" + high + ") must be >= low (" + low + ") must be >= 0");
        }
        this.high = high;
        this.low = low;
    }

    int high() {
        return high;
    }

    int low() {
        return low;
    }

    @Override
    public void writeEof() {
        if (closing || eofPending || eofWritten) {
            return;
        }
        if (queue.isEmpty()) {
            shutdownOutput();
        } else {
            eofPending = true;
        }
    }

    private void shutdownOutput() {
        eofPending = false;
        eofWritten = true;
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            connectionLost(e);
            return;
        }
        if (eofReceived) {
            closeNow(null); // both directions are done
        }
    }

    // ---- closing ----

    @Override
    public boolean isClosing() {
        return closing || closed;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    Throwable lost() {
        return lost;
    }

    /** asyncio's {@code transport.close()}: stop reading, flush what is queued, then close. */
    @Override
    public void close() {
        if (closing || closed) {
            return;
        }
        closing = true;
        loop.removeReader(channel);
        if (queue.isEmpty()) {
            closeNow(null);
        }
    }

    /** asyncio's {@code transport.abort()}: close at once, dropping what is queued. */
    @Override
    public void abort() {
        closing = true;
        closeNow(null);
    }

    private void connectionLost(IOException e) {
        if (lost == null) {
            lost = e;
        }
        closeNow(e);
    }

    private void closeNow(Throwable error) {
        if (closed) {
            return;
        }
        closed = true;
        closing = true;
        queue.clear();
        queued = 0;
        try {
            if (loop.isClosed()) {
                channel.close();
            } else {
                loop.closeChannel(channel);
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        if (error != null) {
            reader.setException(error);
        } else {
            reader.feedEof();
        }
        if (writer != null) {
            writer.connectionClosed(error);
        }
    }

    @Override
    public SocketException lostError() {
        SocketException e = new SocketException("Connection lost");
        if (lost != null) {
            e.initCause(lost);
        }
        return e;
    }

    /**
     * Hands the connection over to a {@link TlsTransport} ({@code startTls}): stops reading
     * and writing, and returns what was queued and not sent yet, which must go out first.
     */
    java.util.List<ByteBuffer> detachForTls() {
        if (closing || closed || eofPending || eofWritten) {
            throw new IllegalStateException("startTls on a connection that is closing or half-closed");
        }
        if (eofReceived) {
            throw new IllegalStateException("startTls after the peer closed its side (end of stream received)");
        }
        loop.removeReader(channel);
        loop.removeWriter(channel);
        java.util.List<ByteBuffer> rest = new java.util.ArrayList<>(queue);
        queue.clear();
        queued = 0;
        closed = true; // this transport is done; the channel lives on under TLS
        closing = true;
        writer = null;
        return rest;
    }

    @Override
    public String toString() {
        return "<SocketTransport " + channel + (closed ? " closed" : closing ? " closing" : "")
                + " queued=" + queued + ">";
    }
}
