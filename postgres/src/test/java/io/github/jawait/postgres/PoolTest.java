package io.github.jawait.postgres;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.sync.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A pool: bounded connections, acquire as a resource, a lost connection replaced. */
class PoolTest {

    /**
     * Holds its connection until the pool's three are all in use at once (waiting on an event,
     * not a fixed sleep: a connection opened slower than a sleep, on a busy machine, would let the
     * first ones finish before the third arrived), then asks for its backend.
     */
    @Async
    static Coroutine<Integer> backendOf(Pool pool, Set<Integer> pids, int[] inUse, int[] maxInUse, Event allInUse) {
        try (Connection conn = await(pool.acquire())) {
            inUse[0]++;
            maxInUse[0] = Math.max(maxInUse[0], inUse[0]);
            if (inUse[0] == pool.maxSize()) {
                allInUse.set();
            }
            await(waitFor(allInUse.waitFor(), Duration.ofSeconds(30)));
            int pid = await(conn.fetchVal("SELECT pg_backend_pid()"));
            pids.add(pid);
            inUse[0]--;
            return result(pid);
        }
    }

    @Async
    static Coroutine<List<String>> bounded() {
        List<String> seen = new ArrayList<>();
        try (Pool pool = await(Postgres.createPool(Db.url(), 1, 3))) {
            Set<Integer> pids = new TreeSet<>();
            int[] inUse = {0};
            int[] maxInUse = {0};
            Event allInUse = new Event();
            List<Coroutine<Integer>> jobs = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                jobs.add(backendOf(pool, pids, inUse, maxInUse, allInUse));
            }
            List<Integer> got = await(gather(jobs));
            seen.add(got.size() + " jobs");
            seen.add("at most " + maxInUse[0] + " at once");
            seen.add(pids.size() + " backends");
            seen.add("shortcut " + await(pool.fetchVal("SELECT $1::int + 1", 41)));
            seen.add("rows " + await(pool.fetch("SELECT * FROM generate_series(1, 3)")).size());
        }
        return result(seen);
    }

    @Test
    void aPoolRunsAtMostMaxSizeConnectionsAndReusesThem() {
        assertEquals(List.of("12 jobs", "at most 3 at once", "3 backends", "shortcut 42", "rows 3"), Db.run(bounded()));
    }

    @Async
    static Coroutine<String> sleepOn(Connection conn) {
        return result(String.valueOf(await(conn.fetchVal("SELECT pg_sleep(10)"))));
    }

    @Async
    static Coroutine<List<String>> replaced() {
        List<String> seen = new ArrayList<>();
        try (Pool pool = await(Postgres.createPool(Db.url(), 1, 1))) {
            int first;
            try (Connection conn = await(pool.acquire())) {
                first = conn.processId();
                Task<String> pending = createTask(sleepOn(conn));
                await(sleep(0.2));
                boolean killed;
                try (Connection admin = await(Postgres.connect(Db.url()))) {
                    killed = await(admin.fetchVal("SELECT pg_terminate_backend($1)", first));
                }
                seen.add("terminated " + killed);
                try {
                    await(pending);
                } catch (ConnectionLostException e) {
                    seen.add("pending query: " + e.sqlState());
                }
            }
            int second = await(pool.fetchVal("SELECT pg_backend_pid()"));
            assertNotEquals(first, second);
            seen.add("new connection works");
        }
        return result(seen);
    }

    @Test
    void aLostConnectionFailsItsQueryAndThePoolOpensANewOne() {
        assertEquals(List.of("terminated true", "pending query: 08006", "new connection works"), Db.run(replaced()));
    }

    @Test
    void badSizesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Db.run(Postgres.createPool(Db.url(), 3, 2)));
        assertEquals("createPool: need 0 <= minSize <= maxSize and maxSize >= 1; got minSize=3, maxSize=2", e.getMessage());
    }
}
