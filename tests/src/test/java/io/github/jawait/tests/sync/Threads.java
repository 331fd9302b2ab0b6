package io.github.jawait.tests.sync;

import java.util.concurrent.atomic.AtomicReference;

/** Runs a piece of code on another thread and returns what it threw, if anything. */
final class Threads {
    private Threads() {
    }

    /** Runs {@code body} on a new thread named {@code name}, waits for it, returns its exception or null. */
    static Throwable runOn(String name, Runnable body) {
        AtomicReference<Throwable> error = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                error.set(e);
            }
        }, name);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return error.get();
    }
}
