package io.github.jawait.samples.asyncfile;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.result;

import io.github.jawait.Async;
import io.github.jawait.AsyncCloseable;
import io.github.jawait.Awaitable;
import io.github.jawait.Coroutine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;

/**
 * What {@code aiofiles.open(...)} gives, built on the JDK: an {@link AsynchronousFileChannel}
 * whose completions (delivered on the channel's own threads) complete a
 * {@link CompletableFuture}, which the coroutine awaits; it resumes on its loop's thread.
 * An {@link AsyncCloseable}, so {@code async with aiofiles.open(...) as f:} is
 * try-with-resources in an {@code @Async} method.
 */
public final class AsyncFile implements AsyncCloseable {
    private static final CompletionHandler<Integer, CompletableFuture<Integer>> DONE = new CompletionHandler<>() {
        @Override
        public void completed(Integer n, CompletableFuture<Integer> f) {
            f.complete(n);
        }

        @Override
        public void failed(Throwable e, CompletableFuture<Integer> f) {
            f.completeExceptionally(e);
        }
    };

    private final AsynchronousFileChannel channel;

    private AsyncFile(AsynchronousFileChannel channel) {
        this.channel = channel;
    }

    /**
     * {@code aiofiles.open(filename, mode, encoding="utf-8")} for modes "r" and "w" (always
     * UTF-8). Opening a local file does not wait on a device, so it happens inline here
     * (aiofiles hands it to a thread).
     */
    public static Coroutine<AsyncFile> open(Path file, String mode) throws IOException {
        AsynchronousFileChannel ch = switch (mode) {
            case "r" -> AsynchronousFileChannel.open(file, StandardOpenOption.READ);
            case "w" -> AsynchronousFileChannel.open(file, StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            default -> throw new IllegalArgumentException("mode " + mode + ": only \"r\" and \"w\" here");
        };
        return result(new AsyncFile(ch));
    }

    /** {@code await f.read()}: the whole file as UTF-8 text. */
    @Async
    public Coroutine<String> read() {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(8192);
        long position = 0;
        int n;
        while ((n = await(readAt(buf, position))) >= 0) { // suspends until the read completes
            content.write(buf.array(), 0, buf.position());
            buf.clear();
            position += n;
        }
        return result(content.toString(StandardCharsets.UTF_8));
    }

    /** {@code await f.write(content)}: all of it, as UTF-8. */
    @Async
    public Coroutine<Void> write(String text) {
        ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        long position = 0;
        while (buf.hasRemaining()) {
            position += await(writeAt(buf, position));
        }
        return done();
    }

    private CompletableFuture<Integer> readAt(ByteBuffer buf, long position) {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        channel.read(buf, position, f, DONE);
        return f;
    }

    private CompletableFuture<Integer> writeAt(ByteBuffer buf, long position) {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        channel.write(buf, position, f, DONE);
        return f;
    }

    /** The end of {@code async with}: closing a file channel does not block, so it is done inline. */
    @Override
    public Awaitable<Void> closeAsync() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return done();
    }
}
