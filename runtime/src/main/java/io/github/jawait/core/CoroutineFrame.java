package io.github.jawait.core;

import io.github.jawait.Coroutine;
import io.github.jawait.Task;

/**
 * The state of one call of a rewritten {@code @Async} method: which await it stopped at
 * ({@link #label}), the locals and operand-stack values live there ({@link #refs} for
 * references, {@link #prims} for primitives, unboxed), what it awaits, and its outcome.
 * One frame per call, reused across every suspension of that call.
 *
 * <p>Frames chain through {@link #caller} while one coroutine awaits another inline; the
 * owning {@link Task} resumes only the innermost frame and hands results up the chain in a
 * loop, so a 100,000-deep await chain needs no Java stack.
 *
 * <p>Generated code reads and writes the public fields directly; nothing else should.
 */
public final class CoroutineFrame<T> extends Coroutine<T> implements Suspendable {
    static final Object[] NO_REFS = new Object[0];
    static final long[] NO_PRIMS = new long[0];

    /** Label of a frame that returned another coroutine and awaits it as its result. */
    static final int TAIL = -1;

    static final byte NEW = 0;
    static final byte RUNNING = 1;
    static final byte SUSPENDED = 2;
    static final byte SUCCEEDED = 3;
    static final byte FAILED = 4;
    /** Wrapped in a task that has not run it yet: awaiting it directly is an error. */
    static final byte CLAIMED = 5;

    private final Resumable body;
    private final String name;

    /** The await to resume at: 0 = start of the method, k = the k-th await. */
    public int label;
    /**
     * Spilled references: {@code this}, parameters, live locals and stack entries. Replaced by
     * an empty array once the arguments are restored if no await saves a reference
     * ({@link StateMachine#argumentsRestored}).
     */
    public Object[] refs;
    /** Spilled primitives, raw bits widened to long (no boxing); dropped like {@link #refs}. */
    public long[] prims;

    byte state = NEW;
    Object awaiting;
    Object outcome;
    CoroutineFrame<?> caller;

    /** Called by the rewritten {@code @Async} method: allocates the coroutine, runs nothing. */
    public CoroutineFrame(Resumable body, String name, int refCount, int primCount) {
        this.body = body;
        this.name = name;
        this.refs = refCount == 0 ? NO_REFS : new Object[refCount];
        this.prims = primCount == 0 ? NO_PRIMS : new long[primCount];
    }

    /** Runs the body from its label; afterwards the frame is suspended, succeeded or failed. */
    void resume() {
        state = RUNNING;
        if (label == TAIL) {
            Object aw = awaiting;
            awaiting = null;
            try {
                succeed(StateMachine.awaitDone(aw));
            } catch (Throwable t) {
                fail(t);
            }
            return;
        }
        try {
            body.resume(this);
        } catch (Throwable t) {
            fail(t);
            return;
        }
        if (state == RUNNING) {
            fail(new IllegalStateException(name + " returned without completing or suspending;"
                    + " was it rewritten by another version of the jawait agent?"));
        }
    }

    void succeed(Object value) {
        state = SUCCEEDED;
        outcome = value;
        release();
    }

    void fail(Throwable error) {
        state = FAILED;
        outcome = error;
        release();
    }

    /** A finished frame keeps only its outcome: its task or caller may hold it for long. */
    private void release() {
        if (refs.length > 0) {
            java.util.Arrays.fill(refs, null);
        }
    }

    boolean isNew() {
        return state == NEW;
    }

    boolean isSuspended() {
        return state == SUSPENDED;
    }

    boolean failed() {
        return state == FAILED;
    }

    Object result() {
        return outcome;
    }

    @Override
    public boolean isDone() {
        return state == SUCCEEDED || state == FAILED;
    }

    @Override
    public Object outcome() {
        if (state == SUCCEEDED) {
            return outcome;
        }
        if (state == FAILED) {
            throw Sneaky.rethrow((Throwable) outcome);
        }
        throw new IllegalStateException(this + " is not finished");
    }

    @Override
    public void park(Task<?> waiter) {
        throw new IllegalStateException(this + " is already running in another task; wrap it in"
                + " Asyncio.createTask(...) to await it from several places");
    }

    @Override
    public void unpark(Task<?> waiter) {
    }

    /** The method this frame runs, as {@code Owner.method}. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        String s = switch (state) {
            case NEW -> "created";
            case CLAIMED -> "scheduled as a task";
            case RUNNING -> "running";
            case SUSPENDED -> "suspended at await " + label;
            case SUCCEEDED -> "finished";
            default -> "failed";
        };
        return "<coroutine " + name + " " + s + ">";
    }
}
