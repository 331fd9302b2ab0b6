package io.github.jawait.core;

import io.github.jawait.Coroutine;
import io.github.jawait.Task;

/** A coroutine that is finished before it starts: {@code Asyncio.result(v)} and {@code done()}. */
public final class CompletedCoroutine<T> extends Coroutine<T> implements Suspendable {
    public static final CompletedCoroutine<Void> DONE = new CompletedCoroutine<>(null);

    private final T value;

    public CompletedCoroutine(T value) {
        this.value = value;
    }

    public T value() {
        return value;
    }

    @Override
    public boolean isDone() {
        return true;
    }

    @Override
    public Object outcome() {
        return value;
    }

    @Override
    public void park(Task<?> waiter) {
        throw new IllegalStateException("a completed coroutine never parks");
    }

    @Override
    public void unpark(Task<?> waiter) {
    }

    @Override
    public String toString() {
        return "<coroutine result=" + value + ">";
    }
}
