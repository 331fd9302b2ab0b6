package io.github.jawait.core;

import io.github.jawait.Coroutine;
import io.github.jawait.Task;

/**
 * The state of one call of a rewritten {@code @Async} method: which await it stopped at
 * ({@link #label}), what it awaits, and its outcome. One frame per call, reused across every
 * suspension of that call.
 *
 * <p>The locals and operand-stack values live across an await are kept by the frame's shape,
 * a subclass the agent picks per method ({@code docs/transformation.md}): a method that saves
 * nothing gets this class itself (32 bytes), a method with few values an
 * {@link InlineFrames inline shape} with typed fields, a larger one an {@link ArrayFrame}. Only
 * allocation and the emitted field accesses differ; the runtime drives every shape through the
 * final methods here.
 *
 * <p>Frames chain through {@link #caller} while one coroutine awaits another inline; the
 * owning {@link Task} resumes only the innermost frame and hands results up the chain in a
 * loop, so a 100,000-deep await chain needs no Java stack.
 *
 * <p>Generated code reads and writes the public fields directly; nothing else should.
 */
public class CoroutineFrame<T> extends Coroutine<T> implements Suspendable {
    /** Label of a frame that returned another coroutine and awaits it as its result. */
    static final int TAIL = -1;

    static final byte NEW = 0;
    static final byte RUNNING = 1;
    static final byte SUSPENDED = 2;
    static final byte SUCCEEDED = 3;
    static final byte FAILED = 4;
    /** Wrapped in a task that has not run it yet: awaiting it directly is an error. */
    static final byte CLAIMED = 5;

    /** The rewritten method: its resume function and its name. */
    private final AsyncMethod method;

    /** The await to resume at: 0 = start of the method, k = the k-th await. */
    public int label;
    byte state = NEW;
    /**
     * How many coroutines below the driver this one was started inline, on the Java stack
     * ({@link FrameDriver#startInline}); 0 when the driver runs it. A byte in the header's
     * padding: the frame stays 32 bytes.
     */
    byte inlineDepth;
    /**
     * While suspended, what the frame awaits; once finished, its value or failure. One field
     * for both (a frame never needs them at once) keeps the frame at 32 bytes.
     */
    private Object slot;
    CoroutineFrame<?> caller;

    /**
     * Called by the rewritten {@code @Async} method (for this shape or a subclass'): allocates
     * the coroutine, runs nothing.
     */
    public CoroutineFrame(AsyncMethod method) {
        this.method = method;
        if (NeverAwaited.on()) { // debug mode: report it if it is dropped without running
            slot = NeverAwaited.watch(this, method);
        }
    }

    /** A hand-written coroutine (runtime code) that keeps nothing: {@code body} named {@code name}. */
    public CoroutineFrame(Resumable body, String name) {
        this(new AsyncMethod(body, name));
    }

    /**
     * The frame is taken to run (awaited, scheduled as a task, wrapped as a generator): in
     * debug mode its never-awaited watch is told so. Only on frames that are {@link #NEW},
     * whose slot is otherwise empty.
     */
    void taken() {
        if (slot instanceof NeverAwaited.Watch w) {
            w.started = true;
            slot = null;
        }
    }

    /** While suspended: what the frame awaits (null once taken on resumption). */
    Object awaiting() {
        return state == SUSPENDED || state == RUNNING ? slot : null;
    }

    void awaiting(Object aw) {
        slot = aw;
    }

    /** Runs the body from its label; afterwards the frame is suspended, succeeded or failed. */
    final void resume() {
        state = RUNNING;
        if (label == TAIL) {
            Object aw = slot;
            slot = null;
            try {
                succeed(StateMachine.awaitDone(aw));
            } catch (Throwable t) {
                fail(t);
            }
            return;
        }
        try {
            method.resume.resume(this);
        } catch (Throwable t) {
            fail(t);
            return;
        }
        if (state == RUNNING) {
            fail(new IllegalStateException(method.name + " returned without completing or suspending;"
                    + " was it rewritten by another version of the jawait agent?"));
        }
    }

    final void succeed(Object value) {
        state = SUCCEEDED;
        slot = value;
        release();
    }

    final void fail(Throwable error) {
        state = FAILED;
        slot = error;
        release();
    }

    /** A finished frame keeps only its outcome: its task or caller may hold it for long. */
    private void release() {
        clearReferences();
    }

    /**
     * Drops every saved reference. A shape that keeps references overrides it; called once per
     * finished frame, never on the resume path, so the virtual call costs nothing there.
     */
    void clearReferences() {
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
        return slot;
    }

    @Override
    public boolean isDone() {
        return state == SUCCEEDED || state == FAILED;
    }

    /** Awaited by {@code awaiter}: a new frame runs now, inline ({@link FrameDriver#startInline}). */
    @Override
    public boolean readyToReadAt(CoroutineFrame<?> awaiter) {
        return state == NEW ? FrameDriver.startInline(this, awaiter) : isDone();
    }

    @Override
    public Object outcome() {
        if (state == SUCCEEDED) {
            return slot;
        }
        if (state == FAILED) {
            throw Sneaky.rethrow((Throwable) slot);
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

    /** Where the pending await is ({@code File.java:15}), or null when unknown. */
    public String awaitLocation() {
        return method.awaitLocation(label);
    }

    /** The method this frame runs (its name and the lines of its awaits). */
    public AsyncMethod method() {
        return method;
    }

    /** The method this frame runs, as {@code Owner.method}. */
    public String name() {
        return method.name;
    }

    /** What a frame awaits, briefly: never the awaited object's toString, which may name this frame. */
    private static String describe(Object aw) {
        return aw instanceof io.github.jawait.Task<?> t ? "Task " + t.getName() : aw.getClass().getSimpleName();
    }

    @Override
    public String toString() {
        String s = switch (state) {
            case NEW -> "created";
            case CLAIMED -> "scheduled as a task";
            case RUNNING -> "running";
            case SUSPENDED -> "suspended at await " + label + (slot == null ? "" : " on " + describe(slot));
            case SUCCEEDED -> "finished";
            default -> "failed";
        };
        return "<coroutine " + method.name + " " + s + ">";
    }
}
