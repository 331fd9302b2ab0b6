package io.github.jawait.fuzz.ref;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** The reference facade: the signatures of {@code io.github.jawait.Asyncio} that programs use, without suspension. */
public final class Asyncio {
    private static final Coroutine<Object> DONE = new Coroutine<>(null, null);

    private Asyncio() {
    }

    /** The awaited value, or its failure thrown as it is. */
    public static <T> T await(Awaitable<T> awaitable) {
        if (awaitable == null) {
            throw new NullPointerException("await(null)");
        }
        return ((Coroutine<T>) awaitable).get();
    }

    public static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            throw sneaky(e.getCause());
        }
    }

    public static <T> Coroutine<T> result(T value) {
        return new Coroutine<>(value, null);
    }

    @SuppressWarnings("unchecked")
    public static <T> Coroutine<T> done() {
        return (Coroutine<T>) DONE;
    }

    /** Nothing to wait for without a loop: a finished awaitable. */
    public static Awaitable<Void> sleep(double seconds) {
        return done();
    }

    @SuppressWarnings("unchecked")
    static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
