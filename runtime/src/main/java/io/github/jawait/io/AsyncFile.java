package io.github.jawait.io;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.emit;
import static io.github.jawait.Asyncio.end;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.toThread;

import io.github.jawait.Async;
import io.github.jawait.AsyncCloseable;
import io.github.jawait.AsyncGenerator;
import io.github.jawait.Coroutine;
import io.github.jawait.core.Sneaky;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * An open file whose reads and writes suspend the awaiting coroutine instead of blocking the
 * loop: what {@code aiofiles.open(...)} gives. Made by {@link AsyncFiles#open}; an
 * {@link AsyncCloseable}, so {@code async with aiofiles.open(p) as f:} is
 *
 * <pre>{@code
 * try (AsyncFile f = await(AsyncFiles.open(path))) {
 *     String first = await(f.readLine());
 *     String rest = await(f.read());
 * }                                     // flushes what was written, then closes
 * }</pre>
 *
 * <p><b>How it waits.</b> Reads and writes go through an {@link AsynchronousFileChannel}: the
 * channel completes them on its own threads, and each completion is posted to the loop's inbox
 * once. On Linux and macOS the JDK implements that channel with a pool of its own threads doing
 * positional reads and writes ({@code pread}/{@code pwrite}); on Windows it is overlapped I/O.
 * Calls the JDK only has in blocking form (opening, {@link #sync()}) run on the loop's default
 * executor ({@code toThread}). Closing runs on the loop thread: closing a file descriptor does
 * not wait for the device.
 *
 * <p><b>Text and bytes.</b> Text methods decode with the file's charset (UTF-8 unless given);
 * a character split across two reads is put back together, and malformed input fails with
 * {@link java.nio.charset.MalformedInputException}, as {@code Files.readString} does. Counts of
 * text are in {@code char}s, as in {@link java.io.Reader}. Text and byte methods may be mixed;
 * the file keeps one position, in bytes ({@link #position()}).
 *
 * <p><b>Buffering.</b> Reads fetch a buffer's worth ahead; writes collect in a buffer and go to
 * the file when it is full, on {@link #flush()}, before a read or seek, and on close (Python's
 * buffered files). {@code APPEND} starts at the end of the file as it was when opened: the
 * asynchronous channel has no {@code O_APPEND}, so another process appending at the same time
 * may be overwritten.
 *
 * <p><b>Cancellation.</b> Cancelling a task in the middle of a read loses nothing and closes
 * nothing: the channel is never interrupted (interrupting a channel closes it); the read goes
 * on in the background, its bytes land in the file's buffer, and the next operation starts
 * from the position the cancelled read started at. A write cancelled in flight may or may not
 * have reached the file, as with any write.
 *
 * <p>One operation at a time: awaiting a second one while another task's is in progress fails
 * with {@link IllegalStateException}. Loop-thread only, like everything on a loop.
 */
public final class AsyncFile implements AsyncCloseable {
    private final AsynchronousFileChannel channel;
    private final Path path;
    private final Charset charset;
    private final boolean readable;
    private final boolean writable;
    private final int bufferSize;

    /** Bytes read ahead: [start, end) of buf. */
    private byte[] buf;
    private int start;
    private int end;
    /** Bytes written, not yet in the file: [0, wlen) of wbuf. */
    private byte[] wbuf;
    private int wlen;
    /** The file offset just past the bytes read ahead, or where wbuf[0] goes. */
    private long filePos;
    /** Whether the last read of the channel found the end of the file. */
    private boolean atEof;
    /** Room offered to the last read, and what it read. */
    private int requested;
    private int lastCount;
    /** The file's size when it was opened: how much room {@link #readAllBytes()} starts with. */
    private final long sizeAtOpen;

    private TextDecoder decoder;
    private CharsetEncoder encoder;
    /** Chars of the last write not encoded yet: half of a surrogate pair. */
    private String carry = "";

    /** The channel operation in flight whose effect is not applied yet. */
    private ChannelOp pending;
    private boolean busy;
    private boolean closed;

    AsyncFile(AsynchronousFileChannel channel, Path path, Charset charset, boolean readable,
            boolean writable, long sizeAtOpen, long startPosition, int bufferSize) {
        this.sizeAtOpen = sizeAtOpen;
        this.channel = channel;
        this.path = path;
        this.charset = charset;
        this.readable = readable;
        this.writable = writable;
        this.filePos = startPosition;
        this.bufferSize = bufferSize;
    }

    /** The path it was opened with. */
    public Path path() {
        return path;
    }

    /** The charset of its text methods. */
    public Charset charset() {
        return charset;
    }

    /** Whether it was closed. */
    public boolean isClosed() {
        return closed;
    }

    // ---- reading -------------------------------------------------------------------------

    /** The rest of the file as text ({@code await f.read()}); empty at the end of the file. */
    @Async
    public Coroutine<String> read() throws IOException {
        enter("read()", true, false);
        try {
            await(prepareRead());
            TextDecoder d = decoder();
            while (await(moreText())) {
                // decode to the end
            }
            return result(d.takeAll());
        } finally {
            busy = false;
        }
    }

    /**
     * Up to {@code chars} chars of text, fewer only at the end of the file; empty there
     * ({@code await f.read(n)}).
     */
    @Async
    public Coroutine<String> read(int chars) throws IOException {
        if (chars < 0) {
            throw new IllegalArgumentException("read(" + chars + "): a count cannot be negative");
        }
        enter("read(n)", true, false);
        try {
            await(prepareRead());
            TextDecoder d = decoder();
            while (d.available() < chars && await(moreText())) {
                // decode until enough text or the end
            }
            return result(d.take(chars));
        } finally {
            busy = false;
        }
    }

    /**
     * The next line without its terminator ({@code \n}, {@code \r\n} or {@code \r}), or null at
     * the end of the file, as {@code BufferedReader.readLine} ({@code await f.readline()}).
     */
    @Async
    public Coroutine<String> readLine() throws IOException {
        enter("readLine()", true, false);
        try {
            await(prepareRead());
            TextDecoder d = decoder();
            while (true) {
                String line = d.takeLine(false);
                if (line != null) {
                    return result(line);
                }
                if (!await(moreText())) {
                    return result(d.takeLine(true));
                }
            }
        } finally {
            busy = false;
        }
    }

    /** The remaining lines ({@code async for line in f:}); closing the generator leaves the file open. */
    @Async
    public AsyncGenerator<String> lines() throws IOException {
        String line;
        while ((line = await(readLine())) != null) {
            emit(line);
        }
        return end();
    }

    /** Up to {@code n} bytes, fewer only at the end of the file; an empty array there. */
    @Async
    public Coroutine<byte[]> readBytes(int n) throws IOException {
        if (n < 0) {
            throw new IllegalArgumentException("readBytes(" + n + "): a count cannot be negative");
        }
        enter("readBytes(n)", true, false);
        try {
            await(prepareRead());
            dropTextAhead();
            if (buf == null || buf.length < n) {
                reserveReadRoom(n); // one channel read for a large request
            }
            while (end - start < n && await(fill())) {
                // read until n bytes or the end
            }
            int k = Math.min(n, end - start);
            byte[] out = Arrays.copyOfRange(buf, start, start + k);
            start += k;
            return result(out);
        } finally {
            busy = false;
        }
    }

    /** The rest of the file as bytes. */
    @Async
    public Coroutine<byte[]> readAllBytes() throws IOException {
        enter("readAllBytes()", true, false);
        try {
            await(prepareRead());
            dropTextAhead();
            long rest = Math.max(0, sizeAtOpen - filePos) + (end - start);
            if (rest > Integer.MAX_VALUE - 16) {
                throw new OutOfMemoryError("file too large for an array: " + path);
            }
            reserveReadRoom((int) rest + 1); // room for one byte more than expected: a file that grew shows
            while (await(fill())) {
                if (lastCount < requested) {
                    break; // a short read of a regular file: its end as it is now, no second read to confirm
                }
                if (end == buf.length) {
                    reserveReadRoom(buf.length); // it grew since it was opened
                }
            }
            byte[] out = Arrays.copyOfRange(buf, start, end);
            start = end;
            return result(out);
        } finally {
            busy = false;
        }
    }

    // ---- writing -------------------------------------------------------------------------

    /** Writes {@code text} in the file's charset; it reaches the file by {@link #flush()} or close. */
    @Async
    public Coroutine<Void> write(CharSequence text) throws IOException {
        enter("write(text)", false, true);
        try {
            await(prepareWrite());
            encode(text, false);
            if (wlen >= bufferSize) {
                await(flushWrites());
            }
            return done();
        } finally {
            busy = false;
        }
    }

    /** Writes {@code bytes}; they reach the file by {@link #flush()} or close. */
    @Async
    public Coroutine<Void> write(byte[] bytes) throws IOException {
        enter("write(bytes)", false, true);
        try {
            await(prepareWrite());
            reserveWriteRoom(bytes.length);
            System.arraycopy(bytes, 0, wbuf, wlen, bytes.length);
            wlen += bytes.length;
            if (wlen >= bufferSize) {
                await(flushWrites());
            }
            return done();
        } finally {
            busy = false;
        }
    }

    /** Writes what is buffered to the file (the operating system's cache; {@link #sync()} reaches the device). */
    @Async
    public Coroutine<Void> flush() throws IOException {
        enter("flush()", false, false);
        try {
            await(settle());
            await(flushWrites());
            return done();
        } finally {
            busy = false;
        }
    }

    /** {@link #flush()}, then waits until the data is on the device ({@code fsync}, on the default executor). */
    @Async
    public Coroutine<Void> sync() throws IOException {
        enter("sync()", false, false);
        try {
            await(settle());
            await(flushWrites());
            await(toThread(() -> {
                channel.force(true);
                return null;
            }));
            return done();
        } finally {
            busy = false;
        }
    }

    // ---- position ------------------------------------------------------------------------

    /** The byte offset the next read or write starts at ({@code f.tell()}). */
    public long position() throws CharacterCodingException {
        if (wlen > 0) {
            return filePos + wlen;
        }
        long ahead = end - start;
        if (decoder != null) {
            ahead += decoder.undecodedBytes() + decoder.bufferedTextBytes();
        }
        return filePos - ahead;
    }

    /** Moves to byte offset {@code position}, after writing what is buffered ({@code f.seek(pos)}). */
    @Async
    public Coroutine<Void> seek(long position) throws IOException {
        if (position < 0) {
            throw new IllegalArgumentException("seek(" + position + "): a position cannot be negative");
        }
        enter("seek()", false, false);
        try {
            await(settle());
            await(flushWrites());
            clearReadAhead();
            filePos = position;
            atEof = false;
            return done();
        } finally {
            busy = false;
        }
    }

    // ---- closing -------------------------------------------------------------------------

    /**
     * Writes what is buffered, then closes the channel (also when the writing fails or the task
     * is cancelled meanwhile). Closing again does nothing. The end of {@code async with}.
     */
    @Override
    public Coroutine<Void> closeAsync() {
        // not @Async itself: javac copies annotations onto the bridge method returning Awaitable
        return closing();
    }

    @Async
    private Coroutine<Void> closing() {
        if (closed) {
            return done();
        }
        enter("closeAsync()", false, false);
        try {
            await(settle());
            if (encoder != null) {
                encode("", true);
            }
            await(flushWrites());
        } catch (IOException e) {
            throw Sneaky.rethrow(e); // AsyncCloseable.closeAsync declares nothing; the failure goes out as it is
        } finally {
            closed = true;
            busy = false;
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return done();
    }

    @Override
    public String toString() {
        return "<AsyncFile " + path + (closed ? " closed" : "") + ">";
    }

    // ---- the machinery ---------------------------------------------------------------------

    private void enter(String what, boolean reading, boolean writing) {
        if (closed) {
            throw new IllegalStateException(what + " on " + this + ": the file is closed");
        }
        if (reading && !readable) {
            throw new IllegalStateException(what + " on " + this + ": not opened for reading (open with READ)");
        }
        if (writing && !writable) {
            throw new IllegalStateException(what + " on " + this + ": not opened for writing (open with WRITE or APPEND)");
        }
        if (busy) {
            throw new IllegalStateException(what + " on " + this + " while another operation on it is"
                    + " in progress; await one operation at a time");
        }
        busy = true;
    }

    private TextDecoder decoder() {
        if (decoder == null) {
            decoder = new TextDecoder(charset);
        }
        return decoder;
    }

    /** Before reading: the previous operation's effect applied, written bytes in the file. */
    @Async
    private Coroutine<Void> prepareRead() throws IOException {
        await(settle());
        if (wlen > 0) {
            await(flushWrites());
        }
        return done();
    }

    /** Before writing: the read-ahead is given back, so that writing starts at {@link #position()}. */
    @Async
    private Coroutine<Void> prepareWrite() throws IOException {
        await(settle());
        if (end > start || (decoder != null && (decoder.available() > 0 || decoder.undecodedBytes() > 0))) {
            long p = position();
            clearReadAhead();
            filePos = p;
        }
        return done();
    }

    /** Before reading bytes: text decoded ahead is given back. */
    private void dropTextAhead() throws CharacterCodingException {
        if (decoder != null && (decoder.available() > 0 || decoder.undecodedBytes() > 0)) {
            long p = position();
            clearReadAhead();
            filePos = p;
            atEof = false;
        }
    }

    private void clearReadAhead() {
        start = 0;
        end = 0;
        if (decoder != null) {
            decoder.clear();
        }
    }

    /** Decodes more text; false at the end of the file (the decoder is then told so). */
    @Async
    private Coroutine<Boolean> moreText() throws IOException {
        if (end == start && !await(fill())) {
            decoder.endOfInput();
            return result(false);
        }
        decoder.feed(buf, start, end - start);
        start = end;
        return result(true);
    }

    /** Reads the next piece of the file into the read-ahead; false at the end of the file. */
    @Async
    private Coroutine<Boolean> fill() throws IOException {
        if (buf == null || end == buf.length) {
            reserveReadRoom(bufferSize);
        }
        ChannelOp op = new ChannelOp(false);
        requested = buf.length - end;
        channel.read(ByteBuffer.wrap(buf, end, requested), filePos, null, op);
        pending = op; // only once the channel took it: a refused call leaves nothing pending
        await(settle());
        return result(!atEof);
    }

    /** Writes the whole write buffer, in as many channel writes as it takes. */
    @Async
    private Coroutine<Void> flushWrites() throws IOException {
        while (wlen > 0) {
            ChannelOp op = new ChannelOp(true);
            channel.write(ByteBuffer.wrap(wbuf, 0, wlen), filePos, null, op);
            pending = op;
            await(settle());
        }
        if (wbuf != null && wbuf.length > 4 * bufferSize) {
            wbuf = null; // do not keep the buffer of one huge write
        }
        return done();
    }

    /**
     * Waits for the channel operation in flight, if any, and applies its effect. If the
     * awaiting task is cancelled meanwhile, the operation stays pending and the next operation
     * settles it first: its bytes are neither lost nor read twice.
     */
    @Async
    private Coroutine<Void> settle() {
        ChannelOp op = pending;
        if (op == null) {
            return done();
        }
        try {
            // a copy: however this await ends, the operation's own future stays untouched
            await(op.finished.copy());
        } finally {
            if (op.finished.isDone() && pending == op) {
                pending = null;
                if (!op.finished.isCompletedExceptionally()) {
                    // done: getNow, not join, which the agent reports as a blocking call
                    apply(op, op.finished.getNow(0));
                }
            }
        }
        return done();
    }

    private void apply(ChannelOp op, int n) {
        if (op.write) {
            filePos += n;
            System.arraycopy(wbuf, n, wbuf, 0, wlen - n);
            wlen -= n;
        } else if (n < 0) {
            atEof = true;
            lastCount = 0;
        } else {
            lastCount = n;
            atEof = false;
            end += n;
            filePos += n;
        }
    }

    /** Makes room for at least {@code n} more bytes after {@code end}. */
    private void reserveReadRoom(int n) {
        if (buf == null) {
            buf = new byte[Math.max(n, bufferSize)];
            return;
        }
        int live = end - start;
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, live);
            start = 0;
            end = live;
        }
        if (buf.length - end < n) {
            buf = Arrays.copyOf(buf, Math.max(end + n, buf.length * 2));
        }
    }

    private void reserveWriteRoom(int n) {
        if (wbuf == null) {
            wbuf = new byte[Math.max(n, bufferSize)];
        } else if (wbuf.length - wlen < n) {
            wbuf = Arrays.copyOf(wbuf, Math.max(wlen + n, wbuf.length * 2));
        }
    }

    /**
     * Encodes into the write buffer. A high surrogate at the end of a write waits for the low
     * one that starts the next write, so a character may be split across two writes.
     */
    private void encode(CharSequence text, boolean endOfInput) throws CharacterCodingException {
        CharBuffer in = CharBuffer.wrap(carry.isEmpty() ? text : carry + text.toString());
        if (encoder == null) {
            encoder = charset.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        reserveWriteRoom((int) Math.min(Integer.MAX_VALUE - 16, (long) (in.remaining() * encoder.averageBytesPerChar()) + 16));
        while (true) {
            ByteBuffer out = ByteBuffer.wrap(wbuf, wlen, wbuf.length - wlen);
            CoderResult r = encoder.encode(in, out, endOfInput);
            if (endOfInput && r.isUnderflow()) {
                r = encoder.flush(out);
            }
            wlen = out.position();
            if (r.isUnderflow()) {
                break;
            }
            if (r.isError()) {
                r.throwException();
            }
            reserveWriteRoom(Math.max(16, in.remaining()));
        }
        carry = in.toString(); // what the encoder left: at most a lone high surrogate
        if (endOfInput) {
            encoder.reset();
        }
    }

    /** One read or write of the channel: completed on the channel's thread. */
    private static final class ChannelOp implements CompletionHandler<Integer, Void> {
        final boolean write;
        final CompletableFuture<Integer> finished = new CompletableFuture<>();

        ChannelOp(boolean write) {
            this.write = write;
        }

        @Override
        public void completed(Integer n, Void unused) {
            finished.complete(n);
        }

        @Override
        public void failed(Throwable e, Void unused) {
            finished.completeExceptionally(e);
        }
    }
}
