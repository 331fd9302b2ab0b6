package io.github.jawait.core;

/**
 * Stands in for the awaitable of a suspended frame when the frame must resume by throwing
 * (cancellation, or misuse detected while suspending): the rewritten code re-executes its
 * await with this, and {@link StateMachine#awaitDone} throws the error at the user's own line,
 * inside the user's own try blocks.
 */
public final class PendingThrow {
    final Throwable error;

    public PendingThrow(Throwable error) {
        this.error = error;
    }
}
