package io.github.jawait.postgres;

import io.github.jawait.Awaitable;
import io.github.jawait.ExternalFuture;
import io.github.jawait.spi.AwaitableAdapter;
import io.vertx.core.Future;

/**
 * Makes every Vert.x {@link Future} awaitable as it is: {@code RowSet<Row> rs =
 * await(pgConnection.query(sql).execute());}. Registered in
 * {@code META-INF/services/io.github.jawait.spi.AwaitableAdapter}. The outcome is delivered on
 * the loop thread; failures are Vert.x's own exceptions, thrown as they are. A Vert.x future
 * cannot be cancelled: cancelling the awaiting task only stops the wait.
 */
public final class VertxFutureAdapter implements AwaitableAdapter {
    @Override
    public boolean supports(Class<?> type) {
        return Future.class.isAssignableFrom(type);
    }

    @Override
    public Awaitable<?> adapt(Object future) {
        Future<?> f = (Future<?>) future;
        ExternalFuture<Object> result = ExternalFuture.create();
        f.onComplete(result::complete, result::fail);
        return result;
    }
}
