package io.github.jawait;

import io.github.jawait.core.NeverAwaited;
import io.github.jawait.jfr.JfrEvents;

/**
 * The first steps of the tasks one gather made, queued as one item of the ready queue instead
 * of one item per task. A gather of a million coroutines makes its million tasks in one go,
 * with nothing else queued in between (no user code runs while it reads its arguments), so the
 * order is the same as a million items: each task's first step runs on the next turn, in
 * argument order, after what was queued before the gather and before what is queued after it.
 * What is saved is a ready-queue slot per task, written and cleared, and the loop's dispatch
 * around each step. The tasks are marked queued when made, as a task in the queue is.
 */
final class StartBatch implements Runnable {
    private final EventLoop loop;
    /** The tasks to start: the gather's children array while they are all made by it, in order. */
    private Task<?>[] tasks;
    private int count;
    /** The index of the task whose step runs now, or -1. */
    private int running = -1;
    /** The first task not started yet: a batch left by an error is queued again from there. */
    private int start;

    StartBatch(EventLoop loop, Task<?>[] tasks) {
        this.loop = loop;
        this.tasks = tasks;
    }

    /**
     * {@code t}, just made and marked queued, is the gather's argument {@code index}, stored in
     * {@code children[index]} already. While every task so far was made by the gather, in
     * argument order, the batch reads them from the children array itself; after the first
     * argument that was a task already (or a repeat), it keeps its own copy.
     */
    void add(Task<?> t, int index, Task<?>[] children) {
        if (tasks == children) {
            if (count == index) {
                count++;
                return;
            }
            tasks = java.util.Arrays.copyOf(children, children.length); // [0, count) are the made ones
        }
        tasks[count++] = t;
    }

    /** The task whose first step runs now (the loop's current task), or null. */
    Task<?> running() {
        int i = running;
        return i < 0 ? null : tasks[i];
    }

    @Override
    public void run() {
        EventLoop loop = this.loop;
        // the slow-step watch and flight recordings time each task's step, not the batch
        boolean timed = JfrEvents.on() || (NeverAwaited.on() && loop.getDebug());
        if (JfrEvents.on()) { // a turn's LoopStall event counts the batch's steps, not the batch
            loop.batchedSteps += count - start - 1;
        }
        try {
            for (int i = start, n = count; i < n; i++) {
                running = i;
                Task<?> t = tasks[i];
                try {
                    if (timed) {
                        SlowStepWatch.run(t, loop.getDebug(), loop.slowStepNanos(), JfrEvents.on());
                    } else {
                        t.run();
                    }
                } catch (Throwable e) {
                    if (e instanceof VirtualMachineError vme) {
                        // the loop rethrows it, as for any item; the tasks not started yet stay
                        // queued, as their own items stayed in the ready queue
                        start = i + 1;
                        if (start < n) {
                            loop.ready(this);
                        }
                        throw vme;
                    }
                    RuntimeLog.LOG.log(System.Logger.Level.ERROR, "exception in callback " + t, e);
                }
                if (loop.contexts != null) { // as the loop does after each item
                    loop.contexts.stepEnded();
                }
            }
        } finally {
            running = -1;
        }
    }

    @Override
    public String toString() {
        return "<first steps of " + count + " gathered tasks>";
    }
}
