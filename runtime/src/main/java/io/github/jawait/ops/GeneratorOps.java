package io.github.jawait.ops;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.emit;
import static io.github.jawait.Asyncio.end;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.waitFor;

import io.github.jawait.Async;
import io.github.jawait.AsyncGenerator;
import io.github.jawait.Awaitable;
import io.github.jawait.ContextResource;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The operators of {@link AsyncGenerator}, written as ordinary {@code @Async} code: the agent
 * rewrites this package like user code (only the runtime's core packages are skipped).
 */
public final class GeneratorOps {
    private GeneratorOps() {
    }

    @Async
    public static <T> Coroutine<List<T>> toList(AsyncGenerator<T> source) {
        List<T> out = new ArrayList<>();
        try (source) {
            while (await(source.hasNext())) {
                out.add(source.next());
            }
        }
        return result(out);
    }

    @Async
    public static <T, R> AsyncGenerator<R> map(AsyncGenerator<T> source, Function<? super T, ? extends R> fn) {
        try (source) {
            while (await(source.hasNext())) {
                emit(fn.apply(source.next()));
            }
        }
        return end();
    }

    @Async
    public static <T, R> AsyncGenerator<R> mapAsync(AsyncGenerator<T> source,
            Function<? super T, ? extends Coroutine<? extends R>> fn) {
        try (source) {
            while (await(source.hasNext())) {
                R r = await(fn.apply(source.next()));
                emit(r);
            }
        }
        return end();
    }

    @Async
    public static <T> AsyncGenerator<T> filter(AsyncGenerator<T> source, Predicate<? super T> test) {
        try (source) {
            while (await(source.hasNext())) {
                T x = source.next();
                if (test.test(x)) {
                    emit(x);
                }
            }
        }
        return end();
    }

    @Async
    public static <T> AsyncGenerator<T> take(AsyncGenerator<T> source, long n) {
        if (n < 0) {
            throw new IllegalArgumentException("take(" + n + ")");
        }
        try (source) {
            for (long i = 0; i < n && await(source.hasNext()); i++) {
                emit(source.next());
            }
        }
        return end();
    }

    public static <T> AsyncGenerator<List<T>> chunked(AsyncGenerator<T> source, int n) {
        if (n < 1) { // here, not in the generator's body, which runs only when first pulled
            throw new IllegalArgumentException("chunked(" + n + "): a chunk holds at least one value");
        }
        return chunks(source, n);
    }

    @Async
    private static <T> AsyncGenerator<List<T>> chunks(AsyncGenerator<T> source, int n) {
        try (source) {
            List<T> chunk = new ArrayList<>(n);
            while (await(source.hasNext())) {
                chunk.add(source.next());
                if (chunk.size() == n) {
                    emit(chunk);
                    chunk = new ArrayList<>(n);
                }
            }
            if (!chunk.isEmpty()) {
                emit(chunk); // the last, shorter chunk
            }
        }
        return end();
    }

    @Async
    public static <T> AsyncGenerator<T> timeout(AsyncGenerator<T> source, Duration perItem) {
        try (source) {
            while (await(waitFor(source.hasNext(), perItem))) {
                emit(source.next());
            }
        }
        return end();
    }

    public static <T> AsyncGenerator<T> buffer(AsyncGenerator<T> source, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("buffer(" + n + "): the producer must be allowed at least one value ahead");
        }
        return ConcurrentOps.buffer(source, n);
    }

    public static <T> AsyncGenerator<T> merge(List<? extends AsyncGenerator<? extends T>> sources) {
        for (AsyncGenerator<? extends T> s : sources) {
            java.util.Objects.requireNonNull(s, "merge() of a null generator");
        }
        return ConcurrentOps.merge(List.copyOf(sources));
    }

    public static <T, R> AsyncGenerator<R> flatMap(AsyncGenerator<T> source,
            Function<? super T, ? extends AsyncGenerator<? extends R>> fn, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("flatMap concurrency must be at least 1: " + concurrency);
        }
        java.util.Objects.requireNonNull(fn, "fn");
        return ConcurrentOps.flatMap(source, fn, concurrency);
    }

    @Async
    public static <T> Coroutine<Void> forEach(AsyncGenerator<T> source, Function<? super T, ? extends Coroutine<?>> action) {
        try (source) {
            while (await(source.hasNext())) {
                await(action.apply(source.next()));
            }
        }
        return done();
    }

    @Async
    public static <T> Coroutine<ContextResource<T>> enter(AsyncGenerator<T> generator) {
        if (!await(generator.hasNext())) {
            throw new IllegalStateException(generator + " ended before emitting: an async context"
                    + " manager must emit exactly once");
        }
        return result(new GeneratorContext<>(generator, generator.next()));
    }

    @Async
    static <T> Coroutine<Void> exit(AsyncGenerator<T> generator) {
        if (await(generator.hasNext())) {
            await(generator.closeAsync());
            throw new IllegalStateException(generator + " emitted twice: an async context manager"
                    + " must emit exactly once");
        }
        return done();
    }

    public static <T> Flow.Publisher<T> toPublisher(AsyncGenerator<T> source, EventLoop loop) {
        return new GeneratorPublisher<>(source, loop);
    }

    public static <T> AsyncGenerator<T> fromPublisher(Flow.Publisher<? extends T> publisher, int buffer, EventLoop loop) {
        if (buffer < 1) {
            throw new IllegalArgumentException("buffer must be at least 1: " + buffer);
        }
        return new PublisherSubscriber<T>(loop, buffer).subscribeTo(publisher);
    }

    /** {@code @asynccontextmanager}'s resource. */
    private record GeneratorContext<T>(AsyncGenerator<T> generator, T value) implements ContextResource<T> {
        @Override
        public Awaitable<Void> closeAsync() {
            return exit(generator);
        }
    }
}
