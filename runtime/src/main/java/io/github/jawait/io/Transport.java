package io.github.jawait.io;

import java.net.SocketException;
import java.nio.channels.SocketChannel;

/**
 * What a {@link StreamWriter} (and a {@link Server}) asks of the connection under it: asyncio's
 * transport interface. {@link SocketTransport} moves plain bytes, {@link TlsTransport} runs
 * them through an {@link javax.net.ssl.SSLEngine}; both extend {@link SelectorTransport}, which
 * holds their lifecycle. {@code startTls} swaps the first for the second under the same writer
 * and reader.
 *
 * <p>Each implementation feeds its {@link StreamReader} itself, so the read path has no
 * extra call through this interface. {@link #queued()} counts every byte held for sending
 * (plaintext and ciphertext), which is what the water marks of {@code drain()} apply to.
 */
interface Transport {
    SocketChannel channel();

    StreamReader reader();

    /** Sends {@code len} bytes of {@code data} (copying what must wait); never blocks. */
    void write(byte[] data, int off, int len);

    /** Closes the sending direction once what is queued is sent. */
    void writeEof();

    /** Bytes held for sending: asyncio's {@code get_write_buffer_size()}. */
    long queued();

    boolean overHighWater();

    void setWriteBufferLimits(int high, int low);

    /** Stops reading, sends what is queued, then closes. */
    void close();

    /** Closes at once, dropping what is queued. */
    void abort();

    boolean isClosing();

    boolean isClosed();

    /** The error {@code drain()} raises once the connection is gone. */
    SocketException lostError();

    /** asyncio's {@code get_extra_info} for names beyond the socket's: null when unknown. */
    default Object extraInfo(String name) {
        return null;
    }
}
