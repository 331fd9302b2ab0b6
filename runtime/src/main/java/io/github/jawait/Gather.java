package io.github.jawait;

import io.github.jawait.core.CoroutineFrame;
import io.github.jawait.core.FrameDriver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * {@code Asyncio.gather(...)} and {@code gatherSettled(...)}: runs every awaitable as a task
 * and completes with their results in argument order. Without {@code settled}, the first
 * failure (a cancelled child counts as one) completes the gather at once while the other
 * children keep running (asyncio); with it, the gather waits for all and reports each
 * {@link Outcome}. Cancelling the task that awaits the gather cancels every child.
 */
final class Gather<T> extends Completion<List<T>> implements Completion.Listener {
    /** One per argument, in argument order; an awaitable passed twice has the same task twice. */
    private final Task<?>[] children;

    /** Diagnostics: the tasks gathered, in argument order. */
    Task<?>[] childTasks() {
        return children;
    }
    /** Each task once. */
    private final Task<?>[] distinct;
    private final boolean settled;
    private int remaining;
    private boolean cancelRequested;
    private Object cancelMessage;

    Gather(EventLoop loop, List<? extends Awaitable<?>> awaitables, boolean settled) {
        super(loop);
        this.settled = settled;
        children = new Task<?>[awaitables.size()];
        loop.expectReady(coroutines(awaitables)); // their first steps: size the ready queue once
        // the children that are distinct, made only once a repeat shows up (rare): until then
        // they are children[0, i)
        List<Task<?>> distinct = null;
        IdentityHashMap<Object, Task<?>> seen = null;
        for (int i = 0; i < children.length; i++) {
            // the same awaitable twice is awaited once, its outcome in both places (asyncio)
            Object aw = awaitables.get(i);
            Task<?> t = null;
            if (aw instanceof CoroutineFrame<?> f) {
                if (!FrameDriver.isNew(f)) { // taken already: by an earlier argument? (rare: scan)
                    for (int j = 0; j < i && t == null; j++) {
                        t = awaitables.get(j) == aw ? children[j] : null;
                    }
                }
            } else if (aw != null) { // tasks, hand-written awaitables: few, hashed
                if (seen == null) {
                    seen = new IdentityHashMap<>();
                }
                t = seen.get(aw);
            }
            if (t == null) {
                t = Asyncio.asTask(loop, awaitables.get(i));
                if (distinct != null) {
                    distinct.add(t);
                }
                if (seen != null && !(aw instanceof CoroutineFrame<?>)) {
                    seen.put(aw, t);
                }
            } else if (distinct == null) {
                distinct = new ArrayList<>(Arrays.asList(children).subList(0, i));
            }
            children[i] = t;
        }
        this.distinct = distinct == null ? children : distinct.toArray(new Task<?>[0]);
        remaining = this.distinct.length;
        if (remaining == 0) {
            settle(SUCCEEDED, List.of());
            return;
        }
        for (Task<?> child : this.distinct) {
            child.listen(this);
        }
    }

    /** How many of {@code awaitables} are coroutines, each of which becomes a new task. */
    private static int coroutines(List<? extends Awaitable<?>> awaitables) {
        int n = 0;
        for (Awaitable<?> aw : awaitables) {
            if (aw instanceof CoroutineFrame<?>) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void completed(Completion<?> child) {
        remaining--;
        child.markRetrieved(); // the gather owns its children's outcomes
        if (isDone()) {
            return;
        }
        if (!settled && child.state != SUCCEEDED) {
            settle(child.cancelled() ? CANCELLED : FAILED, child.value);
            return;
        }
        if (remaining > 0) {
            return;
        }
        if (cancelRequested) {
            settle(CANCELLED, cancelMessage == null ? new CancelledError() : new CancelledError(cancelMessage));
            return;
        }
        List<Object> results = new ArrayList<>(children.length);
        for (Task<?> c : children) {
            results.add(settled ? (c.state == SUCCEEDED ? Outcome.success(c.value) : Outcome.failure((Throwable) c.value)) : c.value);
        }
        settle(SUCCEEDED, results);
    }

    @Override
    boolean cancelInward(Object message) {
        if (isDone()) {
            return false;
        }
        boolean any = false;
        for (Task<?> c : distinct) {
            any |= c.cancel(message);
        }
        if (any) {
            cancelRequested = true;
            cancelMessage = message; // the awaiter's CancelledError carries it (asyncio)
        }
        return any;
    }

    @Override
    public String toString() {
        return "<gather " + Arrays.toString(children) + ">";
    }
}
