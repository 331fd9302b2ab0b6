package io.github.jawait.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes a connection holds for sending, in order, and their count (Netty's
 * {@code ChannelOutboundBuffer}): what the socket did not take yet, or under TLS also the
 * plaintext the engine has not wrapped yet. The count is what {@code drain()}'s water marks
 * measure. Whatever is queued is the connection's own: {@link #send} copies what it keeps, so
 * the caller may reuse its array.
 */
final class OutboundBuffer {
    /** Buffers per gathering write: enough to fill a socket's send buffer with small writes. */
    private static final int MAX_GATHER = 64;

    private final ArrayDeque<ByteBuffer> buffers = new ArrayDeque<>(0);
    private long size;

    boolean isEmpty() {
        return buffers.isEmpty();
    }

    /** Bytes queued. */
    long size() {
        return size;
    }

    /** Queues {@code b} as it is: it belongs to the buffer from now on. */
    void add(ByteBuffer b) {
        buffers.add(b);
        size += b.remaining();
    }

    /**
     * Writes {@code src} to {@code channel} at once if nothing is queued before it, and queues
     * a copy of what the channel did not take; true when all of it went out.
     */
    boolean send(GatheringByteChannel channel, ByteBuffer src) throws IOException {
        if (buffers.isEmpty() && src.hasRemaining()) {
            channel.write(src);
        }
        if (!src.hasRemaining()) {
            return true;
        }
        add(copyOf(src));
        return false;
    }

    /** Writes what is queued, up to {@value #MAX_GATHER} buffers a call; true when nothing is left. */
    boolean flushTo(GatheringByteChannel channel) throws IOException {
        while (!buffers.isEmpty()) {
            long wrote = channel.write(gather());
            consumed(wrote);
            if (wrote == 0 || !buffers.isEmpty() && buffers.peekFirst().position() > 0) {
                return false; // the socket is full
            }
        }
        return true;
    }

    /** The first queued buffers (at most {@value #MAX_GATHER}), for one gathering write or wrap. */
    ByteBuffer[] gather() {
        ByteBuffer[] batch = new ByteBuffer[Math.min(buffers.size(), MAX_GATHER)];
        int i = 0;
        for (ByteBuffer b : buffers) {
            if (i == batch.length) {
                break;
            }
            batch[i++] = b;
        }
        return batch;
    }

    /** {@code n} bytes of the {@link #gather()}ed buffers were taken: drop the emptied ones. */
    void consumed(long n) {
        size -= n;
        while (!buffers.isEmpty() && !buffers.peekFirst().hasRemaining()) {
            buffers.pollFirst();
        }
    }

    /**
     * If {@code view} (a caller's array, queued by {@link #add}) is still queued last with bytes
     * left, replaces it with a copy: the caller may reuse its array once its write returns.
     */
    void keepCopyOfLast(ByteBuffer view) {
        if (view.hasRemaining() && buffers.peekLast() == view) {
            buffers.pollLast();
            buffers.add(copyOf(view));
        }
    }

    /** Empties the buffer, returning what was queued (in order). */
    List<ByteBuffer> takeAll() {
        List<ByteBuffer> all = new ArrayList<>(buffers);
        clear();
        return all;
    }

    void clear() {
        buffers.clear();
        size = 0;
    }

    private static ByteBuffer copyOf(ByteBuffer src) {
        ByteBuffer copy = ByteBuffer.allocate(src.remaining());
        copy.put(src).flip();
        return copy;
    }
}
