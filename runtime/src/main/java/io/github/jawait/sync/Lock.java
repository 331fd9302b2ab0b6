package io.github.jawait.sync;

import io.github.jawait.Coroutine;

/**
 * A mutual-exclusion lock for tasks on one event loop, asyncio's {@code Lock}.
 *
 * <pre>{@code
 * try (var held = await(lock.acquire())) {     // async with lock:
 *     await(save(record));                     // no other task holds the lock meanwhile
 * }                                            // released here, also on exception or cancellation
 * }</pre>
 *
 * <p>Waiters are served strictly first come, first served: {@link #release()} hands the lock
 * straight to the longest-waiting task. If that task is cancelled before it gets to run, it
 * raises {@code CancelledError} at its acquire and the lock goes on to the next waiter (asyncio's
 * rule: the lock is never lost, and never held by a task that did not get to run). A task
 * cancelled while still waiting just leaves the queue. Nobody owns the lock as in {@code ReentrantLock}: as in asyncio, any task may release
 * it, and a task that acquires it twice waits for itself.
 *
 * <p>The lock belongs to the loop of the first task that awaits it; other threads get an
 * {@link IllegalStateException}.
 */
public final class Lock extends LoopBound implements Releasable {
    private boolean locked;
    private final WaitQueue<Permit> waiters = new WaitQueue<>();
    private final Operation.Begin<Permit> beginAcquire = new Operation.Begin<>("Lock.acquire", waiters) {
        @Override
        boolean mustWait(Operation<Permit> op) {
            bind("acquire");
            if (locked) {
                return true;
            }
            locked = true;
            op.succeedNow(new Permit(Lock.this));
            return false;
        }

        @Override
        Permit taken(Operation<Permit> op, Permit permit) {
            handedOver = false; // the woken task runs: it holds the lock now
            return permit;
        }

        @Override
        void revoked(Operation<Permit> op, Permit permit) {
            handedOver = false;
            passOn(); // its task was cancelled before it ran: the next waiter gets the lock
        }
    };
    /**
     * Released to a woken waiter whose task has not run yet: {@link #locked()} says false then,
     * as asyncio's does, though newcomers still queue behind that waiter.
     */
    private boolean handedOver;

    /** An unlocked lock; it binds to the loop of the first task that awaits {@link #acquire()}. */
    public Lock() {
    }

    /**
     * Acquires the lock, waiting for it if another task holds it; yields a {@link Permit} whose
     * {@code close()} releases it. Like every awaitable here, nothing happens until it is awaited.
     */
    public Coroutine<Permit> acquire() {
        return new Operation<>(beginAcquire, null);
    }

    /** Takes the lock now and returns null, or an operation to await that will be handed the lock. */
    Operation<Permit> acquireOrPark(String operation) {
        bind(operation);
        if (!locked) {
            locked = true;
            return null;
        }
        return waiters.park(beginAcquire);
    }

    /**
     * Releases the lock: the first waiting task (if any) holds it from now on.
     *
     * @throws IllegalStateException if the lock is not locked
     */
    @Override
    public void release() {
        checkThread("release");
        if (!locked) {
            throw new IllegalStateException("Lock is not acquired.");
        }
        passOn();
    }

    /** Hands the lock to the first waiting task, or unlocks it. */
    private void passOn() {
        if (waiters.isEmpty() || waiters.wakeFirst(new Permit(this)) == null) {
            locked = false;
        } else {
            handedOver = true;
        }
    }

    /** Whether some task holds the lock. */
    public boolean locked() {
        checkThread("locked");
        return locked && !handedOver;
    }

    /** {@link #locked()} without the thread check, for {@code toString()}. */
    boolean isLocked() {
        return locked;
    }

    @Override
    boolean hasWaiters() {
        return !waiters.isEmpty();
    }

    @Override
    public String toString() {
        return "<Lock [" + (locked ? "locked" : "unlocked")
                + (waiters.isEmpty() ? "" : ", waiters:" + waiters.size()) + "]>";
    }
}
