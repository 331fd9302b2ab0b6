package io.github.jawait.fuzz.ref;

/** Something {@link Asyncio#await(Awaitable)} takes; in the reference runtime always a {@link Coroutine}. */
public interface Awaitable<T> {
}
