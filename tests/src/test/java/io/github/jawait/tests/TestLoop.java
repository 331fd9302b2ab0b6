package io.github.jawait.tests;

import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.VirtualClock;

/** Runs coroutines on a fresh loop with a virtual clock: no test sleeps for real. */
public final class TestLoop {
    private TestLoop() {
    }

    /** Runs {@code c} to completion on a virtual-clock loop and returns its result. */
    public static <T> T run(Coroutine<T> c) {
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            return loop.runUntilComplete(c);
        }
    }
}
