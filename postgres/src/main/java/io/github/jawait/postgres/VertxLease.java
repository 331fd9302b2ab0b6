package io.github.jawait.postgres;

import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Vert.x instance a connection or pool runs on, held until {@link #release()}: the
 * loop's own ({@link LoopVertx}) or the process-wide one on threads ({@link SharedVertx}).
 */
final class VertxLease {
    private final Vertx vertx;
    private final Runnable release;
    private final AtomicBoolean released = new AtomicBoolean();

    VertxLease(Vertx vertx, Runnable release) {
        this.vertx = vertx;
        this.release = release;
    }

    /** For the loop calling it: its own Vert.x when possible, else the shared one. Loop thread. */
    static VertxLease acquire() {
        if (LoopVertx.enabled()) {
            LoopVertx lv = LoopVertx.forCurrentLoop();
            if (lv != null) {
                return lv.lease();
            }
        }
        return new VertxLease(SharedVertx.acquire(), SharedVertx::release);
    }

    Vertx vertx() {
        return vertx;
    }

    /** Once; later calls do nothing. The thread is the one the lease's Vert.x calls back on. */
    void release() {
        if (released.compareAndSet(false, true)) {
            release.run();
        }
    }
}
