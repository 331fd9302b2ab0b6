package io.github.jawait;

import io.github.jawait.core.Suspendable;

/**
 * {@code Asyncio.sleep(d)}: suspends the awaiting task for {@code d}; {@code sleep(0)} just
 * yields one loop turn. The sleeping task is its own timer entry, so a sleep allocates only
 * this small description, and a cancelled sleep leaves the timer heap at once.
 */
final class Sleep implements Awaitable<Void>, Suspendable {
    static final Sleep YIELD = new Sleep(0);


    /** The last sleep made: a million tasks sleeping the same time share one (it is immutable). */
    private static Sleep last = YIELD;

    private final long nanos;

    private Sleep(long nanos) {
        this.nanos = nanos;
    }

    static Sleep of(long nanos) {
        Sleep s = last;
        if (s.nanos != nanos) {
            s = new Sleep(nanos);
            last = s; // a racy cache is fine: final field, immutable object
        }
        return s;
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
