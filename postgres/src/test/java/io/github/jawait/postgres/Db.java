package io.github.jawait.postgres;

import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;

/**
 * The test server (one embedded PostgreSQL for the whole test JVM) and a loop on the real
 * clock: these tests do real I/O, so time is the system's.
 */
final class Db {
    private Db() {
    }

    static String url() {
        return EmbeddedServer.shared().url();
    }

    static <T> T run(Coroutine<T> c) {
        try (EventLoop loop = new EventLoop()) {
            return loop.runUntilComplete(c);
        }
    }
}
