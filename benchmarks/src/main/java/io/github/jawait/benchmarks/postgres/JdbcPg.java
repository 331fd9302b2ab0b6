package io.github.jawait.benchmarks.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * pgjdbc, blocking: on virtual threads (one per connection, each keeping its connection and its
 * prepared statement, JDK 21+), or on HikariCP with platform threads (each query borrows a
 * connection from the pool, as a service handling requests does). pgjdbc switches a statement
 * to a server-side prepared one after 5 executions and caches it per connection.
 */
final class JdbcPg implements PgContender {
    private final boolean virtual;
    private final List<Connection> conns = new ArrayList<>();
    private HikariDataSource pool;
    private int connections;

    JdbcPg(boolean virtual) {
        this.virtual = virtual;
    }

    @Override
    public void open(String url, int connections) throws SQLException {
        this.connections = connections;
        String jdbc = Schema.jdbcUrl(url);
        if (virtual) {
            for (int i = 0; i < connections; i++) {
                conns.add(DriverManager.getConnection(jdbc));
            }
        } else {
            HikariConfig c = new HikariConfig();
            c.setJdbcUrl(jdbc);
            c.setMaximumPoolSize(connections);
            c.setMinimumIdle(connections);
            pool = new HikariDataSource(c);
        }
    }

    interface Body {
        long run(int worker) throws Exception;
    }

    private long onThreads(Body body) throws Exception {
        AtomicLong sum = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        for (int w = 0; w < connections; w++) {
            int worker = w;
            Runnable r = () -> {
                try {
                    sum.addAndGet(body.run(worker));
                } catch (Throwable t) {
                    synchronized (errors) {
                        errors.add(t);
                    }
                }
            };
            threads.add(virtual ? startVirtual(r) : startPlatform(r));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException(errors.get(0));
        }
        return sum.get();
    }

    /** Thread.startVirtualThread, looked up at run time: the module compiles for Java 17. */
    private static Thread startVirtual(Runnable r) {
        try {
            return (Thread) java.lang.invoke.MethodHandles.publicLookup()
                    .findStatic(Thread.class, "startVirtualThread",
                            java.lang.invoke.MethodType.methodType(Thread.class, Runnable.class))
                    .invoke(r);
        } catch (Throwable t) {
            throw new IllegalStateException("virtual threads need JDK 21 or later (run on JDK 25): " + t, t);
        }
    }

    private static Thread startPlatform(Runnable r) {
        Thread t = new Thread(r);
        t.start();
        return t;
    }

    @Override
    public void selects(int total) throws Exception {
        int per = total / connections;
        String sql = PgBench.SELECT.replace("$1", "?");
        long sum = onThreads(w -> virtual ? selectOnOwn(conns.get(w), sql, w * per, per) : selectPooled(sql, w * per, per));
        if (sum <= total) {
            throw new IllegalStateException("wrong rows");
        }
    }

    private static long selectOnOwn(Connection c, String sql, int from, int n) throws SQLException {
        long sum = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = from; i < from + n; i++) {
                ps.setInt(1, Schema.id(i));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    sum += rs.getInt(1);
                }
            }
        }
        return sum;
    }

    private long selectPooled(String sql, int from, int n) throws SQLException {
        long sum = 0;
        for (int i = from; i < from + n; i++) {
            try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setInt(1, Schema.id(i));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    sum += rs.getInt(1);
                }
            }
        }
        return sum;
    }

    @Override
    public void insertMany(List<List<Object>> rows) throws Exception {
        String sql = PgBench.INSERT.replace("$1", "?").replace("$2", "?").replace("$3", "?");
        // one thread, one connection, one batch, as executeMany
        onThreads(w -> {
            if (w != 0) {
                return 0;
            }
            try (Connection c = virtual ? null : pool.getConnection()) {
                Connection conn = virtual ? conns.get(0) : c;
                try (PreparedStatement ps = conn.prepareStatement(sql)) {
                    for (List<Object> r : rows) {
                        ps.setInt(1, (Integer) r.get(0));
                        ps.setString(2, (String) r.get(1));
                        ps.setString(3, (String) r.get(2));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            return 0;
        });
    }

    @Override
    public void close() throws SQLException {
        for (Connection c : conns) {
            c.close();
        }
        if (pool != null) {
            pool.close();
        }
    }
}
