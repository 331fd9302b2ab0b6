package io.github.jawait;

import io.github.jawait.core.AsyncMethod;
import io.github.jawait.core.CoroutineFrame;
import io.github.jawait.jfr.SlowStepEvent;

/**
 * The watch on each step in debug mode or while a flight recording runs: times a callback or
 * task step and reports it when it held the loop too long, with the task and the line where
 * the step began (the await it resumed from) and where it ended (the await it suspended at,
 * or the task's end). Debug mode logs it (asyncio's slow-callback warning) past the loop's
 * threshold; a recording gets a {@code jawait.SlowStep} event past the event's threshold.
 */
final class SlowStepWatch {

    private SlowStepWatch() {
    }

    /** Runs {@code r}; logs it when {@code log} and it took longer than {@code thresholdNanos}. */
    static void run(Runnable r, boolean log, long thresholdNanos, boolean record) {
        // where the step begins: kept as the method and label, made a string only if reported
        AsyncMethod fromMethod = null;
        int fromLabel = 0;
        if (r instanceof Task<?> t && t.currentCoroutine() instanceof CoroutineFrame<?> f && f.label > 0) {
            fromMethod = f.method();
            fromLabel = f.label;
        }
        SlowStepEvent event = record ? new SlowStepEvent() : null;
        if (event != null) {
            event.begin();
        }
        long t0 = System.nanoTime();
        r.run();
        long took = System.nanoTime() - t0;
        if (event != null) {
            event.end();
            if (event.shouldCommit()) {
                if (r instanceof Task<?> t) {
                    event.taskName = t.getName();
                    event.from = fromMethod == null ? null : where(fromMethod, fromLabel);
                    event.to = t.isDone() ? null : where(t);
                } else {
                    event.callback = String.valueOf(r);
                }
                event.commit();
            }
        }
        if (log && took > thresholdNanos) {
            String what;
            if (r instanceof Task<?> t) {
                String to = t.isDone() ? "its end" : where(t);
                what = "Task " + t.getName() + " from " + (fromMethod == null ? "its start" : where(fromMethod, fromLabel))
                        + " to " + to;
            } else {
                what = "callback " + r;
            }
            RuntimeLog.LOG.log(System.Logger.Level.WARNING, String.format("Executing %s took %.3f seconds", what, took / 1e9));
        }
    }

    /** The innermost frame's method and the line of its pending await, or null before it started. */
    private static String where(Task<?> t) {
        if (t.currentCoroutine() instanceof CoroutineFrame<?> f && f.label > 0) {
            return where(f.method(), f.label);
        }
        return null;
    }

    private static String where(AsyncMethod m, int label) {
        String at = m.awaitLocation(label);
        return m.name() + (at != null ? " (" + at + ")" : " (await #" + label + ")");
    }
}
