package io.github.jawait.postgres;

import io.github.jawait.ExternalFuture;
import io.vertx.core.Future;

/**
 * Vert.x futures as jawait awaitables. With Vert.x on the loop thread ({@link LoopVertx}) the
 * {@link ExternalFuture} is settled at once where Vert.x completes the future; in the threads
 * mode it carries the outcome into jawait's loop through its inbox, one hand-off per result.
 */
final class VertxFutures {
    private VertxFutures() {
    }

    /** Awaitable outcome of {@code f}, failures mapped to this module's exceptions. Loop thread. */
    static <T> ExternalFuture<T> awaitable(Future<T> f) {
        ExternalFuture<T> result = ExternalFuture.create();
        f.onComplete(result::complete, e -> result.fail(Errors.map(e)));
        return result;
    }
}
