package io.github.jawait.sync;

import io.github.jawait.Coroutine;
import io.github.jawait.core.CompletedCoroutine;
import io.github.jawait.core.CoroutineFrame;
import io.github.jawait.core.StateMachine;

/**
 * Hand-written coroutines for the primitives' awaiting operations, following the protocol the
 * agent's generated code follows. Like Python's {@code async def acquire()}, calling the
 * operation runs nothing: the work starts when the coroutine is awaited (or wrapped in a task),
 * takes its fast path inline without a loop turn, and otherwise parks on a {@code Waiter}.
 */
final class Ops {
    private Ops() {
    }

    /** The first (and often only) step of an operation. */
    @FunctionalInterface
    interface Start {
        /**
         * Returns {@link #now(Object)} when the operation completes at once, or the waiter to
         * park on, whose outcome becomes the operation's; may throw the operation's failure.
         */
        Object begin() throws Throwable;
    }

    /** A coroutine named {@code name} that runs {@code start} when awaited. */
    static <T> Coroutine<T> coroutine(String name, Start start) {
        return new CoroutineFrame<>(f -> StateMachine.complete(f, start.begin()), name, 0, 0);
    }

    /**
     * An outcome available now. Wrapping matters: a queue item that happens to be an awaitable
     * must come out as it is, not be awaited.
     */
    static Object now(Object value) {
        return new CompletedCoroutine<>(value);
    }
}
