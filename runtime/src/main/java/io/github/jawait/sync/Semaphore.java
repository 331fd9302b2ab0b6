package io.github.jawait.sync;

import io.github.jawait.Coroutine;

/**
 * A counter of permits, asyncio's {@code Semaphore}: at most {@code value} tasks hold one at a
 * time, the others wait their turn.
 *
 * <pre>{@code
 * Semaphore slots = new Semaphore(10);
 * try (var slot = await(slots.acquire())) {    // async with slots:
 *     return result(await(fetch(url))); }      // at most 10 fetches run at once
 * }</pre>
 *
 * <p>Waiters are served strictly in arrival order: {@link #release()} hands its permit straight
 * to the longest-waiting task; if that task is cancelled before it runs, it raises
 * {@code CancelledError} at its acquire and the permit goes on to the next waiter (asyncio). A newcomer never overtakes a waiting task. {@link #release()} may be called more often
 * than {@code acquire()}, which raises the count, unless the semaphore is a
 * {@link BoundedSemaphore}.
 */
public sealed class Semaphore extends LoopBound implements Releasable permits BoundedSemaphore {
    private int value;
    private final int bound;
    private final WaitQueue<Permit> waiters = new WaitQueue<>();
    private final Operation.Begin<Permit> beginAcquire = new Operation.Begin<>(getClass().getSimpleName() + ".acquire", waiters) {
        @Override
        boolean mustWait(Operation<Permit> op) {
            bind("acquire");
            if (value > 0 && waiters.isEmpty() && handedOut == 0) {
                value--;
                op.succeedNow(new Permit(Semaphore.this));
                return false;
            }
            return true; // FIFO: behind the waiters, also those woken that have not run yet
        }

        /** A woken waiter runs: newcomers that queued behind it get the free permits now (asyncio). */
        @Override
        Permit taken(Operation<Permit> op, Permit permit) {
            handedOut--;
            while (value > 0 && handOut()) {
                value--;
            }
            return permit;
        }

        @Override
        void revoked(Operation<Permit> op, Permit handedOver) {
            handedOut--;
            passOn(); // its task was cancelled before it ran: the permit goes to the next waiter
        }
    };
    /** Permits handed to woken waiters whose tasks have not run yet. */
    private int handedOut;

    /** A semaphore with one permit. */
    public Semaphore() {
        this(1);
    }

    /**
     * A semaphore with {@code value} permits.
     *
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public Semaphore(int value) {
        this(value, -1);
    }

    Semaphore(int value, int bound) {
        if (value < 0) {
            throw new IllegalArgumentException("Semaphore initial value must be >= 0");
        }
        this.value = value;
        this.bound = bound;
    }

    /**
     * Takes a permit, waiting for one when none is free or other tasks are already waiting;
     * yields a {@link Permit} whose {@code close()} gives it back.
     */
    public Coroutine<Permit> acquire() {
        return new Operation<>(beginAcquire, null);
    }

    /**
     * Gives a permit back: to the first waiting task if there is one, else to the count.
     *
     * @throws IllegalStateException for a {@link BoundedSemaphore} released more often than acquired
     */
    @Override
    public void release() {
        checkThread("release");
        if (bound >= 0 && value >= bound) {
            throw new IllegalStateException("BoundedSemaphore released too many times");
        }
        passOn();
    }

    /** Hands a permit to the first waiting task, or adds it to the count. */
    private void passOn() {
        if (!handOut()) {
            value++;
        }
    }

    /** Hands a permit to the first waiting task; false if none waits. */
    private boolean handOut() {
        if (!waiters.isEmpty() && waiters.wakeFirst(new Permit(this)) != null) {
            handedOut++;
            return true;
        }
        return false;
    }

    /** Whether {@link #acquire()} would have to wait. */
    public boolean locked() {
        checkThread("locked");
        return value == 0 || !waiters.isEmpty() || handedOut > 0;
    }

    /** The number of free permits (asyncio's {@code _value}), for tests and monitoring. */
    public int value() {
        checkThread("value");
        return value;
    }

    @Override
    final boolean hasWaiters() {
        return !waiters.isEmpty();
    }

    @Override
    public String toString() {
        boolean locked = value == 0 || !waiters.isEmpty() || handedOut > 0;
        return "<" + getClass().getSimpleName() + " [" + (locked ? "locked" : "unlocked, value:" + value)
                + (waiters.isEmpty() ? "" : ", waiters:" + waiters.size()) + "]>";
    }
}
