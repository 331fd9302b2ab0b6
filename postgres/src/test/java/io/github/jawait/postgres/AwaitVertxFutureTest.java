package io.github.jawait.postgres;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.result;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.RowSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** "Await anything": a Vert.x Future is awaited as it is, through the module's adapter. */
class AwaitVertxFutureTest {

    @Async
    static Coroutine<List<String>> rawVertx(Vertx vertx) {
        List<String> seen = new ArrayList<>();
        Thread loopThread = Thread.currentThread();
        PgConnection conn = await(PgConnection.connect(vertx, Postgres.options(Db.url())));
        try {
            RowSet<io.vertx.sqlclient.Row> rs = await(conn.query("SELECT 6 * 7").execute());
            seen.add("value " + rs.iterator().next().getInteger(0));
            seen.add("on the loop thread " + (Thread.currentThread() == loopThread));
            int done = await(Future.succeededFuture(5)); // already complete: no suspension needed
            seen.add("completed " + done);
            try {
                await(conn.query("SELECT 1/0").execute());
            } catch (PgException e) { // Vert.x's own exception, as it is
                seen.add(e.getSqlState() + " " + e.getErrorMessage());
            }
        } finally {
            await(conn.close());
        }
        return result(seen);
    }

    @Test
    void aVertxFutureIsAwaitableWithoutAWrapper() {
        Vertx vertx = Vertx.vertx();
        try {
            assertEquals(List.of("value 42", "on the loop thread true", "completed 5", "22012 division by zero"),
                    Db.run(rawVertx(vertx)));
        } finally {
            vertx.close();
        }
    }
}
