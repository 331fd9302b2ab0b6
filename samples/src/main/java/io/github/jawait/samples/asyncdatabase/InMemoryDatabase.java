package io.github.jawait.samples.asyncdatabase;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for PostgreSQL and asyncpg, so that the sample runs without a database server:
 * one {@code users} table kept in memory. It has asyncpg's shape, not its network: every call
 * is a coroutine that yields to the loop once ({@code sleep(0)}) where a real driver would
 * suspend on the server's reply, and a closed connection refuses work. No SQL is parsed; each
 * method names the statement it stands for.
 */
public final class InMemoryDatabase {
    /** A row of {@code users}: asyncpg returns Record objects. */
    public record UserRow(int id, String name, String email) {
    }

    private final List<UserRow> users = new ArrayList<>();

    /** {@code await asyncpg.connect("postgresql://localhost/db")} */
    @Async
    public Coroutine<Connection> connect() {
        await(sleep(0)); // a real driver suspends here on the TCP connect and login
        return result(new Connection());
    }

    /** asyncpg's Connection, reduced to the two statements the guide runs. */
    public final class Connection {
        private boolean closed;

        private Connection() {
        }

        /** {@code await conn.fetch("SELECT * FROM users")} */
        @Async
        public Coroutine<List<UserRow>> fetchAllUsers() {
            checkOpen();
            await(sleep(0)); // the round trip
            return result(List.copyOf(users));
        }

        /**
         * {@code await conn.executemany("INSERT INTO users (name, email) VALUES ($1, $2)", users)};
         * each element is a (name, email) pair.
         */
        @Async
        public Coroutine<Void> insertUsers(List<List<String>> rows) {
            checkOpen();
            await(sleep(0)); // the round trip
            for (List<String> r : rows) {
                users.add(new UserRow(users.size() + 1, r.get(0), r.get(1)));
            }
            return done();
        }

        /** {@code await conn.close()} */
        @Async
        public Coroutine<Void> close() {
            closed = true;
            await(sleep(0)); // a real driver tells the server goodbye
            return done();
        }

        private void checkOpen() {
            if (closed) {
                throw new IllegalStateException("the connection is closed");
            }
        }
    }
}
