package io.github.jawait.sync;

/**
 * A {@link Semaphore} that refuses to be released more often than it was acquired, asyncio's
 * {@code BoundedSemaphore}: a release too many is a bug, and it is reported where it happens.
 *
 * <pre>{@code
 * BoundedSemaphore pool = new BoundedSemaphore(4);
 * try (var conn = await(pool.acquire())) { await(query(sql)); }
 * pool.release();                              // IllegalStateException: released too many times
 * }</pre>
 */
public final class BoundedSemaphore extends Semaphore {

    /** A bounded semaphore with one permit. */
    public BoundedSemaphore() {
        this(1);
    }

    /**
     * A bounded semaphore with {@code value} permits, never more.
     *
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public BoundedSemaphore(int value) {
        super(value, value);
    }
}
