package io.github.jawait.benchmarks.postgres;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Raw Vert.x, the floor under jawait-postgres: the same client, callbacks on Vert.x's event
 * loops, no hand-off to another thread. Same event-loop count as jawait-postgres uses (2).
 */
final class VertxPg implements PgContender {
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    private final List<PgConnection> conns = new ArrayList<>();

    @Override
    public void open(String url, int connections) {
        PgConnectOptions o = PgConnectOptions.fromUri(url).setCachePreparedStatements(true);
        for (int i = 0; i < connections; i++) {
            conns.add(PgConnection.connect(vertx, o).toCompletionStage().toCompletableFuture().join());
        }
    }

    @Override
    public void selects(int total) {
        int per = total / conns.size();
        AtomicLong sum = new AtomicLong();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int w = 0; w < conns.size(); w++) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            done.add(f);
            next(conns.get(w), w * per, w * per + per, sum, f);
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
        if (sum.get() <= total) {
            throw new IllegalStateException("wrong rows");
        }
    }

    /** The worker loop as callbacks: each completion sends the next query. */
    private static void next(PgConnection conn, int i, int end, AtomicLong sum, CompletableFuture<Void> done) {
        if (i == end) {
            done.complete(null);
            return;
        }
        conn.preparedQuery(PgBench.SELECT).execute(Tuple.of(Schema.id(i))).onComplete(ar -> {
            if (ar.failed()) {
                done.completeExceptionally(ar.cause());
                return;
            }
            RowSet<Row> rs = ar.result();
            sum.addAndGet(rs.iterator().next().getInteger(0));
            next(conn, i + 1, end, sum, done);
        });
    }

    @Override
    public void insertMany(List<List<Object>> rows) {
        List<Tuple> batch = new ArrayList<>(rows.size());
        for (List<Object> r : rows) {
            batch.add(Tuple.wrap(new ArrayList<>(r)));
        }
        conns.get(0).preparedQuery(PgBench.INSERT).executeBatch(batch).toCompletionStage().toCompletableFuture().join();
    }

    /** Vert.x's own cross-thread round trip: event loop A asks event loop B, B answers A. */
    @Override
    public boolean handoffs(int n) {
        // a context per calling thread, event loops dealt round-robin: a and b are on the two loops
        Context a = CompletableFuture.supplyAsync(vertx::getOrCreateContext, r -> new Thread(r).start()).join();
        Context b = CompletableFuture.supplyAsync(vertx::getOrCreateContext, r -> new Thread(r).start()).join();
        Thread ta = CompletableFuture.supplyAsync(Thread::currentThread, r -> a.runOnContext(x -> r.run())).join();
        Thread tb = CompletableFuture.supplyAsync(Thread::currentThread, r -> b.runOnContext(x -> r.run())).join();
        if (ta == tb) {
            throw new IllegalStateException("both contexts run on " + ta.getName() + ": no hand-off to measure");
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        a.runOnContext(x -> ping(a, b, 0, n, done));
        done.join();
        return true;
    }

    private static void ping(Context a, Context b, int i, int n, CompletableFuture<Void> done) {
        if (i == n) {
            done.complete(null);
            return;
        }
        Future<Integer> f = Future.future(p -> b.runOnContext(x -> p.complete(i)));
        f.onComplete(ar -> a.runOnContext(x -> ping(a, b, i + 1, n, done)));
    }

    @Override
    public void close() {
        for (PgConnection c : conns) {
            c.close();
        }
        vertx.close();
    }
}
