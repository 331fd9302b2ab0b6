package io.github.jawait.samples.asyncdatabase;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.result;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.LoopClock;
import io.github.jawait.samples.asyncdatabase.InMemoryDatabase.Connection;
import io.github.jawait.samples.asyncdatabase.InMemoryDatabase.UserRow;
import java.util.List;

/**
 * "异步数据库操作" (asyncpg): connect, query in try, close in finally. There is no PostgreSQL
 * here: {@link InMemoryDatabase} stands in for the server and the driver (see there); the code
 * below has the guide's shape line for line.
 */
public final class AsyncDatabase {

    private AsyncDatabase() {
    }

    /** async def fetch_users() */
    @Async
    static Coroutine<List<UserRow>> fetchUsers(InMemoryDatabase db) {
        Connection conn = await(db.connect()); // conn = await asyncpg.connect("postgresql://localhost/db")
        try {
            List<UserRow> rows = await(conn.fetchAllUsers()); // await conn.fetch("SELECT * FROM users")
            return result(rows);
        } finally {
            await(conn.close()); // await in finally: runs on every exit path
        }
    }

    /** async def bulk_insert(users) */
    @Async
    static Coroutine<Void> bulkInsert(InMemoryDatabase db, List<List<String>> users) {
        Connection conn = await(db.connect());
        try {
            await(conn.insertUsers(users)); // conn.executemany("INSERT INTO users (name, email) VALUES ($1, $2)", users)
        } finally {
            await(conn.close());
        }
        return done();
    }

    /**
     * The Python runs fetch_users() and prints nothing; here the table is filled with
     * bulk_insert first and the rows fetched are printed.
     */
    @Async
    public static Coroutine<Void> main() {
        InMemoryDatabase db = new InMemoryDatabase();
        await(bulkInsert(db, List.of(
                List.of("Alice", "alice@example.com"),
                List.of("Bob", "bob@example.com"))));
        List<UserRow> rows = await(fetchUsers(db));
        for (UserRow row : rows) {
            System.out.println(row);
        }
        return done();
    }

    public static void run(LoopClock clock) {
        Asyncio.run(main(), clock);
    }

    public static void main(String[] args) {
        run(LoopClock.system());
    }
}
