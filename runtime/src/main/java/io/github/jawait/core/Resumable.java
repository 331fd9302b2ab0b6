package io.github.jawait.core;

/**
 * The resume function of one rewritten method ({@code greet$resume}), bound to the frame by
 * an {@code invokedynamic} lambda the agent emits: one shared constant per method, no
 * allocation per call.
 */
@FunctionalInterface
public interface Resumable {

    /**
     * Runs the method from {@code frame.label} until it suspends ({@link StateMachine#suspend})
     * or finishes ({@link StateMachine#complete}); an exception it throws is the coroutine's
     * failure.
     */
    void resume(CoroutineFrame<?> frame) throws Throwable;
}
