package io.github.jawait.sync;

/**
 * What {@code await(lock.acquire())} (or a semaphore's, or a condition's) returns: the held
 * lock or permit, released by {@link #close()}. Python's {@code async with lock:}.
 *
 * <pre>{@code
 * try (Permit held = await(lock.acquire())) {
 *     await(update(shared));            // the lock is held here
 * }                                     // close() releases it, even on an exception or a cancellation
 * }</pre>
 *
 * <p>Releasing never suspends, so an ordinary try-with-resources is enough inside an
 * {@code @Async} method. {@link #close()} releases once: closing again does nothing. Do not
 * mix it with an explicit {@code release()} of the same acquisition.
 */
public final class Permit implements AutoCloseable {
    private final Releasable owner;
    private boolean released;

    Permit(Releasable owner) {
        this.owner = owner;
    }

    /** Releases what was acquired, the first time only. */
    @Override
    public void close() {
        if (!released) {
            owner.release();
            released = true;
        }
    }

    /** Whether {@link #close()} has released it. */
    public boolean released() {
        return released;
    }

    @Override
    public String toString() {
        return "<Permit " + (released ? "released" : "held") + " of " + owner + ">";
    }
}
