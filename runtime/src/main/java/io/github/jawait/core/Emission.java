package io.github.jawait.core;

import io.github.jawait.Awaitable;
import io.github.jawait.Task;

/**
 * What a generator's {@code emit(v)} awaits: the frame suspends on it, the driver hands
 * {@code value} to the consumer waiting in {@code hasNext()}, and when the consumer asks for
 * more, the frame resumes and the emit returns.
 */
public final class Emission implements Awaitable<Void>, Suspendable {
    final Object value;

    Emission(Object value) {
        this.value = value;
    }

    @Override
    public boolean isDone() {
        return false;
    }

    @Override
    public Object outcome() {
        return null;
    }

    @Override
    public void park(Task<?> waiter) {
        throw new IllegalStateException("emit() outside an async generator being consumed:"
                + " emit only in @Async methods returning AsyncGenerator");
    }

    @Override
    public void unpark(Task<?> waiter) {
    }
}
