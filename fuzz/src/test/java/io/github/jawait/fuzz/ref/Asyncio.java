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

    /** In a generator body: hands {@code value} to the consumer and pauses until the next {@code hasNext()}. */
    public static <T> void emit(T value) {
        ThreadGenerator.emit(value);
    }

    /** {@code return end();} ends a generator body. */
    @SuppressWarnings("unchecked")
    public static <T> AsyncGenerator<T> end() {
        return (AsyncGenerator<T>) ThreadGenerator.END;
    }

    /**
     * Only in reference sources: {@code Harness.referenceSource} wraps the body of each generated
     * {@code @Async} generator method in {@code return generator(() -> { ... });}, so that, as
     * in the real runtime, the body runs only when the consumer pulls (plain Java would run it
     * at the call).
     */
    public static <T> AsyncGenerator<T> generator(ThreadGenerator.Body<T> body) {
        return new ThreadGenerator<>(body);
    }

    @SuppressWarnings("unchecked")
    static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
