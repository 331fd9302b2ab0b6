package io.github.jawait.postgres;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.openConnection;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.startServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.io.Server;
import io.github.jawait.loop.IoBackend;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Vert.x's event loop on the jawait loop's thread (LoopVertx, NettyLoopBackend): where Vert.x
 * calls back, the loop's own sockets on the same selector, the fallback, and the close.
 */
class LoopVertxTest {

    /** The thread Vert.x completes a query's future on, as seen from the query's own callback. */
    @Async
    static Coroutine<Thread> callbackThread(Connection conn) {
        Promise<Thread> seen = Promise.promise();
        conn.vertxConnection().query("SELECT 1").execute().onComplete(ar -> seen.complete(Thread.currentThread()));
        return result(await(seen.future()));
    }

    @Async
    static Coroutine<String> whereVertxRuns() {
        Thread loopThread = Thread.currentThread();
        try (Connection conn = await(Postgres.connect(Db.url()))) {
            Thread t = await(callbackThread(conn));
            long v = await(conn.fetchVal("SELECT $1::int8 * 2", 21L));
            return result(v + " " + (t == loopThread ? "on the loop thread" : "on " + t.getName().replaceAll("\\d+$", "N")));
        }
    }

    @Test
    void queriesRunOnTheLoopThreadByDefault() {
        assertEquals("42 on the loop thread", Db.run(whereVertxRuns()));
    }

    @Test
    void theThreadsModeKeepsVertxOnItsOwnThreads() {
        System.setProperty("jawait.postgres.vertx", "threads");
        try {
            assertEquals("42 on vert.x-eventloop-thread-N", Db.run(whereVertxRuns()));
        } finally {
            System.clearProperty("jawait.postgres.vertx");
        }
    }

    @Async
    static Coroutine<String> echo(String host, int port, String line) {
        try (var c = await(openConnection(host, port))) {
            c.writer().write(line + "\n");
            return result(await(c.reader().readLine()));
        }
    }

    /** The loop's own streams and the database's socket are served by one selector, Netty's. */
    @Async
    static Coroutine<List<String>> streamsBesideQueries() {
        List<String> seen = new ArrayList<>();
        try (Connection conn = await(Postgres.connect(Db.url()))) {
            IoBackend backend = EventLoop.current().ioBackend(() -> {
                throw new AssertionError("the connect installed the backend already");
            });
            seen.add(backend.getClass().getSimpleName());
            try (Server server = await(startServer((reader, writer) -> {
                writer.write("echo " + await(reader.readLine()) + "\n");
                await(writer.drain());
                return io.github.jawait.Asyncio.done();
            }, "127.0.0.1", 0))) {
                List<Coroutine<String>> both = List.of(
                        echo("127.0.0.1", server.port(), "hello"),
                        conn.fetchVal("SELECT 'from postgres'"));
                seen.addAll(await(gather(both)));
            }
        }
        return result(seen);
    }

    @Test
    void theLoopsOwnStreamsRunOnTheSameSelector() {
        assertEquals(List.of("NettyLoopBackend", "echo hello", "from postgres"), Db.run(streamsBesideQueries()));
    }

    /** A loop that polls its own selector already keeps it; the connection then uses Vert.x's threads. */
    @Async
    static Coroutine<String> selectorFirst() {
        try (Server server = await(startServer((r, w) -> io.github.jawait.Asyncio.done(), "127.0.0.1", 0))) {
            String where = await(whereVertxRuns());
            return result(EventLoop.current().ioBackend(() -> null).getClass().getSimpleName() + ", " + where);
        }
    }

    @Test
    void aLoopThatAlreadyPollsASelectorFallsBackToThreads() {
        assertEquals("NioSelectorBackend, 42 on vert.x-eventloop-thread-N", Db.run(selectorFirst()));
    }

    /** What Netty and Vert.x see of the loop thread: whether it counts as Netty's own, Vert.x's context. */
    static String threadScope() {
        return (io.netty.util.concurrent.FastThreadLocalThread.currentThreadHasFastThreadLocal() ? "netty thread" : "plain thread")
                + ", " + (io.vertx.core.Vertx.currentContext() == null ? "no Vert.x context" : "in a Vert.x dispatch");
    }

    /**
     * The backend installed by the first connect is entered from the next turn on: from then on
     * the loop thread counts as Netty's own (thread-local buffer magazines, no lock) and runs
     * inside one Vert.x dispatch; both end with the run.
     */
    @Async
    static Coroutine<List<String>> scopeDuringTheRun() {
        List<String> seen = new ArrayList<>();
        seen.add(threadScope());
        Connection conn = await(Postgres.connect(Db.url()));
        await(io.github.jawait.Asyncio.sleep(0)); // a later turn
        seen.add(threadScope());
        await(conn.fetchVal("SELECT 1"));
        seen.add(threadScope());
        await(conn.closeAsync());
        return result(seen);
    }

    @Test
    void theLoopThreadCountsAsNettysOwnWhileTheLoopRuns() {
        try (EventLoop loop = new EventLoop()) {
            assertEquals(List.of("plain thread, no Vert.x context", "netty thread, in a Vert.x dispatch",
                    "netty thread, in a Vert.x dispatch"), loop.runUntilComplete(scopeDuringTheRun()));
            assertEquals("plain thread, no Vert.x context", threadScope(), "left with the run");
            assertEquals(List.of("netty thread, in a Vert.x dispatch", "netty thread, in a Vert.x dispatch",
                    "netty thread, in a Vert.x dispatch"), loop.runUntilComplete(scopeDuringTheRun()),
                    "a later run is inside from its first turn");
            assertEquals("plain thread, no Vert.x context", threadScope());
        }
    }

    @Async
    static Coroutine<Void> connectAndKeep(AtomicReference<NettyLoopBackend> backend) {
        Connection conn = await(Postgres.connect(Db.url())); // left open: the loop's close must end it all
        await(conn.fetchVal("SELECT 1"));
        backend.set((NettyLoopBackend) EventLoop.current().ioBackend(() -> null));
        return io.github.jawait.Asyncio.done();
    }

    @Test
    void closingTheLoopClosesItsVertxAndNettyLoop() {
        AtomicReference<NettyLoopBackend> backend = new AtomicReference<>();
        long start = System.nanoTime();
        Db.run(connectAndKeep(backend));
        assertTrue(backend.get().group().isTerminated(), "the loop-driven Netty event loop terminated");
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "closed without waiting out a timeout");
    }
}
