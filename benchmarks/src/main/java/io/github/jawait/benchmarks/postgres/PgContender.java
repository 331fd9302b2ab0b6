package io.github.jawait.benchmarks.postgres;

import java.util.List;

/**
 * One client stack under test. Every method blocks the calling (main) thread until the work is
 * done; how the work runs inside (a jawait loop, Vert.x callbacks, threads) is the contender's.
 */
interface PgContender extends AutoCloseable {

    /** Opens {@code connections} connections to {@code url}. */
    void open(String url, int connections) throws Exception;

    /** {@code total} single-row prepared selects ({@link PgBench#SELECT}), split over the connections. */
    void selects(int total) throws Exception;

    /** One executeMany / batch of {@code rows} inserts ({@link PgBench#INSERT}) on one connection. */
    void insertMany(List<List<Object>> rows) throws Exception;

    /**
     * {@code n} round trips between the code that awaits and Vert.x's event loop, with no server
     * involved: the hand-off a query result pays to reach the awaiting code. Returns false if
     * the contender has no such hand-off.
     */
    default boolean handoffs(int n) throws Exception {
        return false;
    }
}
