package io.github.jawait.tests.generators;

import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.VirtualClock;

/** Runs a coroutine on a virtual clock and remembers how much virtual time it took. */
final class VirtualClockRun {
    private final VirtualClock clock = new VirtualClock();

    <T> T run(Coroutine<T> c) {
        try (EventLoop loop = new EventLoop(clock)) {
            return loop.runUntilComplete(c);
        }
    }

    double seconds() {
        return clock.seconds();
    }
}
