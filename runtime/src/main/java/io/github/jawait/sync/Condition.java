package io.github.jawait.sync;

import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.core.CoroutineFrame;
import io.github.jawait.core.Resumable;
import io.github.jawait.core.StateMachine;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A condition variable, asyncio's {@code Condition}: tasks holding its lock wait until another
 * task signals that the state they watch has changed.
 *
 * <pre>{@code
 * try (var held = await(cond.acquire())) {            // consumer
 *     await(cond.waitFor(() -> !items.isEmpty()));     // releases the lock while it waits
 *     take(items); }                                   // holds it again here; a producer calls cond.signal()
 * }</pre>
 *
 * <table>
 * <caption>Names: {@code wait}, {@code notify} and {@code notifyAll} are final in {@link Object}</caption>
 * <tr><th>asyncio</th><th>jawait</th></tr>
 * <tr><td>{@code await cond.wait()}</td><td>{@code await(cond.waitFor())}</td></tr>
 * <tr><td>{@code await cond.wait_for(predicate)}</td><td>{@code await(cond.waitFor(predicate))}</td></tr>
 * <tr><td>{@code cond.notify(n=1)}</td><td>{@code cond.signal()}, {@code cond.signal(n)}</td></tr>
 * <tr><td>{@code cond.notify_all()}</td><td>{@code cond.signalAll()}</td></tr>
 * <tr><td>{@code async with cond:}</td><td>{@code try (var held = await(cond.acquire())) { ... }}</td></tr>
 * </table>
 *
 * <p>Waiting always re-acquires the lock before it returns or throws, even when the waiting task
 * is cancelled, so the caller's try-with-resources releases a lock it holds. A signal is never
 * lost to a cancellation: a task signalled and cancelled at the same moment either consumes the
 * signal or passes it on to the next waiter.
 */
public final class Condition extends LoopBound {
    private final Lock lock;
    private final WaitQueue<Boolean> waiters = new WaitQueue<>();
    /** A signalled waiter cancelled before it ran passes the signal on (asyncio 3.13). */
    private final Operation.Begin<Boolean> passSignalOn = new Operation.Begin<>("Condition.waitFor", waiters) {
        @Override
        boolean mustWait(Operation<Boolean> op) {
            return true;
        }

        @Override
        void revoked(Operation<Boolean> op, Boolean value) {
            wake(1);
        }
    };

    /** A condition with a new {@link Lock} of its own. */
    public Condition() {
        this(new Lock());
    }

    /** A condition over {@code lock}, which may be shared with other conditions. */
    public Condition(Lock lock) {
        this.lock = Objects.requireNonNull(lock, "lock");
    }

    /** Acquires the underlying lock ({@link Lock#acquire()}). */
    public Coroutine<Permit> acquire() {
        return lock.acquire();
    }

    /** Releases the underlying lock ({@link Lock#release()}). */
    public void release() {
        lock.release();
    }

    /** Whether the underlying lock is held. */
    public boolean locked() {
        return lock.locked();
    }

    /** The underlying lock. */
    public Lock lock() {
        return lock;
    }

    /**
     * Releases the lock, waits for a {@link #signal}, re-acquires the lock and yields
     * {@code true}. Python's {@code wait()}. If the task is cancelled meanwhile, it still
     * re-acquires the lock before the {@link CancelledError} comes out.
     *
     * @throws IllegalStateException (when awaited) if the lock is not held
     */
    public Coroutine<Boolean> waitFor() {
        return new CoroutineFrame<>(new Wait(), "Condition.waitFor");
    }

    /**
     * Waits until {@code predicate} is true: checks it first, then after every wake-up, holding
     * the lock each time. Yields {@code true}. Python's {@code wait_for(predicate)}.
     */
    public Coroutine<Boolean> waitFor(BooleanSupplier predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return new CoroutineFrame<>(f -> {
            if (f.label != 0) {
                StateMachine.awaitDone(StateMachine.takeAwaiting(f));
            }
            if (predicate.getAsBoolean()) {
                StateMachine.completeValue(f, Boolean.TRUE);
            } else {
                StateMachine.suspend(f, 1, waitFor());
            }
        }, "Condition.waitFor(predicate)");
    }

    /** Wakes one waiting task. Python's {@code notify()}. */
    public void signal() {
        signal(1);
    }

    /**
     * Wakes up to {@code n} waiting tasks, longest-waiting first. Python's {@code notify(n)}.
     *
     * @throws IllegalStateException if the lock is not held
     */
    public void signal(int n) {
        checkThread("signal");
        if (!lock.locked()) {
            throw new IllegalStateException("cannot notify on un-acquired lock");
        }
        wake(n);
    }

    /** Wakes every waiting task. Python's {@code notify_all()}. */
    public void signalAll() {
        signal(waiters.size());
    }

    private void wake(int n) {
        for (int i = 0; i < n && waiters.wakeFirst(Boolean.TRUE) != null; i++) {
            // one waiter per round
        }
    }

    @Override
    boolean hasWaiters() {
        return !waiters.isEmpty();
    }

    @Override
    public String toString() {
        return "<Condition [" + (lock.isLocked() ? "locked" : "unlocked")
                + (waiters.isEmpty() ? "" : ", waiters:" + waiters.size()) + "]>";
    }

    /**
     * {@code waitFor()} as a state machine: 0 = release and park; 1 = signalled (or cancelled);
     * then re-acquire the lock, parking at 2 while another task holds it, as often as
     * cancellations interrupt that wait.
     */
    private final class Wait implements Resumable {
        private Throwable error;
        private boolean signalled;

        @Override
        public void resume(CoroutineFrame<?> f) throws Throwable {
            switch (f.label) {
                case 0 -> {
                    bind("waitFor");
                    if (!lock.locked()) {
                        throw new IllegalStateException("cannot wait on un-acquired lock");
                    }
                    lock.release();
                    StateMachine.suspend(f, 1, waiters.park(passSignalOn));
                    return;
                }
                case 1 -> {
                    try {
                        StateMachine.awaitDone(StateMachine.takeAwaiting(f));
                        signalled = true;
                    } catch (Throwable t) {
                        error = t;
                    }
                }
                default -> {
                    boolean relocked;
                    try {
                        StateMachine.awaitDone(StateMachine.takeAwaiting(f));
                        relocked = true;
                    } catch (CancelledError e) {
                        error = e; // keep trying: the lock must be held again before we leave
                        relocked = false;
                    }
                    if (relocked) {
                        finish(f);
                        return;
                    }
                }
            }
            Operation<Permit> w = lock.acquireOrPark("waitFor");
            if (w == null) {
                finish(f);
            } else {
                StateMachine.suspend(f, 2, w);
            }
        }

        private void finish(CoroutineFrame<?> f) throws Throwable {
            if (error == null) {
                StateMachine.completeValue(f, Boolean.TRUE);
                return;
            }
            if (signalled) {
                wake(1); // this task will not act on its signal: pass it on
            }
            throw error;
        }
    }
}
