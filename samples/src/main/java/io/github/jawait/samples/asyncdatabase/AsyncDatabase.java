package io.github.jawait.samples.asyncdatabase;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.result;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.LoopClock;
import io.github.jawait.postgres.Connection;
import io.github.jawait.postgres.EmbeddedServer;
import io.github.jawait.postgres.Postgres;
import io.github.jawait.postgres.Row;
import java.util.List;

/**
 * "异步数据库操作" (asyncpg) against a real PostgreSQL: connect, query in try, close in
 * finally, with the guide's SQL line for line. Without arguments it starts an embedded server
 * (PostgreSQL from a Maven artifact, data directory on /dev/shm, stopped at the end); give a
 * {@code postgresql://user:password@host:port/db} URL as the first argument or in the
 * environment variable {@code JAWAIT_POSTGRES_URL} to use a server you have. The sample then
 * creates a table {@code users} there if it does not exist, and adds two rows to it.
 */
public final class AsyncDatabase {
    /** The environment variable naming a server to use instead of the embedded one. */
    public static final String URL_VARIABLE = "JAWAIT_POSTGRES_URL";

    private AsyncDatabase() {
    }

    /** async def fetch_users() */
    @Async
    static Coroutine<List<Row>> fetchUsers(String url) {
        Connection conn = await(Postgres.connect(url)); // conn = await asyncpg.connect("postgresql://localhost/db")
        try {
            List<Row> rows = await(conn.fetch("SELECT * FROM users"));
            return result(rows);
        } finally {
            await(conn.closeAsync()); // await conn.close(), on every exit path
        }
    }

    /** async def bulk_insert(users) */
    @Async
    static Coroutine<Void> bulkInsert(String url, List<List<String>> users) {
        Connection conn = await(Postgres.connect(url));
        try {
            await(conn.executeMany("INSERT INTO users (name, email) VALUES ($1, $2)", users));
        } finally {
            await(conn.closeAsync());
        }
        return done();
    }

    @Async
    static Coroutine<Void> createTable(String url) {
        try (Connection conn = await(Postgres.connect(url))) { // async with: closed on every exit
            await(conn.execute("CREATE TABLE IF NOT EXISTS users"
                    + " (id serial PRIMARY KEY, name text NOT NULL, email text NOT NULL)"));
        }
        return done();
    }

    /**
     * The Python runs fetch_users() and prints nothing; here the table is made and filled with
     * bulk_insert first, and the rows fetched are printed (asyncpg's Record repr).
     */
    @Async
    public static Coroutine<Void> main(String url) {
        await(createTable(url));
        await(bulkInsert(url, List.of(
                List.of("Alice", "alice@example.com"),
                List.of("Bob", "bob@example.com"))));
        List<Row> rows = await(fetchUsers(url));
        for (Row row : rows) {
            System.out.println(row);
        }
        return done();
    }

    /** Runs on {@code url}, or on an embedded server started for the run when it is null. */
    public static void run(LoopClock clock, String url) {
        if (url != null && !url.isBlank()) {
            Asyncio.run(main(url), clock);
            return;
        }
        try (EmbeddedServer server = EmbeddedServer.start()) {
            Asyncio.run(main(server.url()), clock);
        }
    }

    public static void run(LoopClock clock) {
        run(clock, System.getenv(URL_VARIABLE));
    }

    public static void main(String[] args) {
        run(LoopClock.system(), args.length > 0 ? args[0] : System.getenv(URL_VARIABLE));
    }
}
