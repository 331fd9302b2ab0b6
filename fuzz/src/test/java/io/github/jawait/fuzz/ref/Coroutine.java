package io.github.jawait.fuzz.ref;

/** A finished outcome: a value, or the exception to throw when it is awaited. */
public class Coroutine<T> implements Awaitable<T> {
    private final T value;
    private final Throwable failure;

    Coroutine(T value, Throwable failure) {
        this.value = value;
        this.failure = failure;
    }

    T get() {
        if (failure != null) {
            throw Asyncio.<RuntimeException>sneaky(failure);
        }
        return value;
    }
}
