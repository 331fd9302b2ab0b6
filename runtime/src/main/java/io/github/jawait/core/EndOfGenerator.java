package io.github.jawait.core;

import io.github.jawait.AsyncGenerator;
import io.github.jawait.Awaitable;

/** {@code return Asyncio.end();}: the value that ends an async generator's body. */
final class EndOfGenerator extends AsyncGenerator<Object> {

    @Override
    public Awaitable<Boolean> hasNext() {
        throw misuse();
    }

    @Override
    public Object next() {
        throw misuse();
    }

    @Override
    public Awaitable<Void> closeAsync() {
        return CompletedCoroutine.DONE;
    }

    private static IllegalStateException misuse() {
        return new IllegalStateException("end() only ends an async generator: return it from an"
                + " @Async method returning AsyncGenerator");
    }

    @Override
    public String toString() {
        return "end()";
    }
}
