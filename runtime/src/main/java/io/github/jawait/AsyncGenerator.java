package io.github.jawait;

import io.github.jawait.ops.GeneratorOps;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An async generator: Python's {@code async def} with {@code yield}, JavaScript's
 * {@code async function*}. Pull-based: the body runs only when the consumer asks for the next
 * value, between two {@link Asyncio#emit emits} it may await freely.
 *
 * <pre>{@code
 * @Async AsyncGenerator<Integer> asyncRange(int n) {
 *     for (int i = 0; i < n; i++) { await(sleep(0.1)); emit(i); }
 *     return end();
 * }
 * try (var g = asyncRange(5)) {                          // closes it on every exit path
 *     while (await(g.hasNext())) { System.out.println(g.next()); }   // async for
 * }
 * List<Integer> all = await(asyncRange(5).toList());    // [x async for x in g]
 * }</pre>
 *
 * <p>One consumer at a time: awaiting {@code hasNext()} while another task is inside the
 * generator fails with a clear message. An exception thrown by the generator reaches the
 * consumer at {@code hasNext()}.
 *
 * @param <T> the values it emits
 */
public abstract class AsyncGenerator<T> implements AsyncCloseable {

    /** Only the runtime makes generators: {@code @Async} methods returning AsyncGenerator. */
    protected AsyncGenerator() {
    }

    /**
     * Runs the generator to its next {@code emit} (true) or its end (false); Python's
     * {@code __anext__} without the value, which {@link #next()} then returns.
     */
    public abstract Awaitable<Boolean> hasNext();

    /** The value emitted before the last {@code await(hasNext())} that returned true. */
    public abstract T next();

    /**
     * Closes the generator (Python's {@code aclose}): a generator paused at an {@code emit} gets
     * {@link GeneratorExit} there and runs its {@code finally} blocks, which may await.
     */
    @Override
    public abstract Awaitable<Void> closeAsync();

    /** Every remaining value, as {@code [x async for x in g]}. */
    public Coroutine<List<T>> toList() {
        return GeneratorOps.toList(this);
    }

    /** A generator of {@code fn} applied to each value. */
    public <R> AsyncGenerator<R> map(Function<? super T, ? extends R> fn) {
        return GeneratorOps.map(this, fn);
    }

    /** A generator of {@code fn}'s awaited result for each value ({@code fn} is an async lambda). */
    public <R> AsyncGenerator<R> mapAsync(Function<? super T, ? extends Coroutine<? extends R>> fn) {
        return GeneratorOps.mapAsync(this, fn);
    }

    /** A generator of the values that pass {@code test}. */
    public AsyncGenerator<T> filter(Predicate<? super T> test) {
        return GeneratorOps.filter(this, test);
    }

    /** A generator of at most the first {@code n} values; closes this one after them. */
    public AsyncGenerator<T> take(long n) {
        return GeneratorOps.take(this, n);
    }

    /**
     * A generator whose producer runs ahead of its consumer: a task pulls this generator while
     * the consumer works, holding at most {@code n} values not yet taken. Closing the result (or
     * cancelling its consumer) cancels that task and closes this generator; a failure of this
     * generator reaches the consumer after the values produced before it.
     */
    public AsyncGenerator<T> buffer(int n) {
        return GeneratorOps.buffer(this, n);
    }

    /**
     * The values of this generator and {@code others}, each pulled by its own task, in the order
     * they are produced (one value ahead per source). Ends when all end; the first failure ends
     * it and closes the others; closing it closes them all.
     */
    @SafeVarargs
    public final AsyncGenerator<T> merge(AsyncGenerator<? extends T>... others) {
        List<AsyncGenerator<? extends T>> all = new java.util.ArrayList<>();
        all.add(this);
        all.addAll(java.util.Arrays.asList(others));
        return GeneratorOps.merge(all);
    }

    /** The values of several generators, interleaved as produced: {@link #merge(AsyncGenerator[])} as a static. */
    public static <T> AsyncGenerator<T> merge(List<? extends AsyncGenerator<? extends T>> sources) {
        return GeneratorOps.merge(sources);
    }

    /**
     * For each value, the generator {@code fn} makes of it, run with at most {@code concurrency}
     * of them at once, their values interleaved as produced ({@code concurrency} 1 keeps order:
     * concatMap). The first failure ends it; closing it closes this and every inner generator.
     */
    public <R> AsyncGenerator<R> flatMap(Function<? super T, ? extends AsyncGenerator<? extends R>> fn, int concurrency) {
        return GeneratorOps.flatMap(this, fn, concurrency);
    }

    /** The values in lists of {@code n}, the last one shorter if they do not divide evenly. */
    public AsyncGenerator<List<T>> chunked(int n) {
        return GeneratorOps.chunked(this, n);
    }

    /**
     * This generator with a deadline per value: when the next value (or the end) takes longer
     * than {@code perItem}, the pending step is cancelled, this generator closed, and
     * {@link AsyncTimeoutException} thrown at the consumer's {@code hasNext()}.
     */
    public AsyncGenerator<T> timeout(java.time.Duration perItem) {
        return GeneratorOps.timeout(this, perItem);
    }

    /** Awaits {@code action} (an async lambda) for each value, in order. */
    public Coroutine<Void> forEach(Function<? super T, ? extends Coroutine<?>> action) {
        return GeneratorOps.forEach(this, action);
    }

    /**
     * This generator as a {@link Flow.Publisher} for one subscriber, honouring
     * {@code request(n)} from any thread; values are produced on this loop.
     */
    public Flow.Publisher<T> toPublisher() {
        return GeneratorOps.toPublisher(this, EventLoop.current());
    }

    /**
     * A {@link Flow.Publisher} consumed as an async generator, requesting at most
     * {@code buffer} items ahead; signals from any thread are handed to this loop.
     */
    public static <T> AsyncGenerator<T> from(Flow.Publisher<? extends T> publisher, int buffer) {
        return GeneratorOps.fromPublisher(publisher, buffer, EventLoop.current());
    }
}
