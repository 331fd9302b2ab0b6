package io.github.jawait.benchmarks.postgres;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.result;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.postgres.Connection;
import io.github.jawait.postgres.Postgres;
import io.github.jawait.postgres.Row;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/** jawait-postgres as a user writes it: one task per connection, awaiting each query. */
final class JawaitPg implements PgContender {
    private final EventLoop loop = new EventLoop();
    private final List<Connection> conns = new ArrayList<>();
    private Vertx vertx;

    @Override
    public void open(String url, int connections) {
        loop.runUntilComplete(connectAll(url, connections));
    }

    @Async
    private Coroutine<Void> connectAll(String url, int n) {
        for (int i = 0; i < n; i++) {
            conns.add(await(Postgres.connect(url)));
        }
        return done();
    }

    @Override
    public void selects(int total) {
        loop.runUntilComplete(selectAll(total));
    }

    @Async
    private Coroutine<Void> selectAll(int total) {
        List<Coroutine<Long>> workers = new ArrayList<>();
        int per = total / conns.size();
        for (int w = 0; w < conns.size(); w++) {
            workers.add(worker(conns.get(w), w * per, per));
        }
        List<Long> sums = await(gather(workers));
        check(sums, total);
        return done();
    }

    @Async
    private static Coroutine<Long> worker(Connection conn, int from, int n) {
        long sum = 0;
        for (int i = from; i < from + n; i++) {
            Row r = await(conn.fetchRow(PgBench.SELECT, Schema.id(i)));
            sum += r.getInteger(0);
        }
        return result(sum);
    }

    static void check(List<Long> sums, int total) {
        long s = 0;
        for (long x : sums) {
            s += x;
        }
        if (s <= total) {
            throw new IllegalStateException("wrong rows: " + s);
        }
    }

    @Override
    public void insertMany(List<List<Object>> rows) {
        loop.runUntilComplete(conns.get(0).executeMany(PgBench.INSERT, rows));
    }

    @Override
    public boolean handoffs(int n) {
        if (vertx == null) {
            vertx = Vertx.vertx();
        }
        Context ctx = vertx.getOrCreateContext();
        loop.runUntilComplete(pingPong(ctx, n));
        return true;
    }

    /** Each round trip: the loop asks Vert.x's event loop, which completes a future; the task resumes. */
    @Async
    private static Coroutine<Void> pingPong(Context ctx, int n) {
        for (int i = 0; i < n; i++) {
            Promise<Integer> p = Promise.promise();
            int v = i;
            ctx.runOnContext(x -> p.complete(v));
            int got = await(p.future()); // "await anything": the Vert.x future as it is
            if (got != i) {
                throw new IllegalStateException();
            }
        }
        return done();
    }

    @Override
    public void close() {
        loop.runUntilComplete(closeAll());
        loop.close();
        if (vertx != null) {
            vertx.close();
        }
    }

    @Async
    private Coroutine<Void> closeAll() {
        for (Connection c : conns) {
            await(c.closeAsync());
        }
        return done();
    }
}
