package io.github.jawait.core;

import java.util.function.Function;

/**
 * A hand-written coroutine of two steps: await {@code first}, then return what
 * {@code next} makes of its value (a plain value, or another awaitable whose outcome becomes
 * this coroutine's). The runtime's multi-step operations (resolve a name, then connect) are
 * chains of these, since the runtime itself is not rewritten by the agent.
 */
public final class Then {
    private static final AsyncMethod METHOD = new AsyncMethod(Then::resume, "then");

    private Then() {
    }

    /** {@code await first}, then {@code return next(value)}; {@code next}'s result may be an awaitable. */
    public static <A, B> CoroutineFrame<B> then(Object first, Function<? super A, ?> next) {
        InlineFrames.R2<B> f = new InlineFrames.R2<>(METHOD);
        f.r0 = first;
        f.r1 = next;
        return f;
    }

    @SuppressWarnings("unchecked")
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
        Function<Object, Object> next = (Function<Object, Object>) f.r1;
        f.r1 = null;
        Object produced = next.apply(StateMachine.awaitDone(aw));
        if (produced instanceof io.github.jawait.Awaitable<?> || produced instanceof java.util.concurrent.CompletionStage<?>) {
            StateMachine.complete(f, produced);
        } else {
            StateMachine.completeValue(f, produced);
        }
    }
}
