package io.github.jawait;

import io.github.jawait.loop.Inbox;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * asyncio's {@code run_coroutine_threadsafe}, for {@link EventLoop#submit} and
 * {@link EventLoopGroup#submit}: from any thread, run a coroutine as a task of a loop and
 * complete a {@link CompletableFuture} with its outcome. The coroutine is made by calling the
 * supplier on the loop's thread, so that it belongs to the loop it runs on.
 */
final class Submission {
    private Submission() {
    }

    static <T> CompletableFuture<T> start(EventLoop loop, Supplier<? extends Coroutine<T>> work) {
        Objects.requireNonNull(work, "submit(null)");
        CompletableFuture<T> future = new CompletableFuture<>();
        // a Handoff: if the loop closes before its turn, it still runs, and createTask's
        // "event loop is closed" fails the future instead of leaving its reader blocked
        loop.callSoonThreadsafe((Inbox.Handoff) () -> {
            if (future.isDone()) {
                return; // cancelled before it started
            }
            Task<T> task;
            try {
                Coroutine<T> coroutine = work.get();
                if (coroutine == null) {
                    throw new NullPointerException("the submitted supplier returned null instead of a coroutine");
                }
                task = loop.createTask(coroutine);
            } catch (Throwable t) {
                future.completeExceptionally(t);
                return;
            }
            // a listener, not a done callback: it runs as the task settles, even when that is
            // the loop's close cancelling it (a callback scheduled then would never run)
            task.listen(c -> {
                if (c.cancelled()) {
                    future.cancel(false);
                } else if (c.failure() != null) {
                    future.completeExceptionally(c.failure());
                } else {
                    future.complete(task.resultNow());
                }
            });
            future.whenComplete((v, e) -> {
                if (future.isCancelled()) {
                    try {
                        loop.callSoonThreadsafe(task::cancel);
                    } catch (IllegalStateException closed) {
                        // the loop is gone, and the task with it
                    }
                }
            });
        });
        return future;
    }
}
