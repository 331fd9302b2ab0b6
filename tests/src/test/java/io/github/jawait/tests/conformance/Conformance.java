package io.github.jawait.tests.conformance;

import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.VirtualClock;

/**
 * Runs a ported CPython case on a virtual-clock loop whose clock the case can also move by
 * hand: {@code clock.advance(d)} stands for CPython's {@code time.sleep(d)} (a loop kept busy).
 */
final class Conformance {
    private Conformance() {
    }

    static <T> T run(VirtualClock clock, Coroutine<T> c) {
        try (EventLoop loop = new EventLoop(clock)) {
            return loop.runUntilComplete(c);
        }
    }
}
