package io.github.jawait.postgres;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.emit;
import static io.github.jawait.Asyncio.end;
import static io.github.jawait.Asyncio.result;

import io.github.jawait.Async;
import io.github.jawait.AsyncCloseable;
import io.github.jawait.AsyncGenerator;
import io.github.jawait.Awaitable;
import io.github.jawait.Coroutine;
import io.github.jawait.ExternalFuture;
import io.vertx.core.Future;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Cursor;
import io.vertx.sqlclient.PreparedStatement;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A connection to PostgreSQL, asyncpg's {@code Connection}: every method is a coroutine, run
 * when awaited, and its result or failure arrives on the loop thread.
 *
 * <pre>{@code
 * try (Connection conn = await(Postgres.connect("postgresql://app:secret@localhost:5432/shop"))) {
 *     List<Row> users = await(conn.fetch("SELECT id, name FROM users WHERE active = $1", true));
 *     long n = await(conn.fetchVal("SELECT count(*) FROM users"));
 * }                                                       // await(conn.closeAsync())
 * }</pre>
 *
 * <p>One operation at a time, as in asyncpg: a second one started while another is in progress
 * fails with {@link IllegalStateException}; use a {@link Pool} for concurrent queries.
 * Statements with arguments are prepared once per connection and cached. Cancelling the task
 * that awaits a query (or a {@code waitFor} expiring) sends PostgreSQL's CancelRequest; the
 * await ends at once with {@code CancelledError}, and the next operation on the connection
 * waits until the server has dropped the cancelled statement, so the connection stays usable.
 */
public final class Connection implements AsyncCloseable {
    /** Rows fetched per round trip by {@link #cursor(String, Object...)}: asyncpg's default. */
    public static final int DEFAULT_PREFETCH = 50;

    private final PgConnection pg;
    private final Runnable release;
    private final Runnable cancelRunning = this::cancelRunning;
    /** The Vert.x future of the operation in progress (its completion is checked, not cleared). */
    private Future<?> running;
    /** After a cancellation: completes once the cancelled statement and the CancelRequest ended. */
    private Future<?> draining;
    private boolean busy;
    private boolean closed;
    private int transactionDepth;

    /** {@code release} closes the socket of a connection, or returns a pooled one to its pool. */
    Connection(PgConnection pg, Runnable release) {
        this.pg = pg;
        this.release = release;
    }

    /** All rows of {@code sql} with {@code $1, $2, ...} bound to {@code args}. */
    @Async
    public Coroutine<List<Row>> fetch(String sql, Object... args) {
        RowSet<io.vertx.sqlclient.Row> rs = await(prepared("fetch", sql, args));
        List<Row> rows = new ArrayList<>(rs.size());
        for (io.vertx.sqlclient.Row r : rs) {
            rows.add(new Row(r));
        }
        return result(rows);
    }

    /** The first row of {@code sql}, or null if there is none (asyncpg's {@code fetchrow}). */
    @Async
    public Coroutine<Row> fetchRow(String sql, Object... args) {
        RowSet<io.vertx.sqlclient.Row> rs = await(prepared("fetchRow", sql, args));
        return result(rs.size() == 0 ? null : new Row(rs.iterator().next()));
    }

    /**
     * The first column of the first row, or null if there is no row (asyncpg's
     * {@code fetchval}); typed as the call site expects: {@code long n = await(conn.fetchVal(...))}.
     */
    @Async
    @SuppressWarnings("unchecked")
    public <T> Coroutine<T> fetchVal(String sql, Object... args) {
        RowSet<io.vertx.sqlclient.Row> rs = await(prepared("fetchVal", sql, args));
        return result(rs.size() == 0 ? null : (T) rs.iterator().next().getValue(0));
    }

    /**
     * Runs a command and returns the number of rows it affected (inserted, updated, deleted,
     * selected, copied); 0 for commands whose status counts nothing ({@code CREATE TABLE},
     * {@code SET}, and {@code CREATE TABLE ... AS}). Without arguments it
     * uses the simple query protocol, so {@code sql} may hold several statements separated by
     * {@code ;} (the count is then the last one's), as asyncpg's {@code execute} allows.
     * asyncpg returns the status text ({@code "INSERT 0 1"}); the Vert.x driver underneath
     * reports only the count.
     */
    @Async
    public Coroutine<Integer> execute(String sql, Object... args) {
        RowSet<io.vertx.sqlclient.Row> rs;
        if (args.length == 0) {
            Placeholders.check("execute", sql, 0);
            rs = await(operation("execute", () -> pg.query(sql).execute()));
            while (rs.next() != null) {
                rs = rs.next(); // the last statement's result
            }
        } else {
            rs = await(prepared("execute", sql, args));
        }
        return result(Placeholders.countsRows(sql) ? rs.rowCount() : 0);
    }

    /**
     * Runs {@code sql} once per argument list, pipelined: all the executions go to the server
     * in one batch and one round trip (asyncpg's {@code executemany}). Atomic: if one fails,
     * none is applied (PostgreSQL runs the batch in one implicit transaction unless an explicit
     * one is open).
     */
    @Async
    public Coroutine<Void> executeMany(String sql, List<? extends List<?>> args) {
        Placeholders.checkAll(sql, args);
        if (args.isEmpty()) {
            return done();
        }
        List<Tuple> batch = new ArrayList<>(args.size());
        for (List<?> a : args) {
            batch.add(Tuple.wrap(new ArrayList<>(a)));
        }
        await(operation("executeMany", () -> pg.preparedQuery(sql).executeBatch(batch)));
        return done();
    }

    /**
     * Starts a transaction (a savepoint when one is already open) and returns it as a
     * resource. {@link Transaction#commit()} commits; leaving the block without committing —
     * by an exception, a cancellation or a plain exit — rolls back.
     *
     * <pre>{@code
     * try (Transaction tx = await(conn.transaction())) {
     *     await(conn.execute("UPDATE accounts SET balance = balance - $1 WHERE id = $2", 100, from));
     *     await(conn.execute("UPDATE accounts SET balance = balance + $1 WHERE id = $2", 100, to));
     *     await(tx.commit());
     * }
     * }</pre>
     */
    @Async
    public Coroutine<Transaction> transaction() {
        int depth = transactionDepth + 1;
        String begin = depth == 1 ? "BEGIN" : "SAVEPOINT " + Transaction.savepoint(depth);
        await(operation("transaction", () -> pg.query(begin).execute()));
        transactionDepth = depth;
        return result(new Transaction(this, depth));
    }

    /**
     * asyncpg's {@code async with conn.transaction():} exactly: runs {@code body} in a
     * transaction, commits when it returns, rolls back when it throws or is cancelled (then
     * rethrows).
     *
     * <pre>{@code
     * int id = await(conn.transaction(tx -> insertOrder(conn, order)));
     * }</pre>
     */
    @Async
    public <T> Coroutine<T> transaction(Function<Transaction, ? extends Coroutine<T>> body) {
        Transaction tx = await(transaction());
        T value;
        try {
            value = await(body.apply(tx));
        } catch (Throwable failure) {
            if (tx.isActive()) {
                try {
                    await(tx.rollback());
                } catch (Throwable rollbackFailed) {
                    failure.addSuppressed(rollbackFailed);
                }
            }
            throw failure;
        }
        if (tx.isActive()) {
            await(tx.commit());
        }
        return result(value);
    }

    /** {@link #cursor(String, List, int)} with {@link #DEFAULT_PREFETCH} rows per round trip. */
    public AsyncGenerator<Row> cursor(String sql, Object... args) {
        return cursor(sql, Arrays.asList(args), DEFAULT_PREFETCH);
    }

    /**
     * The rows of {@code sql} as an async generator, fetched {@code prefetch} at a time
     * (asyncpg's {@code conn.cursor()}): {@code try (var rows = conn.cursor(sql, List.of(), 100))
     * { while (await(rows.hasNext())) { Row r = rows.next(); ... } }}. Only inside a transaction:
     * PostgreSQL keeps a cursor only as long as the transaction that opened it. Closing the
     * generator (try-with-resources, or leaving the loop) closes the cursor on the server.
     */
    @Async
    public AsyncGenerator<Row> cursor(String sql, List<?> args, int prefetch) {
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch must be at least 1: " + prefetch);
        }
        Placeholders.check("cursor", sql, args.size());
        if (transactionDepth == 0) {
            throw new IllegalStateException("cursor() needs a transaction: PostgreSQL keeps a cursor only"
                    + " inside the transaction that opened it; open one with conn.transaction()");
        }
        Tuple tuple = Tuple.wrap(new ArrayList<>(args));
        PreparedStatement ps = await(operation("cursor", () -> pg.prepare(sql)));
        Cursor cursor = ps.cursor(tuple);
        try {
            while (true) {
                RowSet<io.vertx.sqlclient.Row> rs = await(operation("cursor", () -> cursor.read(prefetch)));
                for (io.vertx.sqlclient.Row r : rs) {
                    emit(new Row(r));
                }
                if (!cursor.hasMore()) {
                    break;
                }
            }
        } finally {
            if (!closed && !cursor.isClosed()) {
                await(operation("cursor close", cursor::close));
            }
        }
        return end();
    }

    /** Vert.x's connection underneath (tests: on which thread its callbacks run). */
    PgConnection vertxConnection() {
        return pg;
    }

    /** The server process serving this connection ({@code pg_backend_pid()}). */
    public int processId() {
        return pg.processId();
    }

    /** Whether {@link #closeAsync()} was called (or, pooled, the connection was released). */
    public boolean isClosed() {
        return closed;
    }

    /** Whether a transaction is open on this connection (by {@link #transaction()}). */
    public boolean inTransaction() {
        return transactionDepth > 0;
    }

    /**
     * Closes the connection (asyncpg's {@code await conn.close()}); a connection from
     * {@link Pool#acquire()} goes back to its pool instead. Idempotent.
     */
    @Override
    public Awaitable<Void> closeAsync() {
        return closeNow();
    }

    @Async
    private Coroutine<Void> closeNow() {
        if (closed) {
            return done();
        }
        if (draining != null && !draining.isComplete()) {
            await(VertxFutures.awaitable(draining)); // a pooled connection goes back clean
        }
        closed = true;
        try {
            await(VertxFutures.awaitable(pg.close()));
        } finally {
            release.run();
        }
        return done();
    }

    void transactionEnded(int depth) {
        transactionDepth = depth - 1;
    }

    int transactionDepth() {
        return transactionDepth;
    }

    @Override
    public String toString() {
        return "<Connection pid=" + pg.processId() + (closed ? " closed" : "") + ">";
    }

    // ---- one operation at a time, cancellable ----

    /** A prepared statement's result; started at once when the connection is free (no extra coroutine). */
    private Awaitable<RowSet<io.vertx.sqlclient.Row>> prepared(String what, String sql, Object[] args) {
        Placeholders.check(what, sql, args.length);
        if (draining != null) {
            return operation(what, () -> startPrepared(sql, args));
        }
        checkUsable(what);
        busy = true;
        Future<RowSet<io.vertx.sqlclient.Row>> f;
        try {
            f = startPrepared(sql, args);
        } catch (RuntimeException | Error e) {
            busy = false; // refused before anything was sent (an argument Vert.x cannot encode)
            throw e;
        }
        return track(f);
    }

    private Future<RowSet<io.vertx.sqlclient.Row>> startPrepared(String sql, Object[] args) {
        return args.length == 0 ? pg.preparedQuery(sql).execute() : pg.preparedQuery(sql).execute(Tuple.wrap(args));
    }

    /**
     * The running operation {@code f} as an awaitable: the connection is free again when it
     * ends or when its awaiter is cancelled (which sends the CancelRequest).
     */
    private <R> ExternalFuture<R> track(Future<R> f) {
        running = f;
        ExternalFuture<R> outcome = ExternalFuture.create();
        f.onComplete(ar -> {
            busy = false;
            if (ar.succeeded()) {
                outcome.complete(ar.result());
            } else {
                outcome.fail(Errors.map(ar.cause()));
            }
        });
        outcome.onCancel(cancelRunning);
        return outcome;
    }

    /** Runs the Vert.x operation {@code start} once the connection is free; cancellable. */
    @Async
    <R> Coroutine<R> operation(String what, Supplier<Future<R>> start) {
        if (draining != null) {
            Future<?> d = draining;
            if (!d.isComplete()) {
                await(VertxFutures.awaitable(d));
            }
            if (draining == d) {
                draining = null;
            }
        }
        checkUsable(what);
        busy = true;
        Future<R> f;
        try {
            f = start.get();
        } catch (RuntimeException | Error e) {
            busy = false;
            throw e;
        }
        return result(await(track(f)));
    }

    private void checkUsable(String what) {
        if (closed) {
            throw new IllegalStateException(what + ": the connection is closed");
        }
        if (busy) {
            throw new IllegalStateException(what + ": another operation is in progress on this connection;"
                    + " a connection runs one at a time (use a Pool for concurrent queries)");
        }
    }

    /** The awaiting task was cancelled: ask the server to drop the running statement. */
    private void cancelRunning() {
        busy = false;
        Future<?> q = running;
        if (q == null || q.isComplete()) {
            return;
        }
        Future<Void> cancel = pg.cancelRequest();
        // the next operation starts after both: the cancel cannot hit it, the statement is gone
        draining = q.transform(ar -> cancel).transform(ar -> Future.succeededFuture());
    }
}
