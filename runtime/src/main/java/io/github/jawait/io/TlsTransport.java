package io.github.jawait.io;

import io.github.jawait.Awaitable;
import io.github.jawait.EventLoop;
import io.github.jawait.core.CompletedCoroutine;
import io.github.jawait.core.Sneaky;
import io.github.jawait.core.Then;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.security.cert.Certificate;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * One TLS connection on the loop (asyncio's {@code SSLProtocol} and its transport in one): the
 * plaintext a {@link StreamWriter} writes is wrapped by an {@link SSLEngine} and sent, what the
 * socket delivers is unwrapped and fed to the {@link StreamReader}.
 *
 * <p>Everything happens in {@link #pump()}, run on each readiness event and each write: run
 * the engine's delegated tasks (inline, on the loop thread: a handshake's certificate checks
 * take about a millisecond), wrap what the handshake needs, unwrap what arrived, then wrap
 * application data once the handshake is over. Plaintext written before the handshake ends
 * waits in a queue, as in asyncio.
 *
 * <p>Buffers: ciphertext is read into, and plaintext unwrapped into, scratch buffers owned by
 * the loop thread; only the bytes of a partly received record are kept per connection, so an
 * idle TLS connection holds no network buffer. Plaintext the engine has not wrapped yet and
 * ciphertext the socket has not taken are queued; their sum is what {@code drain()}'s water
 * marks measure.
 *
 * <p>Closing sends {@code close_notify} after the queued data, then closes the socket without
 * waiting for the peer's (TLS allows it). {@code writeEof} sends {@code close_notify} and
 * half-closes TCP; with TLS 1.3 the peer can still answer (TLS 1.2 closes both directions).
 * An end of stream without the peer's {@code close_notify} after the handshake reads as a
 * normal end of stream (Python's {@code suppress_ragged_eofs}); during the handshake it is an
 * {@link SSLHandshakeException}.
 */
final class TlsTransport extends SelectorTransport {
    private static final int SCRATCH = 64 * 1024;
    private static final ThreadLocal<ByteBuffer[]> SCRATCH_BUFFERS = new ThreadLocal<>();
    private static final ByteBuffer[] NOTHING = {ByteBuffer.allocate(0)};

    private final SSLEngine engine;
    private final SSLContext context;

    /**
     * Application bytes not wrapped yet; the newest may be a view of the caller's array during a
     * write. The ciphertext the socket has not taken yet is {@link #outbound}.
     */
    private final OutboundBuffer plain = new OutboundBuffer();
    /** The start of a record whose rest has not arrived (or was not unwrapped while reading was paused). */
    private byte[] carry;
    /** While a read is processed: the scratch buffer holding ciphertext to unwrap. */
    private ByteBuffer netIn;

    private boolean handshakeDone;
    private Throwable handshakeFailure;
    private final EventWaiters handshakeWaiters = new EventWaiters();
    private Consumer<Throwable> handshakeListener;
    private boolean pumping;
    /** Ciphertext bytes the last {@link #wrap} made: a guard against an engine that asks in vain. */
    private long lastProduced;
    private boolean pumpAgain;
    private boolean inboundDone;
    private boolean tcpEof;
    private boolean outboundClosed;

    TlsTransport(EventLoop loop, SocketChannel channel, StreamReader reader, SSLContext context, SSLEngine engine,
            int high, int low) {
        super(loop, channel, reader, high, low);
        this.context = context;
        this.engine = engine;
    }

    /**
     * Starts the handshake. {@code unsent} is what a plain transport had queued before
     * {@code startTls} and goes out first; {@code received} is ciphertext that already arrived.
     */
    void start(StreamWriter w, List<ByteBuffer> unsent, byte[] received) {
        this.writer = w;
        for (ByteBuffer b : unsent) {
            outbound.add(b);
        }
        if (received != null && received.length > 0) {
            carry = received;
        }
        try {
            engine.beginHandshake();
        } catch (SSLException e) {
            failed(e);
            return;
        }
        loop.addReader(channel, onReadable);
        if (carry != null) {
            process(false);
        } else {
            pump();
        }
    }

    SSLSession session() {
        return handshakeDone ? engine.getSession() : null;
    }

    // ---- the handshake ----

    /** Completes when the handshake has; fails with the engine's exception. Cancelling it aborts the connection. */
    Awaitable<Void> handshake() {
        if (handshakeDone) {
            return CompletedCoroutine.DONE;
        }
        if (handshakeFailure != null) {
            Throwable failure = handshakeFailure;
            return Then.then(CompletedCoroutine.DONE, v -> {
                throw Sneaky.rethrow(failure);
            });
        }
        return handshakeWaiters.add(this::abort); // asyncio closes the transport when start_tls is cancelled
    }

    /** A server's way to learn the outcome: {@code listener} gets null or the failure, once. */
    void onHandshake(Consumer<Throwable> listener) {
        if (handshakeDone || handshakeFailure != null) {
            listener.accept(handshakeFailure);
        } else {
            handshakeListener = listener;
        }
    }

    private void handshakeEnded(Throwable failure) {
        if (handshakeDone || handshakeFailure != null) {
            return;
        }
        if (failure == null) {
            handshakeDone = true;
        } else {
            handshakeFailure = failure;
        }
        if (failure == null) {
            handshakeWaiters.wakeAll();
        } else {
            handshakeWaiters.failAll(() -> failure);
        }
        Consumer<Throwable> l = handshakeListener;
        handshakeListener = null;
        if (l != null) {
            l.accept(failure);
        }
    }

    // ---- reading ----

    @Override
    void readReady() {
        process(true);
    }

    /** Reads the socket (if {@code fromSocket}), unwraps what is there and answers what the engine needs. */
    private void process(boolean fromSocket) {
        if (closed) {
            return;
        }
        ByteBuffer in = scratch(0);
        if (carry != null && carry.length > in.capacity() - SCRATCH / 2) {
            in = ByteBuffer.allocate(carry.length + SCRATCH); // much was left unread while reading was paused
        }
        in.clear();
        if (carry != null) {
            in.put(carry);
            carry = null;
        }
        if (fromSocket && !tcpEof) {
            try {
                if (channel.read(in) < 0) {
                    tcpEof = true;
                    loop.removeReader(channel);
                }
            } catch (IOException e) {
                connectionLost(e);
                return;
            }
        }
        in.flip();
        netIn = in;
        try {
            pump();
        } finally {
            netIn = null;
            if (in.hasRemaining() && !closed && !inboundDone) {
                carry = new byte[in.remaining()];
                in.get(carry);
            }
        }
        if (tcpEof && !closed) {
            endOfStream();
        }
    }

    private void endOfStream() {
        if (!handshakeDone) {
            failed(new SSLHandshakeException("Remote host terminated the handshake"));
            return;
        }
        if (!inboundDone) {
            inboundDone = true; // no close_notify: read as a plain end of stream (a "ragged EOF")
            carry = null;
            reader.feedEof();
        }
        closeIfBothDone();
    }

    /** Reads resume; records already received are unwrapped even if the socket stays silent. */
    @Override
    void readingResumed() {
        if (inboundDone) {
            return;
        }
        if (!tcpEof) {
            loop.addReader(channel, onReadable);
        }
        if (carry != null) {
            loop.callSoon(() -> process(false)); // records already received; the socket may stay silent
        }
    }

    /** One unwrap; false when nothing could be done (no complete record, or reading paused). */
    private boolean unwrapOnce(boolean handshaking) throws SSLException {
        ByteBuffer in = netIn;
        if (in == null || !in.hasRemaining() || inboundDone || readPaused && !handshaking) {
            return false;
        }
        ByteBuffer app = scratch(1);
        app.clear();
        SSLEngineResult r = engine.unwrap(in, app);
        if (app.position() > 0 && !inboundDone) {
            app.flip();
            reader.feedData(app, app.remaining());
            pauseReadingIfFull();
        }
        switch (r.getStatus()) {
            case BUFFER_UNDERFLOW:
                return false;
            case BUFFER_OVERFLOW:
                throw new SSLException("a TLS record does not fit the " + app.capacity() + "-byte buffer");
            case CLOSED:
                if (!inboundDone) {
                    inboundDone = true; // the peer's close_notify
                    in.position(in.limit());
                    loop.removeReader(channel);
                    reader.feedEof();
                    return true;
                }
                return false;
            default:
                if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                    handshakeEnded(null);
                }
                return r.bytesConsumed() > 0 || r.bytesProduced() > 0;
        }
    }

    // ---- writing ----

    @Override
    public void write(byte[] data, int off, int len) {
        if (!acceptsWrite(len)) {
            return;
        }
        ByteBuffer view = ByteBuffer.wrap(data, off, len);
        plain.add(view);
        pump();
        plain.keepCopyOfLast(view);
    }

    /** The socket has room again: send the queued ciphertext and whatever waited for it. */
    @Override
    void writeReady() {
        pump();
    }

    /**
     * Does all that can be done now: runs delegated tasks, sends queued ciphertext, wraps what
     * the handshake or the application has to send, unwraps what arrived. Never re-entered: a
     * call from inside (a reader woken by data that writes at once) asks for another round.
     */
    private void pump() {
        if (pumping) {
            pumpAgain = true;
            return;
        }
        pumping = true;
        try {
            do {
                pumpAgain = false;
                pumpOnce();
            } while (pumpAgain && !closed);
        } catch (SSLException e) {
            failed(e);
            return;
        } catch (IOException e) {
            connectionLost(e);
            return;
        } finally {
            pumping = false;
        }
        if (closed) {
            return;
        }
        if (outbound.isEmpty()) {
            loop.removeWriter(channel);
        } else {
            loop.addWriter(channel, onWritable);
        }
        afterFlush();
    }

    private void pumpOnce() throws IOException {
        while (!closed) {
            boolean socketFull = !outbound.flushTo(channel);
            HandshakeStatus hs = engine.getHandshakeStatus();
            switch (hs) {
                case NEED_TASK -> {
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) {
                        task.run();
                    }
                    continue;
                }
                case NEED_WRAP -> {
                    if (socketFull) {
                        return; // the writable event resumes here
                    }
                    wrap(NOTHING, 0, 1);
                    if (lastProduced == 0) {
                        throw new SSLException("the TLS engine asked to wrap and produced nothing");
                    }
                    continue;
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (unwrapOnce(true)) {
                        continue;
                    }
                    return; // wait for more ciphertext (an end of stream is reported by process())
                }
                default -> {
                    if (!handshakeDone) {
                        handshakeEnded(null); // the status said FINISHED to a wrap
                    }
                }
            }
            boolean progressed = unwrapOnce(false);
            if (!socketFull && !plain.isEmpty()) {
                progressed |= wrapApplicationData();
            }
            if (!socketFull && eofRequested && plain.isEmpty() && !outboundClosed) {
                engine.closeOutbound(); // the next wrap makes the close_notify
                outboundClosed = true;
                progressed = true;
            }
            if (!progressed) {
                return;
            }
        }
    }

    /** Wraps queued plaintext into records, gathering small writes into full records. */
    private boolean wrapApplicationData() throws IOException {
        ByteBuffer[] batch = plain.gather();
        long consumed = wrap(batch, 0, batch.length);
        plain.consumed(consumed);
        return consumed > 0;
    }

    /**
     * Wraps from {@code srcs} into the scratch buffer, record after record while it has room,
     * and sends the result; returns the plaintext bytes consumed.
     */
    private long wrap(ByteBuffer[] srcs, int offset, int length) throws IOException {
        int packet = engine.getSession().getPacketBufferSize();
        ByteBuffer out = scratch(2);
        if (out.capacity() < packet) {
            out = ByteBuffer.allocate(packet);
        }
        out.clear();
        long consumed = 0;
        lastProduced = 0;
        do {
            SSLEngineResult r = engine.wrap(srcs, offset, length, out);
            consumed += r.bytesConsumed();
            lastProduced += r.bytesProduced();
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                break;
            }
            if (r.getStatus() == SSLEngineResult.Status.CLOSED && r.bytesProduced() == 0 && consumed == 0
                    && remaining(srcs, offset, length) > 0) {
                throw new SSLException("the TLS session is closed for writing (the peer sent close_notify"
                        + " under TLS 1.2, or writeEof was called)");
            }
            if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                handshakeEnded(null);
            }
            if (r.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING
                    && r.getHandshakeStatus() != HandshakeStatus.FINISHED
                    || r.bytesProduced() == 0 || r.getStatus() == SSLEngineResult.Status.CLOSED) {
                break;
            }
        } while (out.remaining() >= packet && remaining(srcs, offset, length) > 0);
        out.flip();
        outbound.send(channel, out);
        return consumed;
    }

    private static long remaining(ByteBuffer[] srcs, int offset, int length) {
        long n = 0;
        for (int i = offset; i < offset + length; i++) {
            n += srcs[i].remaining();
        }
        return n;
    }

    /** What happens once the queues moved: half-close or close after close_notify, wake drainers. */
    private void afterFlush() {
        if (outbound.isEmpty() && engine.isOutboundDone()) {
            if (closing || inboundDone) {
                closeNow(null);
                return;
            }
            if (!eofWritten && !shutdownOutput()) {
                return;
            }
        }
        wakeWriterIfLow();
    }

    private void closeIfBothDone() {
        if (!closed && inboundDone && engine.isOutboundDone() && outbound.isEmpty()) {
            closeNow(null);
        }
    }

    @Override
    public long queued() {
        return plain.size() + outbound.size();
    }

    /** Sends close_notify after what is queued, then half-closes TCP. */
    @Override
    void sendEof() {
        pump();
    }

    // ---- closing ----

    /** Stops reading, sends what is queued and close_notify, then closes. Before the handshake ended: at once. */
    @Override
    void closeGracefully() {
        if (!handshakeDone) {
            closeNow(null);
            return;
        }
        loop.removeReader(channel);
        eofRequested = true;
        pump();
    }

    /** The engine refused (a bad certificate, a bad record): send its alert if possible, then close. */
    private void failed(SSLException e) {
        if (closed) {
            return;
        }
        if (lost == null) {
            lost = e;
        }
        try {
            // the engine has an alert for the peer: one try to send it, without waiting
            engine.closeOutbound();
            ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            engine.wrap(NOTHING, out);
            out.flip();
            if (outbound.isEmpty()) {
                channel.write(out);
            }
        } catch (IOException | RuntimeException ignored) {
            // the alert is a courtesy
        }
        closeNow(e);
    }

    @Override
    void onClosed(Throwable error) {
        plain.clear();
        carry = null;
        if (!handshakeDone) {
            handshakeEnded(error != null ? error
                    : new SSLHandshakeException("the connection was closed during the TLS handshake"));
        }
    }

    /** asyncio's TLS extra info: {@code "sslcontext"}, {@code "ssl_object"} (the engine), {@code "cipher"}, {@code "peercert"}. */
    @Override
    public Object extraInfo(String name) {
        return switch (name) {
            case "sslcontext" -> context;
            case "ssl_object" -> engine;
            case "cipher" -> handshakeDone ? engine.getSession().getCipherSuite() : null;
            case "peercert" -> peerCertificate();
            default -> null;
        };
    }

    private Certificate peerCertificate() {
        if (!handshakeDone) {
            return null;
        }
        try {
            Certificate[] chain = engine.getSession().getPeerCertificates();
            return chain.length == 0 ? null : chain[0];
        } catch (SSLPeerUnverifiedException none) {
            return null;
        }
    }

    /** The loop thread's scratch buffers: 0 ciphertext in, 1 plaintext out of unwrap, 2 ciphertext out of wrap. */
    private static ByteBuffer scratch(int which) {
        ByteBuffer[] all = SCRATCH_BUFFERS.get();
        if (all == null) {
            all = new ByteBuffer[] {ByteBuffer.allocate(SCRATCH + 32 * 1024), ByteBuffer.allocate(SCRATCH),
                    ByteBuffer.allocate(SCRATCH)};
            SCRATCH_BUFFERS.set(all);
        }
        return all[which];
    }

    @Override
    public String toString() {
        return describe("TlsTransport", handshakeDone ? " " + engine.getSession().getProtocol() : " handshaking");
    }
}
