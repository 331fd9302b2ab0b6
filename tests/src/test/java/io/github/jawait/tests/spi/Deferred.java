package io.github.jawait.tests.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A "foreign" future of a made-up library: neither an Awaitable nor a CompletionStage, settled
 * by any thread, with callbacks and a cancel; what Guava's ListenableFuture or a Vert.x Future
 * looks like to jawait.
 */
public final class Deferred<T> {
    private final List<BiConsumer<T, Throwable>> callbacks = new ArrayList<>();
    private boolean done;
    private T value;
    private Throwable error;
    volatile boolean cancelled;

    public synchronized void resolve(T v) {
        settle(v, null);
    }

    public void reject(Throwable e) {
        settle(null, e);
    }

    private void settle(T v, Throwable e) {
        List<BiConsumer<T, Throwable>> run;
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
            value = v;
            error = e;
            run = new ArrayList<>(callbacks);
        }
        run.forEach(c -> c.accept(v, e));
    }

    public void whenDone(BiConsumer<T, Throwable> callback) {
        synchronized (this) {
            if (!done) {
                callbacks.add(callback);
                return;
            }
        }
        callback.accept(value, error);
    }

    public void cancel() {
        cancelled = true;
    }
}
