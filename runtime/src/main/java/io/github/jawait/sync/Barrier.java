package io.github.jawait.sync;

import io.github.jawait.Coroutine;
import io.github.jawait.core.CoroutineFrame;
import io.github.jawait.core.Resumable;
import io.github.jawait.core.StateMachine;

/**
 * A meeting point for a fixed number of tasks, asyncio's {@code Barrier} (Python 3.11): each
 * task that calls {@link #waitFor()} waits until {@link #parties()} tasks are waiting, then all
 * of them go on together and the barrier can be used again.
 *
 * <pre>{@code
 * Barrier barrier = new Barrier(3);
 * int index = await(barrier.waitFor());    // 0, 1 or 2: the order the tasks arrived in
 * }</pre>
 *
 * <p>States as in asyncio: <em>filling</em> (tasks arrive), <em>draining</em> (the last one
 * arrived; the waiting tasks leave, and newcomers wait for the draining to end),
 * <em>resetting</em> ({@link #reset()} while tasks wait: they get {@link BrokenBarrierError})
 * and <em>broken</em> ({@link #abort()}: every waiting and arriving task gets
 * {@link BrokenBarrierError}). Built on a {@link Condition}, as asyncio's is; a task cancelled
 * while it waits leaves the barrier with {@code CancelledError} and is no longer counted.
 * Python's {@code wait()} is {@code waitFor()} here, because {@code wait()} belongs to
 * {@link Object}; {@code async with barrier as i:} is {@code int i = await(barrier.waitFor());}.
 */
public final class Barrier {
    private enum State { FILLING, DRAINING, RESETTING, BROKEN }

    private final Condition cond = new Condition();
    private final int parties;
    private State state = State.FILLING;
    /** Tasks inside {@code waitFor} (past the draining/resetting block). */
    private int count;

    /**
     * A barrier for {@code parties} tasks.
     *
     * @throws IllegalArgumentException if {@code parties} is less than 1
     */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be >= 1");
        }
        this.parties = parties;
    }

    /**
     * Waits until {@link #parties()} tasks wait here, then yields this task's arrival index
     * (0 for the first). Waits first while the barrier drains or resets.
     *
     * @throws BrokenBarrierError (when awaited) if the barrier is broken, or reset or aborted
     *     while this task waits
     */
    public Coroutine<Integer> waitFor() {
        return new CoroutineFrame<>(new Wait(), "Barrier.waitFor");
    }

    /**
     * Brings the barrier back to the empty, filling state; tasks waiting in it get
     * {@link BrokenBarrierError}. Awaitable, as asyncio's: it takes the barrier's lock.
     */
    public Coroutine<Void> reset() {
        return underLock("Barrier.reset", () -> {
            if (count > 0) {
                state = State.RESETTING; // the waiting tasks break out; the last one out refills
            } else {
                state = State.FILLING;
            }
            cond.signalAll();
        });
    }

    /**
     * Breaks the barrier: every waiting task, and every task that calls {@link #waitFor()}
     * from now on, gets {@link BrokenBarrierError}. Awaitable, as asyncio's.
     */
    public Coroutine<Void> abort() {
        return underLock("Barrier.abort", () -> {
            state = State.BROKEN;
            cond.signalAll();
        });
    }

    /** The number of tasks needed to pass the barrier. */
    public int parties() {
        return parties;
    }

    /** How many tasks wait in the barrier while it fills (asyncio's {@code n_waiting}). */
    public int waiting() {
        return state == State.FILLING ? count : 0;
    }

    /** Whether the barrier is broken ({@link #abort()}). */
    public boolean broken() {
        return state == State.BROKEN;
    }

    @Override
    public String toString() {
        String s = "<Barrier [" + state.name().toLowerCase();
        if (state != State.BROKEN) {
            s += ", waiters:" + waiting() + "/" + parties;
        }
        return s + "]>";
    }

    /** Runs {@code action} holding the condition's lock (acquire, act, release). */
    private Coroutine<Void> underLock(String name, Runnable action) {
        return new CoroutineFrame<>(f -> {
            Object aw;
            if (f.label == 0) {
                aw = cond.acquire();
                if (!StateMachine.isDone(aw)) {
                    StateMachine.suspend(f, 1, aw);
                    return;
                }
            } else {
                aw = StateMachine.takeAwaiting(f);
            }
            Permit held = (Permit) StateMachine.awaitDone(aw);
            try {
                action.run();
            } finally {
                held.close();
            }
            StateMachine.completeValue(f, null);
        }, name);
    }

    /**
     * {@code waitFor()} as a state machine, asyncio's {@code wait()}:
     * <pre>
     * async with cond:                                  # 1: acquired
     *     await cond.wait_for(not draining/resetting)   # 2: unblocked (or broken: raise)
     *     index = count; count += 1
     *     if last: state = DRAINING; notify_all()
     *     else: await cond.wait_for(state != FILLING)   # 3: released (broken/reset: raise)
     *     finally: count -= 1; exit()
     * </pre>
     */
    private final class Wait implements Resumable {
        private Permit held;
        private int index;

        @Override
        public void resume(CoroutineFrame<?> f) throws Throwable {
            int label = f.label;
            Object aw = label == 0 ? null : StateMachine.takeAwaiting(f);
            while (true) { // each step awaits; a step already done goes on without suspending
                switch (label) {
                    case 0 -> aw = cond.acquire();
                    case 1 -> {
                        held = (Permit) StateMachine.awaitDone(aw);
                        aw = cond.waitFor(() -> state != State.DRAINING && state != State.RESETTING);
                    }
                    case 2 -> {
                        try {
                            StateMachine.awaitDone(aw);
                            if (state == State.BROKEN) {
                                throw new BrokenBarrierError("Barrier aborted");
                            }
                        } catch (Throwable t) {
                            held.close(); // the lock is ours again even when cancelled (Condition)
                            throw t;
                        }
                        index = count++;
                        if (index + 1 == parties) {
                            state = State.DRAINING; // release the others; newcomers wait for the drain
                            cond.signalAll();
                            leave(f, null);
                            return;
                        }
                        aw = cond.waitFor(() -> state != State.FILLING);
                    }
                    case 3 -> {
                        Throwable error = null;
                        try {
                            StateMachine.awaitDone(aw);
                            if (state == State.BROKEN || state == State.RESETTING) {
                                error = new BrokenBarrierError("Abort or reset of barrier");
                            }
                        } catch (Throwable t) {
                            error = t;
                        }
                        leave(f, error);
                        return;
                    }
                    default -> throw StateMachine.invalidLabel(f);
                }
                label++;
                if (!StateMachine.isDone(aw)) {
                    StateMachine.suspend(f, label, aw);
                    return;
                }
            }
        }

        /** The finally block: leave the count, end a drain or reset, release the lock. */
        private void leave(CoroutineFrame<?> f, Throwable error) throws Throwable {
            count--;
            if (count == 0) { // the last one out: waiting newcomers may fill it again
                if (state == State.RESETTING || state == State.DRAINING) {
                    state = State.FILLING;
                }
                cond.signalAll();
            }
            held.close();
            if (error != null) {
                throw error;
            }
            StateMachine.completeValue(f, index);
        }
    }
}
