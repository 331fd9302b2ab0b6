package io.github.jawait.core;

import io.github.jawait.AsyncGenerator;
import io.github.jawait.Awaitable;
import io.github.jawait.GeneratorExit;
import java.util.NoSuchElementException;

/**
 * The async generator an {@code @Async} method returning {@code AsyncGenerator} gives: its
 * rewritten body in a {@link CoroutineFrame}, driven one step at a time by the consumer.
 */
public final class FrameGenerator<T> extends AsyncGenerator<T> {
    private static final int IDLE = 0;      // not started, or paused at an emit
    private static final int RUNNING = 1;   // inside a step
    private static final int FAILED = 2;    // threw; the failure is reported once
    private static final int EXHAUSTED = 3; // returned, or failed and reported
    private static final int CLOSED = 4;

    private final CoroutineFrame<?> frame;
    private final GeneratorStep nextStep = new GeneratorStep(this, false);
    private final GeneratorStep closeStep = new GeneratorStep(this, true);
    private int state = IDLE;
    private Object current;
    private boolean hasCurrent;
    private Throwable failure;
    private boolean ignoredExit;
    /** The loop that first iterated it (see {@link OpenGenerators}); null before. */
    private Object loop;

    FrameGenerator(CoroutineFrame<?> frame) {
        this.frame = frame;
    }

    @Override
    public Awaitable<Boolean> hasNext() {
        if (state == RUNNING) {
            throw busy();
        }
        hasCurrent = false;
        current = null;
        @SuppressWarnings("unchecked")
        Awaitable<Boolean> step = (Awaitable<Boolean>) (Awaitable<?>) nextStep;
        return step;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T next() {
        if (!hasCurrent) {
            throw new NoSuchElementException("next() needs a preceding await(hasNext()) that returned true");
        }
        hasCurrent = false;
        T v = (T) current;
        current = null;
        return v;
    }

    @Override
    public Awaitable<Void> closeAsync() {
        if (state == RUNNING) {
            throw busy();
        }
        if (state != IDLE || FrameDriver.isNew(frame)) {
            state = CLOSED; // nothing to clean up: never started, or already finished
            return CompletedCoroutine.DONE;
        }
        @SuppressWarnings("unchecked")
        Awaitable<Void> step = (Awaitable<Void>) (Awaitable<?>) closeStep;
        return step;
    }

    private IllegalStateException busy() {
        return new IllegalStateException(this + " is already being consumed: await its hasNext()"
                + " from one task at a time");
    }

    boolean stepDone(GeneratorStep step) {
        if (step.close) {
            return state != IDLE;
        }
        return state >= FAILED;
    }

    Object stepOutcome(GeneratorStep step) {
        if (step.close) {
            state = CLOSED;
            if (ignoredExit) {
                ignoredExit = false;
                throw new IllegalStateException(this + " emitted a value while being closed;"
                        + " an async generator must not emit after GeneratorExit");
            }
            if (failure != null) {
                Throwable f = failure;
                failure = null;
                throw Sneaky.rethrow(f);
            }
            return null;
        }
        if (state == FAILED) {
            state = EXHAUSTED;
            Throwable f = failure;
            failure = null;
            throw Sneaky.rethrow(f);
        }
        return state == IDLE && hasCurrent;
    }

    /** The consumer's frame awaits {@code step}: returns the frame to run, or an error to throw. */
    Object enter(GeneratorStep step) {
        if (state == RUNNING) {
            return new PendingThrow(busy());
        }
        if (state != IDLE) {
            return null; // finished meanwhile: the consumer reads the outcome directly
        }
        if (step.close) {
            frame.awaiting(new PendingThrow(new GeneratorExit()));
        } else if (loop == null) { // first iteration: the loop closes it if it is left open
            loop = io.github.jawait.EventLoop.current();
            OpenGenerators.started(loop, this);
        }
        state = RUNNING;
        return frame;
    }

    /** The generator's frame suspended at an emit. */
    void emitted(GeneratorStep step, Object value) {
        state = IDLE;
        if (step.close) {
            ignoredExit = true;
            return;
        }
        current = value;
        hasCurrent = true;
    }

    /** Started, not finished, and paused at an emit: closing it would run its cleanup. */
    boolean pausedAtEmit() {
        return state == IDLE && !FrameDriver.isNew(frame);
    }

    /** The generator's frame finished: returned or threw. */
    void finished(GeneratorStep step, CoroutineFrame<?> f) {
        if (loop != null) {
            OpenGenerators.ended(loop, this);
        }
        boolean threw = FrameDriver.failed(f);
        Object r = FrameDriver.result(f);
        if (step.close) {
            state = CLOSED;
            if (threw && !(r instanceof GeneratorExit)) {
                failure = (Throwable) r;
            }
            return;
        }
        if (threw) {
            state = FAILED;
            failure = (Throwable) r;
        } else {
            state = EXHAUSTED;
        }
    }

    @Override
    public String toString() {
        return "<async generator " + frame.name() + ">";
    }
}
