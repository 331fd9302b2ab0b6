package io.github.jawait;

import io.github.jawait.core.AsyncMethod;
import io.github.jawait.core.CoroutineFrame;
import io.github.jawait.core.InlineFrames;
import io.github.jawait.core.Resumable;
import io.github.jawait.core.StateMachine;

/**
 * The hand-written state machine behind {@code async with}-like scopes ({@link TaskGroup},
 * {@link Timeout}): runs {@link #enter}, awaits the body inline in the current task (so a
 * cancellation of the task reaches the body's own awaits, as in asyncio), then may await
 * {@link #exitWait} (repeatedly, if cancelled meanwhile) and ends with {@link #exit}.
 * It follows exactly the protocol the agent generates for {@code @Async} methods.
 */
abstract class AsyncScope<T> {
    private static final Resumable BODY = AsyncScope::resume;

    private Object value;
    private Throwable failure;

    /** Before the body runs, in the task that awaits the scope. */
    abstract void enter(Task<?> task);

    /** The body to await inline. */
    abstract Coroutine<T> body();

    /** After the body: something to await before {@link #exit} (e.g. the children), or null. */
    Object exitWait(Throwable bodyFailure) {
        return null;
    }

    /** The awaiting task was cancelled while waiting in {@link #exitWait}. */
    void cancelledDuringExit(CancelledError e) {
    }

    /** The scope's outcome: returns the value or throws. */
    abstract T exit(Object bodyValue, Throwable bodyFailure) throws Throwable;

    /** A coroutine running this scope; await it (or return it) from {@code @Async} code. */
    final Coroutine<T> coroutine(String name) {
        InlineFrames.R2<T> f = new InlineFrames.R2<>(new AsyncMethod(BODY, name));
        f.r0 = this;
        return f;
    }

    private static void resume(CoroutineFrame<?> frame) throws Throwable {
        InlineFrames.R2<?> f = (InlineFrames.R2<?>) frame;
        AsyncScope<?> s = (AsyncScope<?>) f.r0;
        switch (f.label) {
            case 0 -> {
                s.enter(EventLoop.current().currentTask());
                Coroutine<?> body = null;
                try {
                    body = s.body();
                    if (body == null) {
                        throw new NullPointerException("the scope's body returned null instead of a coroutine");
                    }
                } catch (Throwable t) {
                    s.failure = t;
                }
                if (body != null) {
                    if (!StateMachine.isDone(body)) {
                        StateMachine.suspend(f, 1, body);
                        return;
                    }
                    s.settleBody(body);
                }
            }
            case 1 -> s.settleBody(StateMachine.takeAwaiting(f));
            case 2 -> {
                try {
                    StateMachine.awaitDone(StateMachine.takeAwaiting(f));
                } catch (CancelledError e) {
                    s.cancelledDuringExit(e);
                }
            }
            default -> throw StateMachine.invalidLabel(f);
        }
        Object wait = s.exitWait(s.failure);
        if (wait != null && !StateMachine.isDone(wait)) {
            StateMachine.suspend(f, 2, wait);
            return;
        }
        StateMachine.completeValue(f, s.exit(s.value, s.failure));
    }

    private void settleBody(Object body) {
        try {
            value = StateMachine.awaitDone(body);
        } catch (Throwable t) {
            failure = t;
        }
    }
}
