package io.github.jawait.io;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.runInExecutor;

import io.github.jawait.Async;
import io.github.jawait.Awaitable;
import io.github.jawait.Coroutine;
import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Opens something with a blocking JDK call (a file channel, a directory stream) on the loop's
 * default executor, without leaking it when the awaiting task is cancelled meanwhile: whoever
 * of the worker and the loop comes second closes what was opened. A plain {@code toThread}
 * would drop the opened resource on the floor, file descriptor and all.
 */
final class BlockingOpen {
    private static final Object ABANDONED = new Object();

    private BlockingOpen() {
    }

    @Async
    static <T extends Closeable> Coroutine<T> open(Callable<T> opener) {
        AtomicReference<Object> handOver = new AtomicReference<>();
        Awaitable<T> opening = runInExecutor(null, () -> {
            T opened = opener.call();
            if (!handOver.compareAndSet(null, opened)) {
                closeQuietly(opened); // the awaiting task gave up first
            }
            return opened;
        });
        boolean delivered = false;
        try {
            T opened = await(opening);
            delivered = true;
            return result(opened);
        } finally {
            if (!delivered && handOver.getAndSet(ABANDONED) instanceof Closeable c) {
                closeQuietly(c); // opened, but this task was cancelled before it resumed
            }
        }
    }

    static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException | RuntimeException ignored) {
            // nobody is left to hear about it
        }
    }
}
