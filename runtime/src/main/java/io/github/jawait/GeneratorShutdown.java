package io.github.jawait;

import io.github.jawait.core.AsyncMethod;
import io.github.jawait.core.CoroutineFrame;
import io.github.jawait.core.InlineFrames;
import io.github.jawait.core.StateMachine;
import java.util.List;

/**
 * {@link EventLoop#shutdownAsyncgens()}: closes the given paused async generators concurrently
 * (their {@code finally} blocks run, and may await) and logs a failure raised while closing
 * one, as asyncio's {@code shutdown_asyncgens} does.
 */
final class GeneratorShutdown {

    private GeneratorShutdown() {
    }

    static Coroutine<Void> of(EventLoop loop, List<AsyncGenerator<?>> paused) {
        if (paused.isEmpty()) {
            return Asyncio.done();
        }
        InlineFrames.R2<Void> f = new InlineFrames.R2<>(new AsyncMethod(GeneratorShutdown::resume, "shutdownAsyncgens"));
        f.r0 = loop;
        f.r1 = paused;
        return f;
    }

    @SuppressWarnings("unchecked")
    private static void resume(CoroutineFrame<?> frame) {
        InlineFrames.R2<?> f = (InlineFrames.R2<?>) frame;
        List<AsyncGenerator<?>> paused = (List<AsyncGenerator<?>>) f.r1;
        if (f.label == 0) {
            List<Awaitable<?>> closing = new java.util.ArrayList<>();
            for (AsyncGenerator<?> g : paused) {
                closing.add(g.closeAsync());
            }
            StateMachine.suspend(f, 1, new Gather<Object>((EventLoop) f.r0, closing, true));
            return;
        }
        List<Outcome<Object>> outcomes = (List<Outcome<Object>>) StateMachine.awaitDone(StateMachine.takeAwaiting(f));
        for (int i = 0; i < outcomes.size(); i++) {
            Throwable t = outcomes.get(i).failure();
            if (t != null && !(t instanceof CancelledError)) {
                RuntimeLog.LOG.log(System.Logger.Level.ERROR, "an error occurred during closing of asynchronous generator "
                        + paused.get(i), t);
            }
        }
        f.r0 = null;
        f.r1 = null;
        StateMachine.completeValue(f, null);
    }
}
