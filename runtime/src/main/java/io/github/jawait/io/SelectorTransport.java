package io.github.jawait.io;

import io.github.jawait.EventLoop;
import java.io.IOException;
import java.net.SocketException;
import java.nio.channels.SocketChannel;

/**
 * What every transport over one {@link SocketChannel} on the loop shares (asyncio's
 * {@code _SelectorTransport}, Netty's {@code AbstractChannel}): the channel, its reader and
 * writer, the outgoing bytes and their water marks, pausing and resuming reads, and the
 * lifecycle: {@link #close()} (flush, then close), {@link #abort()}, {@link #writeEof()}, the
 * loss of the connection and the one place it is closed ({@link #closeNow}).
 *
 * <p>A subclass says how bytes move: {@link SocketTransport} reads and writes them as they are,
 * {@link TlsTransport} through an {@code SSLEngine}. It reports what it reads to the reader
 * itself, so the read path has no call through this class.
 */
abstract class SelectorTransport implements Transport {
    final EventLoop loop;
    final SocketChannel channel;
    final StreamReader reader;
    final Runnable onReadable = this::readReady;
    final Runnable onWritable = this::writeReady;
    private final Runnable resumeReading = this::resumeReading;

    /** What the socket has not taken yet. */
    final OutboundBuffer outbound = new OutboundBuffer();
    private int high;
    private int low;
    StreamWriter writer;
    /** Reading stopped because the reader holds more than twice its limit. */
    boolean readPaused;
    /** {@code writeEof()} (or a TLS close) asked to end the sending direction. */
    boolean eofRequested;
    /** The sending direction is shut down. */
    boolean eofWritten;
    /** The application asked to close ({@code close()} or {@code abort()}); not set by a loss. */
    boolean closing;
    boolean closed;
    /** The error that lost the connection: what {@code drain()} reports as the cause. */
    Throwable lost;

    SelectorTransport(EventLoop loop, SocketChannel channel, StreamReader reader, int high, int low) {
        this.loop = loop;
        this.channel = channel;
        this.reader = reader;
        setWriteBufferLimits(high, low);
    }

    /** The socket is readable. */
    abstract void readReady();

    /** The socket is writable again. */
    abstract void writeReady();

    /** {@link #writeEof()} was accepted: end the sending direction once the queue is flushed. */
    abstract void sendEof();

    /** {@link #close()} was accepted ({@code closing} is set): flush what must go, then {@link #closeNow}. */
    abstract void closeGracefully();

    /** Reading was resumed and the transport is open: watch the socket again. */
    void readingResumed() {
        loop.addReader(channel, onReadable);
    }

    /** Inside {@link #closeNow}, after the channel closed and before the reader and writer hear of it. */
    void onClosed(Throwable error) {
    }

    @Override
    public SocketChannel channel() {
        return channel;
    }

    @Override
    public StreamReader reader() {
        return reader;
    }

    // ---- reading ----

    /** After feeding the reader: stop reading while it holds more than twice its limit. */
    final void pauseReadingIfFull() {
        if (reader.overLimit() && !readPaused && !closed) {
            readPaused = true;
            loop.removeReader(channel);
            reader.pausedBy(resumeReading);
        }
    }

    private void resumeReading() {
        readPaused = false;
        if (!closed && !closing) {
            readingResumed();
        }
    }

    // ---- writing ----

    /**
     * The checks of {@code write}: refuses a write after the application's {@code close()} or
     * {@code writeEof()}; false when there is nothing to send. A connection that ended without
     * the application closing it (lost, or closed by the peer) drops writes, as asyncio does,
     * and {@code drain()} reports the loss.
     */
    final boolean acceptsWrite(int len) {
        if (closing || eofRequested) {
            throw new IllegalStateException(closing ? "the stream is closing: write after close()"
                    : "write after writeEof()");
        }
        return !closed && len > 0;
    }

    @Override
    public long queued() {
        return outbound.size();
    }

    @Override
    public final boolean overHighWater() {
        return queued() > high;
    }

    @Override
    public final void setWriteBufferLimits(int high, int low) {
        if (high < low || low < 0) {
            throw new IllegalArgumentException("high (" + high + ") must be >= low (" + low + ") must be >= 0");
        }
        this.high = high;
        this.low = low;
    }

    final int high() {
        return high;
    }

    final int low() {
        return low;
    }

    /** The queue moved: wake the writer's {@code drain()} once it is down to the low water mark. */
    final void wakeWriterIfLow() {
        if (writer != null && queued() <= low) {
            writer.writable();
        }
    }

    @Override
    public final void writeEof() {
        if (closing || closed || eofRequested) {
            return;
        }
        eofRequested = true;
        sendEof();
    }

    /** Half-closes TCP; false if that lost the connection. */
    final boolean shutdownOutput() {
        eofWritten = true;
        try {
            channel.shutdownOutput();
            return true;
        } catch (IOException e) {
            connectionLost(e);
            return false;
        }
    }

    // ---- closing ----

    @Override
    public final boolean isClosing() {
        return closing || closed;
    }

    @Override
    public final boolean isClosed() {
        return closed;
    }

    /** asyncio's {@code transport.close()}: stop reading, flush what is queued, then close. */
    @Override
    public final void close() {
        if (closing || closed) {
            return;
        }
        closing = true;
        closeGracefully();
    }

    /** asyncio's {@code transport.abort()}: close at once, dropping what is queued. */
    @Override
    public final void abort() {
        closing = true;
        closeNow(null);
    }

    /** A read or write failed: the connection is gone, with {@code e} as the reason. */
    final void connectionLost(IOException e) {
        if (lost == null) {
            lost = e;
        }
        closeNow(e);
    }

    /**
     * Closes the channel now, dropping what is queued, then tells the reader (end of stream,
     * or {@code error}) and the writer. Every way of closing ends here, once.
     */
    final void closeNow(Throwable error) {
        if (closed) {
            return;
        }
        closed = true;
        outbound.clear();
        try {
            loop.closeChannel(channel);
        } catch (IOException ignored) {
            // closing anyway
        }
        onClosed(error);
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
    public final SocketException lostError() {
        SocketException e = new SocketException("Connection lost");
        if (lost != null) {
            e.initCause(lost);
        }
        return e;
    }

    /** {@code <Name channel state queued=n>}; {@code detail} is a subclass's addition (the TLS protocol). */
    final String describe(String name, String detail) {
        return "<" + name + " " + channel + detail + (closed ? " closed" : closing ? " closing" : "")
                + " queued=" + queued() + ">";
    }
}
