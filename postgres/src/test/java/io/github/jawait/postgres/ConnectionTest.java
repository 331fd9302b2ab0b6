package io.github.jawait.postgres;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.AsyncTimeoutException;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A connection against the embedded server: queries, errors, cancellation, a lost backend. */
class ConnectionTest {

    @Async
    static Coroutine<List<String>> queries() {
        List<String> seen = new ArrayList<>();
        try (Connection conn = await(Postgres.connect(Db.url()))) {
            Thread loopThread = Thread.currentThread();
            await(conn.execute("DROP TABLE IF EXISTS users; CREATE TABLE users (id serial PRIMARY KEY,"
                    + " name text NOT NULL, email text UNIQUE, born date)"));
            seen.add("insert " + await(conn.execute("INSERT INTO users (name, email) VALUES ($1, $2), ($3, $4)",
                    "Alice", "alice@example.com", "Bob", "bob@example.com")));
            assertSame(loopThread, Thread.currentThread(), "results arrive on the loop thread");
            List<Row> rows = await(conn.fetch("SELECT id, name, email, born FROM users ORDER BY id"));
            for (Row r : rows) {
                seen.add(r.getInteger("id") + " " + r.getString(1) + " " + r.get("email") + " " + r.get("born"));
            }
            seen.add(rows.get(0).toString());
            seen.add(String.valueOf(rows.get(1).columns()));
            seen.add(String.valueOf(rows.get(1).toMap()));
            Row bob = await(conn.fetchRow("SELECT * FROM users WHERE name = $1", "Bob"));
            seen.add("row " + bob.getString("email"));
            seen.add("none " + await(conn.fetchRow("SELECT * FROM users WHERE name = $1", "Carol")));
            long count = await(conn.fetchVal("SELECT count(*) FROM users"));
            seen.add("count " + count);
            String dollars = await(conn.fetchVal("SELECT $1::text || ' costs $5, not $2' -- $3\n", "tea"));
            seen.add(dollars);
            seen.add("update " + await(conn.execute("UPDATE users SET born = $1 WHERE id > $2",
                    java.time.LocalDate.of(1990, 5, 17), 0)));
            seen.add("born " + await(conn.fetchRow("SELECT born FROM users WHERE id = 1")).getLocalDate("born"));
            seen.add("create " + await(conn.execute("CREATE TEMP TABLE t (x int)")));
        }
        return result(seen);
    }

    @Test
    void fetchFetchRowFetchValAndExecuteReturnRealValues() {
        assertEquals(List.of(
                "insert 2",
                "1 Alice alice@example.com null",
                "2 Bob bob@example.com null",
                "<Record id=1 name='Alice' email='alice@example.com' born=None>",
                "[id, name, email, born]",
                "{id=2, name=Bob, email=bob@example.com, born=null}",
                "row bob@example.com",
                "none null",
                "count 2",
                "tea costs $5, not $2",
                "update 2",
                "born 1990-05-17",
                "create 0"), Db.run(queries()));
    }

    @Async
    static Coroutine<List<String>> executeManyRows(int n) {
        try (Connection conn = await(Postgres.connect(Db.url()))) {
            await(conn.execute("CREATE TEMP TABLE items (id int PRIMARY KEY, label text)"));
            List<List<?>> rows = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                rows.add(List.of(i, "item " + i));
            }
            await(conn.executeMany("INSERT INTO items (id, label) VALUES ($1, $2)", rows));
            List<String> seen = new ArrayList<>();
            seen.add("count " + await(conn.<Long>fetchVal("SELECT count(*) FROM items")));
            seen.add("sum " + await(conn.<Long>fetchVal("SELECT sum(id) FROM items")));
            seen.add("last " + await(conn.<String>fetchVal("SELECT label FROM items WHERE id = $1", n)));
            // one duplicate key in a batch: nothing of the batch is applied
            List<List<?>> clash = List.of(List.of(n + 1, "new"), List.of(1, "duplicate"));
            try {
                await(conn.executeMany("INSERT INTO items (id, label) VALUES ($1, $2)", clash));
                seen.add("no error");
            } catch (PostgresException e) {
                seen.add(e.sqlState() + " " + e.getMessage());
            }
            seen.add("after " + await(conn.<Long>fetchVal("SELECT count(*) FROM items")));
            await(conn.executeMany("INSERT INTO items (id, label) VALUES ($1, $2)", List.of()));
            return result(seen);
        }
    }

    @Test
    void executeManyInsertsEveryRowInOneBatchAndIsAtomic() {
        assertEquals(List.of("count 1000", "sum 500500", "last item 1000",
                "23505 duplicate key value violates unique constraint \"items_pkey\"", "after 1000"),
                Db.run(executeManyRows(1000)));
    }

    @Async
    static Coroutine<PostgresException> sqlError() {
        try (Connection conn = await(Postgres.connect(Db.url()))) {
            try {
                await(conn.fetch("SELECT * FROM no_such_table"));
                return result(null);
            } catch (PostgresException e) {
                assertEquals(1, await(conn.<Integer>fetchVal("SELECT 1")), "the connection stays usable");
                return result(e);
            }
        }
    }

    @Test
    void aSqlErrorIsATypedExceptionWithItsSqlState() {
        PostgresException e = Db.run(sqlError());
        assertEquals("42P01", e.sqlState());
        assertEquals("relation \"no_such_table\" does not exist", e.getMessage());
        assertEquals("ERROR", e.severity());
    }

    @Async
    static Coroutine<List<String>> badArguments() {
        List<String> seen = new ArrayList<>();
        try (Connection conn = await(Postgres.connect(Db.url()))) {
            try {
                await(conn.fetch("SELECT $1::int + $2::int", 1));
            } catch (IllegalArgumentException e) {
                seen.add(e.getMessage());
            }
            try {
                await(conn.fetchVal("SELECT 'it''s $1' -- $2\n, $1::int", 1, 2));
            } catch (IllegalArgumentException e) {
                seen.add(e.getMessage());
            }
            try {
                await(conn.executeMany("INSERT INTO t VALUES ($1, $2)", List.of(List.of(1, 2), List.of(3))));
            } catch (IllegalArgumentException e) {
                seen.add(e.getMessage());
            }
            try {
                await(conn.fetchVal("SELECT $1::int", "not a number"));
            } catch (IllegalArgumentException e) {
                seen.add(e.getMessage());
            }
            seen.add("still usable: " + await(conn.fetchVal("SELECT $1::int * 2", 21)));
        }
        return result(seen);
    }

    @Test
    void aWrongArgumentCountOrTypeIsRefusedBeforeSending() {
        assertEquals(List.of(
                "fetch: the statement takes 2 arguments but 1 was given: SELECT $1::int + $2::int",
                "fetchVal: the statement takes 1 argument but 2 were given: SELECT 'it''s $1' -- $2\n, $1::int",
                "executeMany: the statement takes 2 arguments but argument list 1 has 1: INSERT INTO t VALUES ($1, $2)",
                "Parameter at position[0] with class = [java.lang.String] and value = [not a number] can not be"
                        + " coerced to the expected class = [java.lang.Number] for encoding.",
                "still usable: 42"), Db.run(badArguments()));
    }

    @Async
    static Coroutine<String> twoAtOnce() {
        try (Connection conn = await(Postgres.connect(Db.url()))) {
            try {
                await(gather(conn.fetchVal("SELECT pg_sleep(0.1)"), conn.fetchVal("SELECT 2")));
                return result("no error");
            } catch (IllegalStateException e) {
                await(sleep(0.3)); // let the first one finish before closing
                return result(e.getMessage());
            }
        }
    }

    @Test
    void oneOperationAtATimeAsInAsyncpg() {
        assertEquals("fetchVal: another operation is in progress on this connection; a connection runs one at a"
                + " time (use a Pool for concurrent queries)", Db.run(twoAtOnce()));
    }

    @Async
    static Coroutine<List<String>> timeoutCancelsTheQuery() {
        List<String> seen = new ArrayList<>();
        try (Connection conn = await(Postgres.connect(Db.url()))) {
            long start = System.nanoTime();
            try {
                await(waitFor(conn.fetchVal("SELECT pg_sleep(10)"), Duration.ofMillis(300)));
                seen.add("not cancelled");
            } catch (AsyncTimeoutException e) {
                double s = (System.nanoTime() - start) / 1e9;
                seen.add("timed out");
                assertTrue(s >= 0.29 && s < 5, "the await ended after " + s + " s");
            }
            long next = System.nanoTime();
            seen.add("next " + await(conn.fetchVal("SELECT 1 + 1")));
            double s = (System.nanoTime() - next) / 1e9;
            // had the server not cancelled pg_sleep(10), this query would wait ~10 s behind it
            assertTrue(s < 5, "the next query took " + s + " s");
            seen.add("active sleeps " + await(conn.fetchVal("SELECT count(*) FROM pg_stat_activity"
                    + " WHERE query LIKE 'SELECT pg_sleep%' AND state = 'active'")));
        }
        return result(seen);
    }

    @Test
    void waitForExpiringSendsTheCancelRequestAndTheConnectionStaysUsable() {
        assertEquals(List.of("timed out", "next 2", "active sleeps 0"), Db.run(timeoutCancelsTheQuery()));
    }

    @Async
    static Coroutine<String> sleeper(Connection conn) {
        return result(String.valueOf(await(conn.fetchVal("SELECT pg_sleep(10)"))));
    }

    @Async
    static Coroutine<List<String>> cancelledTask() {
        List<String> seen = new ArrayList<>();
        try (Connection conn = await(Postgres.connect(Db.url()))) {
            long start = System.nanoTime();
            Task<String> t = createTask(sleeper(conn));
            await(sleep(0.3));
            t.cancel();
            try {
                await(t);
            } catch (CancelledError e) {
                seen.add("cancelled");
            }
            seen.add("next " + await(conn.fetchVal("SELECT 'ok'")));
            double s = (System.nanoTime() - start) / 1e9;
            assertTrue(s < 5, "took " + s + " s");
        }
        return result(seen);
    }

    @Test
    void cancellingTheTaskCancelsTheQueryOnTheServer() {
        assertEquals(List.of("cancelled", "next ok"), Db.run(cancelledTask()));
    }

    @Async
    static Coroutine<List<String>> terminated() {
        List<String> seen = new ArrayList<>();
        Connection victim = await(Postgres.connect(Db.url()));
        try (Connection admin = await(Postgres.connect(Db.url()))) {
            Task<String> pending = createTask(sleeper(victim));
            await(sleep(0.2));
            boolean killed = await(admin.fetchVal("SELECT pg_terminate_backend($1)", victim.processId()));
            seen.add("terminated " + killed);
            try {
                await(pending);
                seen.add("no error");
            } catch (ConnectionLostException e) {
                seen.add(e.getClass().getSimpleName() + " " + e.sqlState());
            }
            try {
                await(victim.fetchVal("SELECT 1"));
            } catch (ConnectionLostException e) {
                seen.add("then " + e.sqlState());
            }
        } finally {
            await(victim.closeAsync());
        }
        try {
            await(victim.fetchVal("SELECT 1"));
        } catch (IllegalStateException e) {
            seen.add(e.getMessage());
        }
        return result(seen);
    }

    @Test
    void aLostConnectionFailsThePendingQuery() {
        assertEquals(List.of("terminated true", "ConnectionLostException 08006", "then 08006",
                "fetchVal: the connection is closed"), Db.run(terminated()));
    }

    @Test
    void aBadUrlIsRefusedWithoutShowingThePassword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Db.run(Postgres.connect("mysql://app:secret@localhost/db")));
        assertEquals("not a PostgreSQL URL: mysql://app:***@localhost/db"
                + " (expected postgresql://user:password@host:port/database)", e.getMessage());
    }

    @Async
    static Coroutine<Connection> connectWithin(String url, Duration limit) {
        return result(await(waitFor(Postgres.connect(url), limit)));
    }

    @Test
    void aCancelledConnectReleasesWhatItHeldOnceTheSocketCloses() throws Exception {
        // the threaded mode: its Vert.x outlives the loop, so the release can be watched after it
        System.setProperty("jawait.postgres.vertx", "threads");
        try {
            cancelledConnectReleasesSharedVertx();
        } finally {
            System.clearProperty("jawait.postgres.vertx");
        }
    }

    private void cancelledConnectReleasesSharedVertx() throws Exception {
        int before = SharedVertx.users();
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            // a peer that accepts and never answers the startup message: the connect hangs
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return silent.accept();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            String url = "postgresql://postgres:postgres@127.0.0.1:" + silent.getLocalPort() + "/postgres";
            assertThrows(AsyncTimeoutException.class, () -> Db.run(connectWithin(url, Duration.ofMillis(300))));
            assertEquals(before + 1, SharedVertx.users(), "the pending connect still holds Vert.x");
            accepted.get(5, TimeUnit.SECONDS).close(); // now the connect fails inside Vert.x
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (SharedVertx.users() != before && System.nanoTime() < deadline) {
                Thread.sleep(5); // polls for the release that Vert.x's thread makes
            }
            assertEquals(before, SharedVertx.users(), "the cancelled connect released the Vert.x instance");
        }
    }

    @Async
    static Coroutine<Void> connectionRefused() {
        await(Postgres.connect("postgresql://postgres:postgres@127.0.0.1:1/postgres"));
        return done();
    }

    @Test
    void aRefusedConnectFails() {
        PostgresException e = assertThrows(PostgresException.class, () -> Db.run(connectionRefused()));
        assertEquals("08001", e.sqlState());
        assertEquals("cannot connect to 127.0.0.1:1: Connection refused: /127.0.0.1:1", e.getMessage());
    }
}
