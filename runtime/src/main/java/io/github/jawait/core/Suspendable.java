package io.github.jawait.core;

import io.github.jawait.Task;

/**
 * The runtime's contract for everything a task can suspend on. The rewritten code asks
 * {@link StateMachine#isDone}; when not done, the task {@link #park parks} on the awaitable,
 * which wakes it when done; on resumption the code reads the {@link #outcome()}.
 */
public interface Suspendable {

    /**
     * Whether awaiting this now gives its outcome without suspending: {@code Awaitable}'s
     * method, declared here too so that the await path tests one interface only. (On JDK 17,
     * testing the same object against two interfaces in turn thrashes the JVM's one-entry
     * secondary-supers cache, JDK-8180450.)
     */
    boolean isDone();

    /**
     * What an await asks before reading the {@link #outcome()} without suspending:
     * {@link #isDone()}, except that a completion owned by another event loop says no on any
     * thread but its own, so that the await parks and the outcome crosses through the awaiting
     * loop's inbox instead of being read from another thread's memory.
     */
    default boolean readyToRead() {
        return isDone();
    }

    /**
     * {@link #readyToRead()} asked by an await of the frame {@code awaiter} in rewritten code. A
     * new coroutine answers by running there and then, on the awaiter's Java stack
     * ({@link CoroutineFrame}); everything else answers as {@link #readyToRead()}. A method of
     * this interface, so that the await path keeps its one interface test.
     */
    default boolean readyToReadAt(CoroutineFrame<?> awaiter) {
        return readyToRead();
    }

    /** When done: the value, or throws the failure itself (never a wrapper). */
    Object outcome();

    /** Arrange for {@code waiter} to be woken (made ready on its loop) once this is done. */
    void park(Task<?> waiter);

    /** {@code waiter} stops waiting (it was cancelled): forget it, release timers. */
    void unpark(Task<?> waiter);

    /**
     * Whether this has handed its waiter something that must not be lost (an item, a lock):
     * a task cancelled after being woken by it then resumes normally and sees the cancellation
     * at its next await. False for plain awaitables, whose waiters are cancelled at once.
     */
    default boolean granted() {
        return false;
    }

    /**
     * The task this woke was cancelled before it resumed, and its await will raise the
     * cancellation: take back what was handed over (an item, a lock, a permit) and pass it on.
     * Not called when {@link #granted()}. Nothing to do for plain awaitables.
     */
    default void revoke() {
    }
}
