package io.github.jawait;

import io.github.jawait.core.CoroutineFrame;

/**
 * Debug mode's watch on each step (asyncio's slow-callback warning): times a callback or task
 * step, and logs it when it held the loop longer than the threshold, with the task and the
 * line where the step began (the await it resumed from) and where it ended (the await it
 * suspended at, or the task's end). Only runs in debug mode.
 */
final class SlowStepWatch {

    private SlowStepWatch() {
    }

    static void run(Runnable r, long thresholdNanos) {
        String from = r instanceof Task<?> t ? where(t) : null;
        long t0 = System.nanoTime();
        r.run();
        long took = System.nanoTime() - t0;
        if (took > thresholdNanos) {
            String what;
            if (r instanceof Task<?> t) {
                String to = t.isDone() ? "its end" : where(t);
                what = "Task " + t.getName() + " from " + (from == null ? "its start" : from) + " to " + to;
            } else {
                what = "callback " + r;
            }
            RuntimeLog.LOG.log(System.Logger.Level.WARNING, String.format("Executing %s took %.3f seconds", what, took / 1e9));
        }
    }

    /** The innermost frame's method and the line of its pending await, or null before it started. */
    private static String where(Task<?> t) {
        if (t.currentCoroutine() instanceof CoroutineFrame<?> f && f.label > 0) {
            String at = f.awaitLocation();
            return f.name() + (at != null ? " (" + at + ")" : " (await #" + f.label + ")");
        }
        return null;
    }
}
