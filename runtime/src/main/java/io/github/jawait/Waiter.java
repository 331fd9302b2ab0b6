package io.github.jawait;

/**
 * The low-level "park this coroutine until woken" primitive that locks, queues, events and
 * the combinators are built on (trio's {@code wait_task_rescheduled}, asyncio's bare Future).
 *
 * <pre>{@code
 * Waiter<Item> w = new Waiter<>(() -> waiters.remove(w));  // called if the waiter is cancelled while parked
 * waiters.add(w);
 * Item item = await(w);                                   // parks until someone calls w.wake(item)
 * }</pre>
 *
 * <p>Its contract makes primitives cancellation-safe without special cases:
 * <ul>
 * <li>{@link #wake} returns false if the waiter was abandoned (its task was cancelled while
 *     parked, and {@code onAbandon} already ran); the primitive then gives what it holds to the
 *     next waiter instead: nothing is lost.</li>
 * <li>once {@link #wake} returned true, the value is delivered to the parked coroutine even if
 *     its task is cancelled before it resumes; the cancellation is then raised at the task's
 *     next await. A lock or an item granted is never dropped on the floor.</li>
 * </ul>
 * Loop-thread only, like everything on a loop.
 *
 * @param <T> what the waker hands over
 */
public final class Waiter<T> extends Completion<T> {
    private final Runnable onAbandon;
    private boolean abandoned;

    /** A waiter on the running loop; {@code onAbandon} (may be null) runs if it is abandoned. */
    public Waiter(Runnable onAbandon) {
        super(EventLoop.current());
        this.onAbandon = onAbandon;
    }

    /** Hands {@code value} to the parked coroutine; false if abandoned or already woken. */
    public boolean wake(T value) {
        loop.checkThread("Waiter.wake");
        if (abandoned) {
            return false;
        }
        return settle(SUCCEEDED, value);
    }

    /** Makes the parked coroutine's await throw {@code error}; false if abandoned or already woken. */
    public boolean fail(Throwable error) {
        loop.checkThread("Waiter.fail");
        if (abandoned) {
            return false;
        }
        return settle(error instanceof CancelledError ? CANCELLED : FAILED, error);
    }

    /** Once woken, the parked task keeps the value even if cancelled before it resumes. */
    @Override
    public boolean granted() {
        return isDone() && !abandoned;
    }

    /** Whether the waiting task gave up (was cancelled) before being woken. */
    public boolean abandoned() {
        return abandoned;
    }

    @Override
    public void unpark(Task<?> waiter) {
        super.unpark(waiter);
        if (!isDone() && !abandoned) {
            abandoned = true;
            markRetrieved();
            if (onAbandon != null) {
                onAbandon.run();
            }
        }
    }

    @Override
    public String toString() {
        return "<Waiter " + (abandoned ? "abandoned" : isDone() ? "woken" : "parked") + ">";
    }
}
