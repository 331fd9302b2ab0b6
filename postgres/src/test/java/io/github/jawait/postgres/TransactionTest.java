package io.github.jawait.postgres;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jawait.Async;
import io.github.jawait.AsyncGenerator;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Transactions (resource and scope forms, nested savepoints) and cursors. */
class TransactionTest {

    @Async
    static Coroutine<Connection> freshTable() {
        Connection conn = await(Postgres.connect(Db.url()));
        await(conn.execute("CREATE TEMP TABLE log (n int)"));
        return result(conn);
    }

    @Async
    static Coroutine<String> contents(Connection conn) {
        List<Row> rows = await(conn.fetch("SELECT n FROM log ORDER BY n"));
        List<Integer> ns = new ArrayList<>();
        for (Row r : rows) {
            ns.add(r.getInteger(0));
        }
        return result(ns.toString());
    }

    @Async
    static Coroutine<List<String>> resourceForm() {
        List<String> seen = new ArrayList<>();
        try (Connection conn = await(freshTable())) {
            try (Transaction tx = await(conn.transaction())) {
                await(conn.execute("INSERT INTO log VALUES (1)"));
                seen.add("in transaction " + conn.inTransaction());
                await(tx.commit());
            }
            try (Transaction tx = await(conn.transaction())) {
                await(conn.execute("INSERT INTO log VALUES (2)"));
            } // no commit: rolled back
            try (Transaction tx = await(conn.transaction())) {
                await(conn.execute("INSERT INTO log VALUES (3)"));
                throw new IllegalStateException("body failed");
            } catch (IllegalStateException e) {
                seen.add("caught " + e.getMessage() + ", in transaction " + conn.inTransaction());
            }
            seen.add(await(contents(conn)));
        }
        return result(seen);
    }

    @Test
    void commitKeepsTheRowsLeavingWithoutCommitRollsBack() {
        assertEquals(List.of("in transaction true", "caught body failed, in transaction false", "[1]"),
                Db.run(resourceForm()));
    }

    @Async
    static Coroutine<Integer> insertAndCount(Connection conn, int n, boolean fail) {
        await(conn.execute("INSERT INTO log VALUES ($1)", n));
        if (fail) {
            throw new IllegalArgumentException("no " + n);
        }
        return result(n);
    }

    @Async
    static Coroutine<List<String>> scopeForm() {
        List<String> seen = new ArrayList<>();
        try (Connection conn = await(freshTable())) {
            int v = await(conn.transaction(tx -> insertAndCount(conn, 10, false)));
            seen.add("returned " + v);
            try {
                await(conn.transaction(tx -> insertAndCount(conn, 20, true)));
            } catch (IllegalArgumentException e) {
                seen.add("rolled back: " + e.getMessage());
            }
            // nested: the inner savepoint rolls back alone
            await(conn.transaction(outer -> nested(conn)));
            seen.add(await(contents(conn)));
        }
        return result(seen);
    }

    @Async
    static Coroutine<Void> nested(Connection conn) {
        await(conn.execute("INSERT INTO log VALUES (30)"));
        try (Transaction inner = await(conn.transaction())) {
            await(conn.execute("INSERT INTO log VALUES (31)"));
            assertEquals(true, inner.isNested());
        } // rolled back to the savepoint
        await(conn.transaction(inner -> insertAndCount(conn, 32, false)));
        return io.github.jawait.Asyncio.done();
    }

    @Test
    void theScopeFormCommitsOnReturnAndRollsBackOnAnException() {
        assertEquals(List.of("returned 10", "rolled back: no 20", "[10, 30, 32]"), Db.run(scopeForm()));
    }

    @Async
    static Coroutine<Void> slowTransaction(Connection conn) {
        try (Transaction tx = await(conn.transaction())) {
            await(conn.execute("INSERT INTO log VALUES (99)"));
            await(conn.execute("SELECT pg_sleep(10)"));
            await(tx.commit());
        }
        return io.github.jawait.Asyncio.done();
    }

    @Async
    static Coroutine<List<String>> cancelledTransaction() {
        List<String> seen = new ArrayList<>();
        try (Connection conn = await(freshTable())) {
            Task<Void> t = createTask(slowTransaction(conn));
            await(sleep(0.3));
            t.cancel();
            try {
                await(t);
            } catch (CancelledError e) {
                seen.add("cancelled, in transaction " + conn.inTransaction());
            }
            seen.add(await(contents(conn)));
        }
        return result(seen);
    }

    @Test
    void aCancelledTaskRollsItsTransactionBack() {
        assertEquals(List.of("cancelled, in transaction false", "[]"), Db.run(cancelledTransaction()));
    }

    /** Named portals: the unnamed one is the statement asking. */
    static final String OPEN_CURSORS = "SELECT count(*) FROM pg_cursors WHERE name <> ''";

    @Async
    static Coroutine<List<String>> cursorRows() {
        List<String> seen = new ArrayList<>();
        try (Connection conn = await(Postgres.connect(Db.url()))) {
            try {
                await(conn.cursor("SELECT 1").toList());
            } catch (IllegalStateException e) {
                seen.add(e.getMessage());
            }
            try (Transaction tx = await(conn.transaction())) {
                long sum = 0;
                int count = 0;
                try (AsyncGenerator<Row> rows = conn.cursor("SELECT g FROM generate_series(1, $1) g", List.of(120), 50)) {
                    while (await(rows.hasNext())) {
                        Row r = rows.next();
                        sum += r.getInteger("g");
                        count++;
                    }
                }
                seen.add(count + " rows, sum " + sum);
                // leaving early closes the cursor on the server
                try (AsyncGenerator<Row> rows = conn.cursor("SELECT g FROM generate_series(1, 1000) g")) {
                    await(rows.hasNext());
                    seen.add("first " + rows.next().getInteger(0));
                    seen.add("open cursors " + await(conn.fetchVal(OPEN_CURSORS)));
                }
                seen.add("open cursors " + await(conn.fetchVal(OPEN_CURSORS)));
                await(tx.commit());
            }
        }
        return result(seen);
    }

    @Test
    void aCursorFetchesInBatchesInsideATransaction() {
        assertEquals(List.of("cursor() needs a transaction: PostgreSQL keeps a cursor only inside the transaction"
                + " that opened it; open one with conn.transaction()", "120 rows, sum 7260", "first 1",
                "open cursors 1", "open cursors 0"), Db.run(cursorRows()));
    }
}
