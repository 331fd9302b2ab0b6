package io.github.jawait.postgres;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.result;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.ExternalFuture;
import io.vertx.core.Future;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;

/**
 * asyncpg's entry points: {@code asyncpg.connect(url)} and {@code asyncpg.create_pool(url)}.
 *
 * <pre>{@code
 * Connection conn = await(Postgres.connect("postgresql://app:secret@localhost:5432/shop"));
 * Pool pool = await(Postgres.createPool("postgresql://app:secret@localhost/shop", 2, 10));
 * }</pre>
 *
 * <p>The sockets are served by Vert.x's PostgreSQL client whose event loop is the calling jawait
 * loop's thread (one Vert.x instance per loop, closed with the loop), so results arrive without
 * a thread hand-off. With {@code -Djawait.postgres.vertx=threads}, or on a loop that already
 * polls a selector of its own, Vert.x runs on its own threads (one instance per process, closed
 * with the last connection or pool) and results cross into the loop's inbox. Prepared
 * statements are cached per connection.
 */
public final class Postgres {
    private Postgres() {
    }

    /** Opens a connection; {@code url} is {@code postgresql://user:password@host:port/database}. */
    @Async
    public static Coroutine<Connection> connect(String url) {
        PgConnectOptions options = options(url);
        VertxLease lease = VertxLease.acquire();
        Future<PgConnection> f;
        try {
            f = PgConnection.connect(lease.vertx(), options);
        } catch (RuntimeException e) {
            lease.release();
            throw e;
        }
        ExternalFuture<PgConnection> c = VertxFutures.awaitable(f);
        c.onCancel(() -> f.onComplete(conn -> conn.close().onComplete(x -> lease.release()),
                e -> lease.release()));
        PgConnection conn;
        try {
            conn = await(c);
        } catch (Exception e) {
            lease.release(); // the connect failed: nothing holds the Vert.x instance for it
            throw connectFailed(options, e);
        }
        return result(new Connection(conn, lease::release));
    }

    /**
     * A pool of at most {@code maxSize} connections, {@code minSize} of them opened now and
     * kept (asyncpg's {@code create_pool(url, min_size=, max_size=)}).
     */
    @Async
    public static Coroutine<Pool> createPool(String url, int minSize, int maxSize) {
        if (minSize < 0 || maxSize < 1 || minSize > maxSize) {
            throw new IllegalArgumentException("createPool: need 0 <= minSize <= maxSize and maxSize >= 1;"
                    + " got minSize=" + minSize + ", maxSize=" + maxSize);
        }
        PgConnectOptions options = options(url);
        VertxLease lease = VertxLease.acquire();
        io.vertx.sqlclient.Pool vertxPool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(maxSize))
                .connectingTo(options)
                .using(lease.vertx())
                .build();
        Pool pool = new Pool(vertxPool, maxSize, options, lease);
        if (minSize > 0) {
            // open minSize connections now; idle connections stay (no idle timeout)
            List<Future<SqlConnection>> warm = new ArrayList<>(minSize);
            for (int i = 0; i < minSize; i++) {
                warm.add(vertxPool.getConnection());
            }
            boolean warmed = false;
            try {
                await(VertxFutures.awaitable(Future.all(warm)));
                warmed = true;
            } catch (Exception e) {
                throw connectFailed(options, e);
            } finally {
                for (Future<SqlConnection> w : warm) {
                    w.onSuccess(SqlConnection::close); // back to the pool, which keeps them open
                }
                if (!warmed) { // failed or cancelled: nobody gets the pool
                    await(pool.closeAsync());
                }
            }
        }
        return result(pool);
    }

    /** A failed connect as a {@link PostgresException} with SQLSTATE 08001, as pgjdbc reports it. */
    static RuntimeException connectFailed(PgConnectOptions options, Exception e) {
        if (e instanceof ConnectionLostException lost && lost.getCause() instanceof Exception cause) {
            e = cause; // lost while logging in: a failed connect
        }
        if (e instanceof PostgresException p) {
            return p; // the server refused the login: its own SQLSTATE (28P01, 3D000...)
        }
        if (e instanceof RuntimeException r && !(e instanceof io.vertx.core.VertxException)) {
            return r;
        }
        return new PostgresException("08001", "FATAL", "cannot connect to " + options.getHost() + ":"
                + options.getPort() + ": " + e.getMessage(), null, null, e);
    }

    /**
     * The connection options of {@code url} ({@code postgresql://} or {@code postgres://}),
     * with prepared statements cached.
     */
    static PgConnectOptions options(String url) {
        if (url == null) {
            throw new NullPointerException("the PostgreSQL URL is null");
        }
        if (!(url.startsWith("postgresql://") || url.startsWith("postgres://"))) {
            throw new IllegalArgumentException("not a PostgreSQL URL: " + withoutPassword(url)
                    + " (expected postgresql://user:password@host:port/database)");
        }
        PgConnectOptions o;
        try {
            o = PgConnectOptions.fromUri(url);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot read the PostgreSQL URL " + withoutPassword(url)
                    + ": " + e.getMessage(), e);
        }
        return o.setCachePreparedStatements(true);
    }

    /** {@code url} with the password replaced, for messages. */
    static String withoutPassword(String url) {
        int scheme = url.indexOf("://");
        int at = url.indexOf('@');
        if (scheme < 0 || at < scheme) {
            return url;
        }
        int colon = url.indexOf(':', scheme + 3);
        return colon > 0 && colon < at ? url.substring(0, colon) + ":***" + url.substring(at) : url;
    }
}
