package io.github.jawait.postgres;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * The threads mode ({@code -Djawait.postgres.vertx=threads}, or a loop that already polls its
 * own selector; see {@link LoopVertx} for the default): the one Vert.x instance whose
 * event-loop threads carry the sockets of every such connection and pool of the process.
 * Vert.x's threads keep the JVM alive, so the instance is counted: made by the first connect,
 * closed when the last connection or pool is closed.
 */
final class SharedVertx {
    private static Vertx vertx;
    private static int users;

    private SharedVertx() {
    }

    /**
     * Vert.x event loops for the sockets: {@code -Djawait.postgres.eventLoops=N}; by default
     * two (one on a single core): the code that matters runs on jawait's loop, Vert.x's threads
     * only move bytes. (One loop measured no different in {@code benchmarks/pg.sh}.)
     */
    static int eventLoops() {
        String v = System.getProperty("jawait.postgres.eventLoops");
        if (v == null) {
            return Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException("jawait.postgres.eventLoops must be a positive integer: " + v);
    }

    static synchronized Vertx acquire() {
        if (vertx == null) {
            vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops()));
        }
        users++;
        return vertx;
    }

    /** How many connections and pools hold the instance (for tests). */
    static synchronized int users() {
        return users;
    }

    static synchronized void release() {
        if (users == 0) {
            throw new IllegalStateException("SharedVertx released more often than acquired");
        }
        if (--users == 0) {
            Vertx v = vertx;
            vertx = null;
            v.close();
        }
    }
}
