package io.github.jawait.postgres;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;

import io.github.jawait.Async;
import io.github.jawait.AsyncCloseable;
import io.github.jawait.Awaitable;
import io.github.jawait.Coroutine;

/**
 * An open transaction (or, nested, a savepoint) of a {@link Connection}, as a resource:
 * {@link #commit()} ends it; closing it while still active rolls it back. Java's
 * try-with-resources does not tell {@code close} whether the block threw, so committing is
 * written out, the way JDBC code does it; {@link Connection#transaction(java.util.function.Function)}
 * is the form that commits on a normal exit by itself, like asyncpg's {@code async with}.
 *
 * <pre>{@code
 * try (Transaction tx = await(conn.transaction())) {
 *     await(conn.execute("INSERT INTO audit(event) VALUES ($1)", "login"));
 *     await(tx.commit());
 * }                       // an exception or a cancellation before commit(): ROLLBACK
 * }</pre>
 */
public final class Transaction implements AsyncCloseable {
    private final Connection conn;
    private final int depth;
    private boolean active = true;

    Transaction(Connection conn, int depth) {
        this.conn = conn;
        this.depth = depth;
    }

    static String savepoint(int depth) {
        return "jawait_savepoint_" + depth;
    }

    /** Whether neither {@link #commit()} nor {@link #rollback()} ended it yet. */
    public boolean isActive() {
        return active;
    }

    /** Whether this is a savepoint inside an outer transaction. */
    public boolean isNested() {
        return depth > 1;
    }

    /** {@code COMMIT} (nested: {@code RELEASE SAVEPOINT}). */
    @Async
    public Coroutine<Void> commit() {
        end("commit");
        await(conn.execute(depth == 1 ? "COMMIT" : "RELEASE SAVEPOINT " + savepoint(depth)));
        return done();
    }

    /** {@code ROLLBACK} (nested: {@code ROLLBACK TO SAVEPOINT} and release it). */
    @Async
    public Coroutine<Void> rollback() {
        end("rollback");
        if (depth == 1) {
            await(conn.execute("ROLLBACK"));
        } else {
            String sp = savepoint(depth);
            await(conn.execute("ROLLBACK TO SAVEPOINT " + sp + "; RELEASE SAVEPOINT " + sp));
        }
        return done();
    }

    /** Rolls back unless committed or rolled back already. */
    @Override
    public Awaitable<Void> closeAsync() {
        return active ? rollback() : done();
    }

    private void end(String what) {
        if (!active) {
            throw new IllegalStateException(what + "(): the transaction has already ended");
        }
        if (conn.transactionDepth() != depth) {
            throw new IllegalStateException(what + "(): a nested transaction is still open; end it first");
        }
        active = false;
        conn.transactionEnded(depth);
    }

    @Override
    public String toString() {
        return "<Transaction " + (isNested() ? "savepoint " + depth : "") + (active ? "active" : "ended") + ">";
    }
}
