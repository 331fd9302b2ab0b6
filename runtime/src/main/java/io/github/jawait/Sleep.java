package io.github.jawait;

import io.github.jawait.core.Suspendable;

/**
 * {@code Asyncio.sleep(d)}: suspends the awaiting task for {@code d}; {@code sleep(0)} just
 * yields one loop turn. The sleeping task is its own timer entry, so a sleep allocates only
 * this small description, and a cancelled sleep leaves the timer heap at once.
 */
final class Sleep implements Awaitable<Void>, Suspendable {
    static final Sleep YIELD = new Sleep(0);

    private final long nanos;

    Sleep(long nanos) {
        this.nanos = nanos;
    }

    @Override
    public boolean isDone() {
        return false;
    }

    @Override
    public Object outcome() {
        return null;
    }

    @Override
    public void park(Task<?> waiter) {
        if (nanos <= 0) {
            waiter.wake(this);
        } else {
            waiter.sleepUntil(this, waiter.loop.now() + nanos);
        }
    }

    @Override
    public void unpark(Task<?> waiter) {
        waiter.cancelSleep();
    }

    @Override
    public String toString() {
        return "sleep(" + nanos / 1e9 + "s)";
    }
}
