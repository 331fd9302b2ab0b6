package io.github.jawait.benchmarks.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The benchmark tables, made and reset over plain JDBC (outside every measured round). */
final class Schema {
    private Schema() {
    }

    static String jdbcUrl(String url) {
        // postgresql://user:password@host:port/db -> jdbc:postgresql://host:port/db?user=..&password=..
        String rest = url.substring(url.indexOf("://") + 3);
        String user = "postgres";
        String password = "";
        int at = rest.indexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = colon < 0 ? userInfo : userInfo.substring(0, colon);
            password = colon < 0 ? "" : userInfo.substring(colon + 1);
        }
        return "jdbc:postgresql://" + rest + (rest.contains("?") ? "&" : "?") + "user=" + user + "&password=" + password;
    }

    static void create(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl(url)); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_users (id int PRIMARY KEY, name text, email text)");
            s.execute("INSERT INTO bench_users SELECT g, 'user ' || g, 'user' || g || '@example.com'"
                    + " FROM generate_series(1, " + PgBench.TABLE_ROWS + ") g ON CONFLICT DO NOTHING");
            s.execute("CREATE TABLE IF NOT EXISTS bench_insert (id int, name text, email text)");
        }
    }

    static void truncateInserts(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl(url)); Statement s = c.createStatement()) {
            s.execute("TRUNCATE bench_insert");
        }
    }

    static List<List<Object>> insertRows(int n) {
        List<List<Object>> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(List.of(i, "name " + i, "user" + i + "@example.com"));
        }
        return rows;
    }

    /** The id the {@code i}-th select asks for: spread over the table. */
    static int id(int i) {
        return i % PgBench.TABLE_ROWS + 1;
    }
}
