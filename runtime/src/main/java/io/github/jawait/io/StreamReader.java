package io.github.jawait.io;

import io.github.jawait.AsyncGenerator;
import io.github.jawait.Awaitable;
import io.github.jawait.Coroutine;
import io.github.jawait.core.CompletedCoroutine;
import io.github.jawait.core.Then;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The reading half of a connection: asyncio's {@code StreamReader}. Bytes the loop reads from
 * the socket collect in a buffer; each read takes from it, suspending its task while what it
 * asks for has not arrived.
 *
 * <pre>{@code
 * String line = await(reader.readLine());          // null at end of stream
 * byte[] header = await(reader.readExactly(4));    // IncompleteReadError if the stream ends first
 * byte[] chunk = await(reader.read(8192));         // what is there, up to 8192; empty at the end
 * }</pre>
 *
 * <p>Backpressure: when more than twice the {@linkplain #limit() limit} is buffered, the loop
 * stops reading the socket (the peer's sends then block in TCP) until reads bring it back under
 * the limit. A line or {@code readUntil} chunk longer than the limit fails with
 * {@link LimitOverrunError}. One read may wait at a time, as in asyncio. Loop-thread only.
 */
public final class StreamReader {
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] NEWLINE = {'\n'};
    /** asyncio's {@code _DEFAULT_LIMIT}: 64 KiB. */
    public static final int DEFAULT_LIMIT = 64 * 1024;

    private final int limit;
    private byte[] buf = EMPTY;
    private int start;
    private int end;
    private boolean eof;
    private Throwable exception;
    private ReadOperation<?> waiter;
    /** Told when the buffer drains below the limit again, so that it reads the socket again. */
    private Runnable resume;
    private boolean paused;

    /** A reader fed by hand ({@link #feedData}, {@link #feedEof}); connections make their own. */
    public StreamReader(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.limit = limit;
    }

    public StreamReader() {
        this(DEFAULT_LIMIT);
    }

    public int limit() {
        return limit;
    }

    /** Bytes buffered and not read yet. */
    public int buffered() {
        return end - start;
    }

    /** Whether the stream ended and every byte was read: asyncio's {@code at_eof()}. */
    public boolean atEof() {
        return eof && start == end;
    }

    // ---- what the transport (or a test) feeds in ----

    /** Appends {@code n} bytes from {@code src}'s position; wakes the waiting read. */
    public void feedData(ByteBuffer src, int n) {
        if (eof) {
            throw new IllegalStateException("feedData after feedEof");
        }
        ensureRoom(n);
        src.get(buf, end, n);
        end += n;
        wakeWaiter();
    }

    /** Appends {@code data}; wakes the waiting read. */
    public void feedData(byte[] data) {
        feedData(ByteBuffer.wrap(data), data.length);
    }

    /** The stream ended: reads take what is left, then see the end. */
    public void feedEof() {
        eof = true;
        wakeWaiter();
    }

    /** The connection failed: the waiting read and later reads throw {@code error}. */
    public void setException(Throwable error) {
        exception = Objects.requireNonNull(error, "error");
        wakeWaiter();
    }

    /** The failure {@link #setException} recorded, or null: asyncio's {@code exception()}. */
    public Throwable exception() {
        return exception;
    }

    /** Whether the transport should stop reading the socket for now (more than twice the limit buffered). */
    boolean overLimit() {
        return end - start > 2 * limit;
    }

    /**
     * {@code startTls}: takes every unread byte out (the peer's first TLS records when it
     * started its handshake before this side switched) and forgets the old transport's pause.
     */
    byte[] takeBufferedForTls() {
        byte[] out = Arrays.copyOfRange(buf, start, end);
        start = 0;
        end = 0;
        paused = false;
        resume = null;
        return out;
    }

    void pausedBy(Runnable resumeReading) {
        paused = true;
        resume = resumeReading;
    }

    private void ensureRoom(int n) {
        if (buf.length - end >= n) {
            return;
        }
        int live = end - start;
        if (live + n <= buf.length && start > 0) {
            System.arraycopy(buf, start, buf, 0, live);
        } else {
            byte[] bigger = new byte[Math.max(live + n, Math.max(1024, buf.length * 2))];
            System.arraycopy(buf, start, bigger, 0, live);
            buf = bigger;
        }
        start = 0;
        end = live;
    }

    private void wakeWaiter() {
        ReadOperation<?> w = waiter;
        if (w != null) {
            w.retry();
        }
    }

    void becomeWaiter(ReadOperation<?> op) {
        if (waiter != null && waiter != op) {
            throw new IllegalStateException(op.describe() + " called while another coroutine is"
                    + " already waiting for incoming data (" + waiter.describe() + ")");
        }
        waiter = op;
    }

    void waiterDone(ReadOperation<?> op) {
        if (waiter == op) {
            waiter = null;
        }
    }

    /** Removes and returns {@code n} buffered bytes. */
    private byte[] consume(int n) {
        byte[] out = Arrays.copyOfRange(buf, start, start + n);
        start += n;
        if (start == end) {
            // an idle connection keeps no buffer: 10,000 of them must stay small
            start = 0;
            end = 0;
            if (buf.length > 4096) {
                buf = EMPTY;
            }
        }
        if (paused && end - start <= limit) {
            paused = false;
            Runnable r = resume;
            resume = null;
            r.run();
        }
        return out;
    }

    private void throwIfFailed() {
        if (exception != null) {
            throw io.github.jawait.core.Sneaky.rethrow(exception);
        }
    }

    private int indexOf(byte[] sep, int from) {
        outer:
        for (int i = Math.max(start, from); i <= end - sep.length; i++) {
            for (int j = 0; j < sep.length; j++) {
                if (buf[i + j] != sep[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    // ---- reads ----

    /**
     * Up to {@code n} bytes: what is buffered (waiting until something is), or an empty array
     * at the end of the stream. {@code read(-1)} reads until the end of the stream, as asyncio's
     * {@code read()}.
     */
    public Coroutine<byte[]> read(int n) {
        if (n == 0) {
            return new CompletedCoroutine<>(EMPTY);
        }
        if (n < 0) {
            return readAll();
        }
        return new ReadOperation<byte[]>(this) {
            @Override
            boolean attempt() {
                throwIfFailed();
                if (start < end) {
                    succeed(consume(Math.min(n, end - start)));
                    return true;
                }
                if (eof) {
                    succeed(EMPTY);
                    return true;
                }
                return false;
            }

            @Override
            String describe() {
                return "read(" + n + ")";
            }
        };
    }

    /** Everything until the end of the stream: asyncio's {@code read()}. */
    public Coroutine<byte[]> read() {
        return readAll();
    }

    private Coroutine<byte[]> readAll() {
        return new ReadOperation<byte[]>(this) {
            @Override
            boolean attempt() {
                throwIfFailed();
                if (!eof) {
                    if (paused && resume != null) {
                        // reading all: the limit must not stop the socket being read
                        paused = false;
                        Runnable r = resume;
                        resume = null;
                        r.run();
                    }
                    return false;
                }
                succeed(consume(end - start));
                return true;
            }

            @Override
            String describe() {
                return "read()";
            }
        };
    }

    /** Exactly {@code n} bytes; {@link IncompleteReadError} (with what came) if the stream ends first. */
    public Coroutine<byte[]> readExactly(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("readExactly size can not be less than zero: " + n);
        }
        return new ReadOperation<byte[]>(this) {
            @Override
            boolean attempt() {
                throwIfFailed();
                if (end - start >= n) {
                    succeed(consume(n));
                    return true;
                }
                if (eof) {
                    throw new IncompleteReadError(consume(end - start), n);
                }
                return false;
            }

            @Override
            String describe() {
                return "readExactly(" + n + ")";
            }
        };
    }

    /**
     * The bytes up to and including {@code separator}: asyncio's {@code readuntil}. The end of
     * the stream first: {@link IncompleteReadError} with what came. More than the limit without
     * the separator: {@link LimitOverrunError}, and the bytes stay buffered.
     */
    public Coroutine<byte[]> readUntil(byte[] separator) {
        Objects.requireNonNull(separator, "separator");
        if (separator.length == 0) {
            throw new IllegalArgumentException("Separator should be at least one-byte string");
        }
        return new ReadOperation<byte[]>(this) {
            private int searched; // bytes already searched, so that a long line is scanned once

            @Override
            boolean attempt() {
                throwIfFailed();
                int at = indexOf(separator, start + searched);
                if (at >= 0) {
                    int chunk = at - start + separator.length;
                    if (at - start > limit) {
                        throw new LimitOverrunError("Separator is found, but chunk is longer than limit", at - start);
                    }
                    succeed(consume(chunk));
                    return true;
                }
                searched = Math.max(0, end - start - separator.length + 1);
                if (searched > limit) {
                    throw new LimitOverrunError("Separator is not found, and chunk exceed the limit", searched);
                }
                if (eof) {
                    throw new IncompleteReadError(consume(end - start), null);
                }
                return false;
            }

            @Override
            String describe() {
                return "readUntil(" + separator.length + " bytes)";
            }
        };
    }

    /**
     * The next line as UTF-8 text without its {@code \n} (or {@code \r\n}), the last line even
     * without one, or null at the end of the stream: {@code BufferedReader.readLine}'s contract
     * over asyncio's {@code readline()}. A line longer than the limit fails with
     * {@link LimitOverrunError} and is discarded (up to its newline, if it arrived), so the
     * next read starts afresh, as asyncio does.
     */
    public Coroutine<String> readLine() {
        return new ReadOperation<String>(this) {
            private int searched;

            @Override
            boolean attempt() {
                if (exception != null) {
                    start = end = 0; // asyncio's readline drops the buffer with the error
                    throwIfFailed();
                }
                int at = indexOf(NEWLINE, start + searched);
                if (at >= 0) {
                    if (at - start > limit) {
                        consume(at - start + 1);
                        throw new LimitOverrunError("Separator is found, but chunk is longer than limit", at - start);
                    }
                    succeed(text(consume(at - start + 1)));
                    return true;
                }
                searched = end - start;
                if (searched > limit) {
                    consume(end - start);
                    throw new LimitOverrunError("Separator is not found, and chunk exceed the limit", searched);
                }
                if (eof) {
                    succeed(start == end ? null : text(consume(end - start)));
                    return true;
                }
                return false;
            }

            @Override
            String describe() {
                return "readLine()";
            }
        };
    }

    private static String text(byte[] line) {
        int n = line.length;
        if (n > 0 && line[n - 1] == '\n') {
            n--;
            if (n > 0 && line[n - 1] == '\r') {
                n--;
            }
        }
        return new String(line, 0, n, StandardCharsets.UTF_8);
    }

    /** The lines until the end of the stream, as an async generator: asyncio's {@code async for line in reader}. */
    public AsyncGenerator<String> lines() {
        StreamReader self = this;
        return new AsyncGenerator<String>() {
            private String next;
            private boolean closed;

            @Override
            public Awaitable<Boolean> hasNext() {
                if (closed) {
                    return new CompletedCoroutine<>(false);
                }
                return Then.then(self.readLine(), (String line) -> {
                    next = line;
                    if (line == null) {
                        closed = true;
                    }
                    return line != null;
                });
            }

            @Override
            public String next() {
                if (next == null) {
                    throw new java.util.NoSuchElementException("await hasNext() first");
                }
                String line = next;
                next = null;
                return line;
            }

            @Override
            public Awaitable<Void> closeAsync() {
                closed = true;
                return CompletedCoroutine.DONE;
            }
        };
    }

    @Override
    public String toString() {
        return "<StreamReader " + (end - start) + " bytes" + (eof ? " eof" : "")
                + (exception != null ? " exception=" + exception : "")
                + (waiter != null ? " waiter=" + waiter.describe() : "") + ">";
    }
}
