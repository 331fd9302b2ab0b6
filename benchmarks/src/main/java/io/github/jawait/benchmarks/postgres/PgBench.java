package io.github.jawait.benchmarks.postgres;

import io.github.jawait.postgres.EmbeddedServer;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL clients side by side (issue 12): 10 connections, prepared single-row selects, and
 * one executeMany of many rows, for jawait-postgres, raw Vert.x, pgjdbc on virtual threads and
 * pgjdbc on HikariCP with platform threads. The server shares the machine, so besides
 * queries/s each result has the client process's CPU time per query
 * ({@code OperatingSystemMXBean.getProcessCpuTime}: every thread of the client JVM, its
 * event loops and its GC included). Run by {@code benchmarks/pg.sh}; by hand:
 *
 * <pre>
 * java -cp benchmarks/target/jawait-benchmarks.jar io.github.jawait.benchmarks.postgres.PgBench server   # prints URL
 * java -javaagent:agent/target/jawait-agent-0.1.0-SNAPSHOT.jar -cp benchmarks/target/jawait-benchmarks.jar \
 *      io.github.jawait.benchmarks.postgres.PgBench jawait|vertx|jdbcVirtual|jdbcHikari URL [--quick]
 * </pre>
 */
public final class PgBench {
    static final int CONNECTIONS = 10;
    static final int SELECTS = 100_000;
    static final int INSERTS = 100_000;
    static final int HANDOFFS = 200_000;
    static final int TABLE_ROWS = 1000;
    static final String SELECT = "SELECT id, name, email FROM bench_users WHERE id = $1";
    static final String INSERT = "INSERT INTO bench_insert (id, name, email) VALUES ($1, $2, $3)";

    private PgBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        boolean quick = rest.remove("--quick");
        if (rest.size() == 1 && rest.get(0).equals("server")) {
            serve();
            return;
        }
        if (rest.size() != 2) {
            System.err.println("usage: PgBench server | PgBench jawait|vertx|jdbcVirtual|jdbcHikari URL [--quick]");
            System.exit(2);
        }
        String url = rest.get(1);
        int div = quick ? 5 : 1;
        int warmups = quick ? 1 : 2;
        int measured = quick ? 1 : 3;
        Schema.create(url);
        try (PgContender c = contender(rest.get(0))) {
            c.open(url, CONNECTIONS);
            int selects = SELECTS / div;
            measure("select", selects, warmups, measured, () -> { }, () -> c.selects(selects));
            List<List<Object>> rows = Schema.insertRows(INSERTS / div);
            measure("insert", rows.size(), warmups, measured, () -> Schema.truncateInserts(url), () -> c.insertMany(rows));
            if (c.handoffs(1000)) {
                int n = HANDOFFS / div;
                measure("handoff", n, warmups, measured, () -> { }, () -> c.handoffs(n));
            }
        }
    }

    static PgContender contender(String name) {
        return switch (name) {
            case "jawait" -> new JawaitPg();
            case "vertx" -> new VertxPg();
            case "jdbcVirtual" -> new JdbcPg(true);
            case "jdbcHikari" -> new JdbcPg(false);
            default -> throw new IllegalArgumentException("unknown contender " + name);
        };
    }

    /** Starts the embedded server, prints its URL, and keeps it up until stdin closes. */
    private static void serve() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start()) {
            Schema.create(server.url());
            System.out.println(server.url());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the script to close our stdin
            }
        }
    }

    interface Work {
        void run() throws Exception;
    }

    /** Warm-up rounds, then measured rounds; reports the medians of ops/s and CPU µs per op. */
    static void measure(String metric, int ops, int warmups, int measured, Work before, Work work) throws Exception {
        for (int i = 0; i < warmups; i++) {
            before.run();
            work.run();
        }
        double[] rate = new double[measured];
        double[] cpu = new double[measured];
        for (int i = 0; i < measured; i++) {
            before.run(); // outside the measurement
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            work.run();
            long t1 = System.nanoTime();
            long c1 = processCpuNanos();
            rate[i] = ops / ((t1 - t0) / 1e9);
            cpu[i] = (c1 - c0) / 1e3 / ops;
        }
        report(metric + ".per_s", median(rate));
        report(metric + ".cpu_us", median(cpu));
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static void report(String metric, double value) {
        System.out.printf(Locale.ROOT, "RESULT\t%s\t%.4f%n", metric, value);
        System.out.flush();
    }
}
