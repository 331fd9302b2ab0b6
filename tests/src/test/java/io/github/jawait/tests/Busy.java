package io.github.jawait.tests;

/** Holds the calling thread busy, as a blocking mistake in a step would hold the loop. */
public final class Busy {
    private Busy() {
    }

    /** Spins for {@code millis} of wall time. */
    public static void spin(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
