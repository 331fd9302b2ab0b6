package io.github.jawait;

import io.github.jawait.core.AsyncMethod;
import io.github.jawait.core.CoroutineFrame;
import io.github.jawait.core.InlineFrames;
import io.github.jawait.core.StateMachine;

/**
 * {@code waitFor(aw, timeout)} with a timeout of zero or less, as asyncio 3.12 does it: the
 * awaitable is wrapped in a task, which is cancelled before it gets to run, so a coroutine
 * never starts; {@link AsyncTimeoutException} comes out once that task has ended. A task that
 * is already done gives its outcome, and one that catches the cancellation and returns a value
 * gives that value (asyncio's {@code _cancel_and_wait}).
 */
final class ExpiredWaitFor {
    private ExpiredWaitFor() {
    }

    static <T> Coroutine<T> of(Awaitable<T> awaitable) {
        InlineFrames.R2<T> f = new InlineFrames.R2<>(new AsyncMethod(ExpiredWaitFor::resume, "waitFor(timeout <= 0)"));
        f.r0 = awaitable;
        return f;
    }

    private static void resume(CoroutineFrame<?> frame) {
        InlineFrames.R2<?> f = (InlineFrames.R2<?>) frame;
        Task<?> inner;
        if (f.label == 0) {
            Awaitable<?> aw = (Awaitable<?>) f.r0;
            if (!(aw instanceof Coroutine<?>) && aw.isDone()) {
                f.r0 = null; // a future already done: its outcome (asyncio returns fut.result())
                StateMachine.completeValue(f, StateMachine.awaitDone(aw));
                return;
            }
            inner = Asyncio.asTask(EventLoop.current(), aw);
            f.r0 = inner;
            if (!inner.isDone()) {
                inner.cancel();
                StateMachine.suspend(f, 1, new Ended(inner));
                return;
            }
        } else {
            inner = (Task<?>) f.r0;
            StateMachine.awaitDone(StateMachine.takeAwaiting(f)); // throws if we were cancelled
        }
        f.r0 = null;
        if (inner.cancelled()) {
            inner.markRetrieved();
            throw new AsyncTimeoutException("timed out", (Throwable) inner.value);
        }
        StateMachine.completeValue(f, inner.outcome());
    }

    /**
     * Done when the task is, without passing the awaiter's own cancellation into it (it is
     * cancelled already); the awaiter cancelled meanwhile just stops waiting.
     */
    private static final class Ended extends Completion<Void> implements Completion.Listener {
        Ended(Task<?> inner) {
            super(inner.loop);
            inner.listen(this);
        }

        @Override
        public void completed(Completion<?> c) {
            settle(SUCCEEDED, null);
        }
    }
}
