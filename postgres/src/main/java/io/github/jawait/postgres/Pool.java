package io.github.jawait.postgres;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.result;

import io.github.jawait.Async;
import io.github.jawait.AsyncCloseable;
import io.github.jawait.Awaitable;
import io.github.jawait.Coroutine;
import io.github.jawait.ExternalFuture;
import io.vertx.core.Future;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;

/**
 * A pool of connections (asyncpg's {@code Pool}, made by {@link Postgres#createPool}). Borrow
 * one with {@link #acquire()} as a resource, or let the shortcuts borrow one per call.
 *
 * <pre>{@code
 * try (Pool pool = await(Postgres.createPool(url, 2, 10))) {
 *     try (Connection conn = await(pool.acquire())) {      // back to the pool on every exit
 *         await(conn.execute("UPDATE stock SET n = n - 1 WHERE item = $1", item));
 *     }
 *     Row r = await(pool.fetchRow("SELECT * FROM stock WHERE item = $1", item));
 * }
 * }</pre>
 *
 * <p>A connection that breaks (server restarted, backend terminated) fails its pending
 * operations with {@link ConnectionLostException} and leaves the pool; a later acquire opens a
 * new one.
 */
public final class Pool implements AsyncCloseable {
    private final io.vertx.sqlclient.Pool pool;
    private final int maxSize;
    private final io.vertx.pgclient.PgConnectOptions options;
    private final VertxLease lease;
    private boolean closed;

    Pool(io.vertx.sqlclient.Pool pool, int maxSize, io.vertx.pgclient.PgConnectOptions options, VertxLease lease) {
        this.pool = pool;
        this.lease = lease;
        this.maxSize = maxSize;
        this.options = options;
    }

    /** The most connections the pool opens at once. */
    public int maxSize() {
        return maxSize;
    }

    /**
     * Borrows a connection, waiting while all are in use; closing it (try-with-resources)
     * returns it. If the awaiting task is cancelled first, a connection that arrives later goes
     * straight back.
     */
    @Async
    public Coroutine<Connection> acquire() {
        if (closed) {
            throw new IllegalStateException("acquire(): the pool is closed");
        }
        Future<SqlConnection> f = pool.getConnection();
        ExternalFuture<SqlConnection> c = VertxFutures.awaitable(f);
        c.onCancel(() -> f.onSuccess(SqlConnection::close)); // nobody will use it: give it back
        SqlConnection conn;
        try {
            conn = await(c);
        } catch (Exception e) {
            throw Postgres.connectFailed(options, e);
        }
        return result(new Connection(PgConnection.cast(conn), () -> { }));
    }

    /** {@link Connection#fetch} on a connection borrowed for the call. */
    @Async
    public Coroutine<List<Row>> fetch(String sql, Object... args) {
        try (Connection conn = await(acquire())) {
            return result(await(conn.fetch(sql, args)));
        }
    }

    /** {@link Connection#fetchRow} on a connection borrowed for the call. */
    @Async
    public Coroutine<Row> fetchRow(String sql, Object... args) {
        try (Connection conn = await(acquire())) {
            return result(await(conn.fetchRow(sql, args)));
        }
    }

    /** {@link Connection#fetchVal} on a connection borrowed for the call. */
    @Async
    public <T> Coroutine<T> fetchVal(String sql, Object... args) {
        try (Connection conn = await(acquire())) {
            T value = await(conn.fetchVal(sql, args));
            return result(value);
        }
    }

    /** {@link Connection#execute} on a connection borrowed for the call. */
    @Async
    public Coroutine<Integer> execute(String sql, Object... args) {
        try (Connection conn = await(acquire())) {
            return result(await(conn.execute(sql, args)));
        }
    }

    /** {@link Connection#executeMany} on a connection borrowed for the call. */
    @Async
    public Coroutine<Void> executeMany(String sql, List<? extends List<?>> args) {
        try (Connection conn = await(acquire())) {
            await(conn.executeMany(sql, args));
        }
        return done();
    }

    /** Closes every connection of the pool; idempotent. */
    @Override
    public Awaitable<Void> closeAsync() {
        return closeNow();
    }

    @Async
    private Coroutine<Void> closeNow() {
        if (closed) {
            return done();
        }
        closed = true;
        try {
            await(VertxFutures.awaitable(pool.close()));
        } finally {
            lease.release();
        }
        return done();
    }

    @Override
    public String toString() {
        return "<Pool max=" + maxSize + (closed ? " closed" : "") + ">";
    }
}
