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
        CoroutineFrame<T> f = new CoroutineFrame<>(METHOD, 1, 0);
        f.refs[0] = aw;
        return f;
    }

    private static void resume(CoroutineFrame<?> f) {
        Object aw;
        if (f.label == 0) {
            aw = f.refs[0];
            f.refs[0] = null;
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
