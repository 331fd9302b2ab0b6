package io.github.jawait.postgres;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * The one Vert.x instance whose event-loop threads carry the sockets of every connection and
 * pool of the process. Vert.x's threads keep the JVM alive, so the instance is counted: made
 * by the first connect, closed when the last connection or pool is closed.
 */
final class SharedVertx {
    private static Vertx vertx;
    private static int users;

    private SharedVertx() {
    }

    static synchronized Vertx acquire() {
        if (vertx == null) {
            // two event loops are plenty for a client: the work that matters runs on jawait's loop
            vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(
                    Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()))));
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
