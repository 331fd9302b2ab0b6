package io.github.jawait;

import io.github.jawait.core.CoroutineFrame;
import io.github.jawait.core.FrameDriver;
import io.github.jawait.jfr.LoopStallEvent;
import io.github.jawait.jfr.TaskEndEvent;
import io.github.jawait.jfr.TaskStartEvent;

/**
 * Commits the task and loop-turn JFR events. Called only while {@code JfrEvents.recording}
 * is true, so without a recording the event classes stay unloaded; each event then checks its
 * own setting ({@code isEnabled}, or {@code shouldCommit} for the thresholds).
 */
final class FlightEvents {
    private FlightEvents() {
    }

    static void taskStarted(Task<?> t) {
        TaskStartEvent e = new TaskStartEvent();
        if (e.isEnabled()) {
            e.taskId = t.id();
            e.taskName = t.getName();
            e.coroutine = coroutineName(t);
            e.commit();
        }
    }

    static void taskEnded(Task<?> t, int state, Object value) {
        TaskEndEvent e = new TaskEndEvent();
        if (e.isEnabled()) {
            e.taskId = t.id();
            e.taskName = t.getName();
            e.outcome = switch (state) {
                case Completion.SUCCEEDED -> "succeeded";
                case Completion.FAILED -> "failed";
                default -> "cancelled";
            };
            e.failure = state == Completion.FAILED ? String.valueOf(value) : null;
            e.commit();
        }
    }

    /** A loop turn starts (after its poll): the stall event to end with {@link #turnEnded}. */
    static Object turnBegan(EventLoop loop) {
        loop.batchedSteps = 0;
        LoopStallEvent e = new LoopStallEvent();
        e.begin();
        return e;
    }

    /** {@code steps}: the turn's items; a {@link StartBatch} among them counted its steps in {@code loop.batchedSteps}. */
    static void turnEnded(EventLoop loop, Object began, int steps, int stillReady) {
        LoopStallEvent e = (LoopStallEvent) began;
        e.end();
        if (e.shouldCommit()) {
            e.steps = steps + loop.batchedSteps;
            e.stillReady = stillReady;
            e.commit();
        }
    }

    private static String coroutineName(Task<?> t) {
        Coroutine<?> c = t.currentCoroutine();
        return c instanceof CoroutineFrame<?> f ? FrameDriver.outermost(f).name() : String.valueOf(c);
    }
}
