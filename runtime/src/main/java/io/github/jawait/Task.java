package io.github.jawait;

import io.github.jawait.core.CompletedCoroutine;
import io.github.jawait.core.CoroutineFrame;
import io.github.jawait.core.FrameDriver;
import io.github.jawait.core.Suspendable;
import io.github.jawait.loop.TimerEntry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A coroutine scheduled to run concurrently on an event loop, asyncio's {@code Task}.
 *
 * <pre>{@code
 * Task<String> t = createTask(fetch(url), "fetch");   // starts on the next loop turn
 * doOtherWork();
 * String body = await(t);                             // its result, or its exception rethrown
 * }</pre>
 *
 * <table>
 * <caption>States</caption>
 * <tr><th>state</th><th>{@link #done()}</th><th>{@link #cancelled()}</th><th>{@link #result()}</th></tr>
 * <tr><td>pending (scheduled, running or suspended)</td><td>false</td><td>false</td><td>throws IllegalStateException</td></tr>
 * <tr><td>succeeded</td><td>true</td><td>false</td><td>the value</td></tr>
 * <tr><td>failed</td><td>true</td><td>false</td><td>throws the exception</td></tr>
 * <tr><td>cancelled</td><td>true</td><td>true</td><td>throws {@link CancelledError}</td></tr>
 * </table>
 *
 * <p>A task runs its coroutine until it suspends, then waits; the awaitable it waits for wakes
 * it, and it resumes on a later loop turn. A task belongs to its loop's thread: calling it from
 * another thread fails with a clear message. A failure nobody retrieves is logged when the loop
 * closes, never lost.
 *
 * @param <T> the coroutine's result
 */
public final class Task<T> extends Completion<T> implements Runnable, TimerEntry {
    private final int id;
    private String name;

    /**
     * The coroutine before the first step; then the innermost frame of the running chain (the
     * coroutine is found again by walking callers). One field instead of two: tasks are
     * counted in millions.
     */
    private Coroutine<?> current;
    /** What the innermost frame is parked on, while parked. */
    private Object waitingOn;
    private boolean queued;
    private boolean mustCancel;
    private int cancelRequests;
    private long timerSeq = -1;

    /** Neighbours in the loop's list of live tasks. */
    Task<?> prevLive;
    Task<?> nextLive;

    Task(EventLoop loop, Coroutine<T> coroutine, String name, int id) {
        super(loop);
        this.current = coroutine;
        this.name = name;
        this.id = id;
    }

    /** The task's name: the one given to {@code createTask}, or {@code Task-N}. */
    public String getName() {
        return name != null ? name : "Task-" + id;
    }

    public void setName(String name) {
        loop.checkThread("Task.setName");
        this.name = name;
    }

    /** The coroutine this task runs. */
    @SuppressWarnings("unchecked")
    public Coroutine<T> getCoroutine() {
        return (Coroutine<T>) (current instanceof CoroutineFrame<?> f ? FrameDriver.outermost(f) : current);
    }

    /** Whether the task has finished: succeeded, failed or cancelled. */
    public boolean done() {
        return isDone();
    }

    @Override
    public boolean cancelled() {
        return super.cancelled();
    }

    /**
     * The result; rethrows the task's exception (as it is, unwrapped), {@link CancelledError}
     * when cancelled, {@link IllegalStateException} while pending.
     */
    public T result() {
        loop.checkThread("Task.result");
        return resultNow();
    }

    /** The exception the task failed with, or null if it succeeded; throws as {@link #result()} when cancelled or pending. */
    public Throwable exception() {
        loop.checkThread("Task.exception");
        if (state == CANCELLED) {
            return (Throwable) outcome();
        }
        return failure();
    }

    /** Calls {@code callback} on the loop (a later turn) once the task is done. */
    public void addDoneCallback(Consumer<? super Task<T>> callback) {
        loop.checkThread("Task.addDoneCallback");
        if (isDone()) {
            loop.callSoon(() -> callback.accept(this));
        } else {
            addWaiter(callback);
        }
    }

    /** A {@link CompletableFuture} completed (on the loop thread) with this task's outcome. */
    public CompletableFuture<T> toCompletableFuture() {
        loop.checkThread("Task.toCompletableFuture");
        CompletableFuture<T> cf = new CompletableFuture<>();
        addDoneCallback(t -> {
            if (t.state == SUCCEEDED) {
                cf.complete(t.resultNow());
            } else {
                cf.completeExceptionally(t.failure());
            }
        });
        return cf;
    }

    /** {@link #cancel(String)} without a message. */
    public boolean cancel() {
        return cancel(null);
    }

    /**
     * Requests cancellation: {@link CancelledError} is thrown into the coroutine at its current
     * await (or at its first one, if it is running or not started). Its catch and finally
     * blocks run and may await. A task waiting for another task cancels that one too.
     * Returns false if the task is already done.
     */
    public boolean cancel(String message) {
        loop.checkThread("Task.cancel");
        if (isDone()) {
            return false;
        }
        cancelRequests++;
        value = message; // pending: remembered for the CancelledError delivered later
        if (waitingOn instanceof Completion<?> inner && inner.cancelInward(message)) {
            // asyncio: the cancellation travels inward; this task sees it when inner finishes
            return true;
        }
        if (waitingOn != null) {
            stopWaiting();
            FrameDriver.throwInto((CoroutineFrame<?>) current, newCancelledError());
            schedule();
        } else {
            mustCancel = true;
        }
        return true;
    }

    /** How many cancellation requests are pending (asyncio 3.11 {@code cancelling()}). */
    public int cancelling() {
        return cancelRequests;
    }

    /** Withdraws one cancellation request; returns the remaining count (asyncio {@code uncancel()}). */
    public int uncancel() {
        loop.checkThread("Task.uncancel");
        if (cancelRequests > 0) {
            cancelRequests--;
            if (cancelRequests == 0) {
                mustCancel = false;
                value = null; // forget the pending cancellation's message
            }
        }
        return cancelRequests;
    }

    @Override
    boolean cancelInward(String message) {
        return !isDone() && cancel(message);
    }

    /** Loop-internal: one step of the task. Run by the event loop; do not call it. */
    @Override
    public void run() {
        if (!queued) {
            throw new IllegalStateException("Task.run() is called by the event loop only");
        }
        queued = false;
        if (isDone()) {
            return;
        }
        Task<?> previous = loop.currentTask;
        loop.currentTask = this;
        try {
            step();
        } finally {
            loop.currentTask = previous;
        }
    }

    private void step() {
        if (!(current instanceof CoroutineFrame<?> f)) {
            finishFromCompleted();
            return;
        }
        if (FrameDriver.isClaimed(f)) { // the first step
            FrameDriver.unclaim(f);
            CoroutineFrame<?> root = f;
            if (mustCancel) {
                mustCancel = false;
                FrameDriver.failUnstarted(root, newCancelledError());
                finish(root);
                return;
            }
        } else if (mustCancel && !(FrameDriver.awaiting(f) instanceof Waiter<?> w && w.isDone())) {
            // a Waiter that was woken keeps its grant; the cancellation then hits the next await
            mustCancel = false;
            FrameDriver.throwInto(f, newCancelledError());
        }
        while (true) {
            f = FrameDriver.run(f);
            current = f;
            if (!FrameDriver.isSuspended(f)) {
                finish(f);
                return;
            }
            Object aw = FrameDriver.awaiting(f);
            if (aw == Sleep.YIELD && !mustCancel && loop.onlyThisCouldRun()) {
                continue; // sleep(0) with nothing else to run: the next turn would run only us
            }
            park(aw);
            return;
        }
    }

    private void finishFromCompleted() {
        if (current instanceof CompletedCoroutine<?> c) {
            end(SUCCEEDED, c.value());
        } else {
            end(FAILED, new IllegalArgumentException("cannot run " + current
                    + ": not a coroutine made by an @Async method"));
        }
    }

    private void finish(CoroutineFrame<?> root) {
        Object r = FrameDriver.result(root);
        if (!FrameDriver.failed(root)) {
            end(SUCCEEDED, r);
        } else if (r instanceof CancelledError) {
            end(CANCELLED, r);
        } else {
            end(FAILED, r);
        }
    }

    private void end(int newState, Object newValue) {
        loop.taskEnded(this);
        settle(newState, newValue);
    }

    private void park(Object aw) {
        waitingOn = aw;
        if (aw instanceof Suspendable s) {
            s.park(this);
        } else if (aw instanceof CompletionStage<?> stage) {
            loop.externalWaitStarted();
            stage.whenComplete((v, e) -> loop.callSoonThreadsafe(() -> {
                loop.externalWaitEnded();
                if (waitingOn == stage) {
                    wake(stage);
                }
            }));
        } else {
            waitingOn = null;
            FrameDriver.throwInto((CoroutineFrame<?>) current, new IllegalArgumentException("cannot await "
                    + aw.getClass().getName() + ": await takes a jawait Awaitable or a CompletionStage"));
            schedule();
            return;
        }
        if (mustCancel) {
            mustCancel = false;
            if (waitingOn instanceof Completion<?> inner && inner.cancelInward(cancelMessage())) {
                return;
            } else if (waitingOn != null) {
                stopWaiting();
                FrameDriver.throwInto((CoroutineFrame<?>) current, newCancelledError());
                schedule();
            }
        }
    }

    private void stopWaiting() {
        Object aw = waitingOn;
        waitingOn = null;
        if (aw instanceof Suspendable s) {
            s.unpark(this);
        }
    }

    /** The awaitable {@code from} is done: resume on a later loop turn. */
    void wake(Object from) {
        if (waitingOn == from) {
            waitingOn = null;
            schedule();
        }
    }

    /** A sleep this task waits on was scheduled to finish at {@code deadline}. */
    void sleepUntil(Object sleep, long deadline) {
        loop.timers().add(this, deadline);
    }

    void cancelSleep() {
        loop.timers().remove(this);
    }

    void schedule() {
        if (!queued) {
            queued = true;
            loop.ready(this);
        }
    }

    /** Scheduled by the loop when the task is created. */
    void start() {
        schedule();
    }

    private String cancelMessage() {
        return state == PENDING && value instanceof String m ? m : null;
    }

    private CancelledError newCancelledError() {
        String m = cancelMessage();
        return m == null ? new CancelledError() : new CancelledError(m);
    }

    @Override
    public long timerSeq() {
        return timerSeq;
    }

    @Override
    public void timerSeq(long seq) {
        timerSeq = seq;
    }

    /** Loop-internal: the task's sleep is over. */
    @Override
    public void onTimer() {
        Object aw = waitingOn;
        if (aw != null) {
            wake(aw);
        }
    }

    @Override
    public String toString() {
        String s = switch (state) {
            case PENDING -> current instanceof CoroutineFrame<?> f && !FrameDriver.isClaimed(f) ? "pending, " + current : "pending";
            case SUCCEEDED -> "finished result=" + value;
            case FAILED -> "finished exception=" + value;
            default -> "cancelled";
        };
        return "<Task " + getName() + " " + s + " coro=" + getCoroutine() + ">";
    }
}
