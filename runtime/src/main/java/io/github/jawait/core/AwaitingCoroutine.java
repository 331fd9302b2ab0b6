package io.github.jawait.core;

/**
 * A coroutine that awaits one awaitable and returns its outcome: the hand-written form of
 * {@code @Async Coroutine<T> c() { return result(await(aw)); }}, used to wrap a sleep, a
 * gather or a {@code CompletionStage} in a task. It follows the same protocol as the code the
 * agent generates.
 */
public final class AwaitingCoroutine {
    /** One constant: naming each frame after its awaitable would call its toString per wrap. */
    private static final AsyncMethod METHOD = new AsyncMethod(AwaitingCoroutine::resume, "await");

    private AwaitingCoroutine() {
    }

    /** A new coroutine awaiting {@code aw}. */
    public static <T> CoroutineFrame<T> of(Object aw) {
        InlineFrames.R2<T> f = new InlineFrames.R2<>(METHOD);
        f.r0 = aw;
        return f;
    }

    private static void resume(CoroutineFrame<?> frame) {
        InlineFrames.R2<?> f = (InlineFrames.R2<?>) frame;
        Object aw;
        if (f.label == 0) {
            aw = f.r0;
            f.r0 = null;
            if (!StateMachine.isDone(aw)) {
                StateMachine.suspend(f, 1, aw);
                return;
            }
        } else {
            aw = StateMachine.takeAwaiting(f);
        }
        StateMachine.completeValue(f, StateMachine.awaitDone(aw));
    }
}
