package io.github.jawait.fuzz.ref;

import java.util.concurrent.SynchronousQueue;

/**
 * A reference async generator with Python's semantics and no event loop: the body runs on a
 * thread of its own, but only while the consumer waits for it, so exactly one of the two runs
 * at any time (the hand-offs order the shared trace). It starts at the first {@code hasNext()},
 * pauses at each {@code emit}, ends with its return or its exception (which the consumer's
 * {@code await(hasNext())} throws); {@code closeAsync()} throws {@link GeneratorExit} at the
 * paused emit, so the body's {@code finally} blocks run, and reports any other exception they
 * throw. A generator never started is closed without running its body.
 */
public final class ThreadGenerator<T> extends AsyncGenerator<T> {
    /** The body of a generator method, as the reference source writes it: a lambda ending in {@code return end();}. */
    @FunctionalInterface
    public interface Body<T> {
        AsyncGenerator<T> run() throws Exception;
    }

    /** What {@code end()} returns; the body's return value is otherwise ignored. */
    static final AsyncGenerator<Object> END = new AsyncGenerator<>() {
        @Override
        public Awaitable<Boolean> hasNext() {
            throw new UnsupportedOperationException("return end(); only ends a generator body");
        }

        @Override
        public Object next() {
            throw new UnsupportedOperationException("return end(); only ends a generator body");
        }

        @Override
        public Awaitable<Void> closeAsync() {
            throw new UnsupportedOperationException("return end(); only ends a generator body");
        }
    };

    private static final ThreadLocal<ThreadGenerator<?>> CURRENT = new ThreadLocal<>();
    private static final Object NEXT = "next";
    private static final Object CLOSE = "close";
    private static final Object ENDED = "ended";

    private record Emitted(Object value) {
    }

    private record Threw(Throwable failure) {
    }

    private final Body<T> body;
    private final SynchronousQueue<Object> toBody = new SynchronousQueue<>();
    private final SynchronousQueue<Object> toConsumer = new SynchronousQueue<>();
    private Thread thread;
    private boolean finished;
    private T current;

    ThreadGenerator(Body<T> body) {
        this.body = body;
    }

    @Override
    public Awaitable<Boolean> hasNext() {
        if (finished) {
            return Asyncio.result(false);
        }
        if (thread == null) {
            thread = new Thread(this::runBody, "fuzz-ref-generator");
            thread.setDaemon(true);
            thread.start();
        } else {
            put(toBody, NEXT);
        }
        Object event = take(toConsumer);
        if (event instanceof Emitted e) {
            @SuppressWarnings("unchecked")
            T v = (T) e.value;
            current = v;
            return Asyncio.result(true);
        }
        finished = true;
        return event instanceof Threw t ? new Coroutine<>(null, t.failure) : Asyncio.result(false);
    }

    @Override
    public T next() {
        T v = current;
        current = null;
        return v;
    }

    @Override
    public Awaitable<Void> closeAsync() {
        if (finished || thread == null) {
            finished = true;
            return Asyncio.done();
        }
        finished = true;
        put(toBody, CLOSE);
        Object event = take(toConsumer);
        if (event instanceof Emitted) {
            return new Coroutine<>(null, new IllegalStateException("emitted a value while being closed"));
        }
        if (event instanceof Threw t && !(t.failure instanceof GeneratorExit)) {
            return new Coroutine<>(null, t.failure);
        }
        return Asyncio.done();
    }

    private void runBody() {
        CURRENT.set(this);
        Object event;
        try {
            body.run();
            event = ENDED;
        } catch (Throwable t) {
            event = new Threw(t);
        }
        put(toConsumer, event);
    }

    /** {@code emit(value)} in the body: hands the value over, then waits to be resumed or closed. */
    static void emit(Object value) {
        ThreadGenerator<?> g = CURRENT.get();
        if (g == null) {
            throw new IllegalStateException("emit() outside a generator body");
        }
        put(g.toConsumer, new Emitted(value));
        if (take(g.toBody) == CLOSE) {
            throw new GeneratorExit();
        }
    }

    private static void put(SynchronousQueue<Object> q, Object o) {
        try {
            q.put(o);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("reference generator interrupted", e);
        }
    }

    private static Object take(SynchronousQueue<Object> q) {
        try {
            return q.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("reference generator interrupted", e);
        }
    }
}
