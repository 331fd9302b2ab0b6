package io.github.jawait.io;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.emit;
import static io.github.jawait.Asyncio.end;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.toThread;

import io.github.jawait.Async;
import io.github.jawait.AsyncGenerator;
import io.github.jawait.Coroutine;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Files without blocking the loop: Python's {@code aiofiles} ({@code aiofiles.open},
 * {@code aiofiles.os}) with the names of {@link Files}.
 *
 * <pre>{@code
 * try (AsyncFile f = await(AsyncFiles.open(path))) {            // async with aiofiles.open(path) as f:
 *     String content = await(f.read());
 * }
 * await(AsyncFiles.writeString(path, "hello"));                  // open "w", write, close
 * try (var lines = AsyncFiles.lines(path)) {                      // async for line in f:
 *     while (await(lines.hasNext())) { System.out.println(lines.next()); }
 * }
 * }</pre>
 *
 * <p>Where the JDK has asynchronous I/O, it is used: reading and writing go through an
 * {@link AsynchronousFileChannel} (see {@link AsyncFile} for what that means on each operating
 * system). Where the JDK only has blocking calls, they run on the loop's default executor
 * ({@code Asyncio.toThread}): opening a file, {@link #copy}, {@link #delete},
 * {@link #deleteIfExists}, {@link #size}, {@link #exists} and listing a directory
 * ({@link #list}). Either way the awaiting coroutine resumes on its loop's thread.
 *
 * <p>Every method returns a coroutine: nothing happens until it is awaited. Bad arguments (a
 * null path, an option the file cannot be opened with) fail at the call.
 */
public final class AsyncFiles {
    /** Bytes read ahead and written in one go unless a size is given. */
    public static final int DEFAULT_BUFFER_SIZE = 8192;
    /** Directory entries fetched per trip to the executor by {@link #list}. */
    static final int LIST_BATCH = 256;

    private AsyncFiles() {
    }

    /**
     * Opens {@code path} with the options of {@link Files#newByteChannel}: none means
     * {@code READ}; {@code aiofiles.open(p, "w")} is {@code WRITE, CREATE, TRUNCATE_EXISTING};
     * {@code "a"} is {@code APPEND, CREATE}. Text is UTF-8.
     */
    public static Coroutine<AsyncFile> open(Path path, OpenOption... options) throws IOException {
        return open(path, StandardCharsets.UTF_8, DEFAULT_BUFFER_SIZE, options);
    }

    /** {@link #open(Path, OpenOption...)} with the charset of its text methods. */
    public static Coroutine<AsyncFile> open(Path path, Charset charset, OpenOption... options) throws IOException {
        return open(path, charset, DEFAULT_BUFFER_SIZE, options);
    }

    /**
     * {@link #open(Path, Charset, OpenOption...)} with the size of its read-ahead and write
     * buffer (Python's {@code buffering}).
     */
    public static Coroutine<AsyncFile> open(Path path, Charset charset, int bufferSize, OpenOption... options)
            throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(charset, "charset");
        if (bufferSize < 1) {
            throw new IllegalArgumentException("bufferSize " + bufferSize + ": must be at least 1");
        }
        Set<OpenOption> opts = new LinkedHashSet<>(List.of(options));
        boolean append = opts.remove(StandardOpenOption.APPEND); // the channel refuses APPEND: emulated
        if (append) {
            if (opts.contains(StandardOpenOption.READ) || opts.contains(StandardOpenOption.TRUNCATE_EXISTING)) {
                throw new IllegalArgumentException("APPEND cannot be combined with READ or TRUNCATE_EXISTING");
            }
            opts.add(StandardOpenOption.WRITE);
        }
        if (!opts.contains(StandardOpenOption.WRITE)) {
            opts.add(StandardOpenOption.READ);
        }
        boolean readable = opts.contains(StandardOpenOption.READ);
        boolean writable = opts.contains(StandardOpenOption.WRITE);
        return openChannel(path, charset, bufferSize, opts, readable, writable, append);
    }

    /** An open channel and the file's size then, handed from the executor to the loop. */
    private record Opened(AsynchronousFileChannel channel, long size) implements Closeable {
        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    @Async
    private static Coroutine<AsyncFile> openChannel(Path path, Charset charset, int bufferSize, Set<OpenOption> opts,
            boolean readable, boolean writable, boolean append) {
        Opened o = await(BlockingOpen.open(() -> {
            AsynchronousFileChannel ch = AsynchronousFileChannel.open(path, opts.toArray(new OpenOption[0]));
            try {
                return new Opened(ch, ch.size());
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        }));
        return result(new AsyncFile(o.channel(), path, charset, readable, writable, o.size(),
                append ? o.size() : 0, bufferSize));
    }

    /** The whole file as UTF-8 text, as {@link Files#readString(Path)}. */
    public static Coroutine<String> readString(Path path) throws IOException {
        return readString(path, StandardCharsets.UTF_8);
    }

    /** The whole file as text in {@code charset}; malformed input fails. */
    @Async
    public static Coroutine<String> readString(Path path, Charset charset) throws IOException {
        try (AsyncFile f = await(open(path, charset))) {
            return result(await(f.read()));
        }
    }

    /** The whole file, as {@link Files#readAllBytes}. */
    @Async
    public static Coroutine<byte[]> readAllBytes(Path path) throws IOException {
        try (AsyncFile f = await(open(path))) {
            return result(await(f.readAllBytes()));
        }
    }

    /**
     * Writes {@code text} as UTF-8, as {@link Files#writeString}: no options means
     * {@code CREATE, TRUNCATE_EXISTING, WRITE}.
     */
    public static Coroutine<Void> writeString(Path path, CharSequence text, OpenOption... options) throws IOException {
        return writeString(path, text, StandardCharsets.UTF_8, options);
    }

    /** {@link #writeString(Path, CharSequence, OpenOption...)} in {@code charset}. */
    public static Coroutine<Void> writeString(Path path, CharSequence text, Charset charset, OpenOption... options)
            throws IOException {
        Objects.requireNonNull(text, "text");
        return writeText(open(path, charset, forWriting(options)), text);
    }

    @Async
    private static Coroutine<Void> writeText(Coroutine<AsyncFile> opening, CharSequence text) throws IOException {
        try (AsyncFile f = await(opening)) {
            await(f.write(text));
        }
        return done();
    }

    /** Writes {@code bytes}, as {@link Files#write(Path, byte[], OpenOption...)}. */
    public static Coroutine<Void> write(Path path, byte[] bytes, OpenOption... options) throws IOException {
        Objects.requireNonNull(bytes, "bytes");
        return writeBytes(open(path, forWriting(options)), bytes);
    }

    @Async
    private static Coroutine<Void> writeBytes(Coroutine<AsyncFile> opening, byte[] bytes) throws IOException {
        try (AsyncFile f = await(opening)) {
            await(f.write(bytes));
        }
        return done();
    }

    private static OpenOption[] forWriting(OpenOption... options) {
        if (options.length == 0) {
            return new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE};
        }
        for (OpenOption o : options) {
            if (o == StandardOpenOption.WRITE || o == StandardOpenOption.APPEND) {
                return options;
            }
        }
        OpenOption[] withWrite = java.util.Arrays.copyOf(options, options.length + 1);
        withWrite[options.length] = StandardOpenOption.WRITE;
        return withWrite;
    }

    /** The file's lines as UTF-8 text, as {@link Files#lines(Path)}; the file is closed with the generator. */
    public static AsyncGenerator<String> lines(Path path) throws IOException {
        return lines(path, StandardCharsets.UTF_8);
    }

    /** {@link #lines(Path)} in {@code charset}. */
    @Async
    public static AsyncGenerator<String> lines(Path path, Charset charset) throws IOException {
        try (AsyncFile f = await(open(path, charset))) {
            String line;
            while ((line = await(f.readLine())) != null) {
                emit(line);
            }
        }
        return end();
    }

    /** Copies a file, as {@link Files#copy(Path, Path, CopyOption...)} (on the default executor). */
    public static Coroutine<Path> copy(Path source, Path target, CopyOption... options) throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        return toThread(() -> Files.copy(source, target, options));
    }

    /** Deletes a file or empty directory, as {@link Files#delete} (on the default executor). */
    public static Coroutine<Void> delete(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        return toThread(() -> {
            Files.delete(path);
            return null;
        });
    }

    /** {@link Files#deleteIfExists} on the default executor. */
    public static Coroutine<Boolean> deleteIfExists(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        return toThread(() -> Files.deleteIfExists(path));
    }

    /** {@link Files#size} on the default executor. */
    public static Coroutine<Long> size(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        return toThread(() -> Files.size(path));
    }

    /** {@link Files#exists} on the default executor. */
    public static Coroutine<Boolean> exists(Path path) {
        Objects.requireNonNull(path, "path");
        return toThread(() -> Files.exists(path));
    }

    /**
     * The entries of directory {@code dir}, in the order the file system gives them, as
     * {@link Files#newDirectoryStream(Path)} ({@code aiofiles.os.scandir}). The directory is read
     * on the default executor, a batch of entries per trip; closing the generator closes it.
     */
    @Async
    public static AsyncGenerator<Path> list(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir");
        DirectoryStream<Path> stream = await(BlockingOpen.open(() -> Files.newDirectoryStream(dir)));
        try {
            Iterator<Path> entries = stream.iterator();
            while (true) {
                List<Path> batch = await(toThread(() -> {
                    List<Path> some = new ArrayList<>();
                    while (some.size() < LIST_BATCH && entries.hasNext()) {
                        some.add(entries.next());
                    }
                    return some;
                }));
                for (Path p : batch) {
                    emit(p);
                }
                if (batch.size() < LIST_BATCH) {
                    break;
                }
            }
        } finally {
            stream.close(); // closing a directory stream does not wait on the device
        }
        return end();
    }
}
