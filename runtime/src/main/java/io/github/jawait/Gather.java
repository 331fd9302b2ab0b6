package io.github.jawait;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code Asyncio.gather(...)}: runs every awaitable as a task and completes with their results
 * in argument order. The first failure completes the gather at once while the other children
 * keep running (asyncio); cancelling the task that awaits the gather cancels every child.
 */
final class Gather<T> extends Completion<List<T>> {
    private final Task<? extends T>[] children;
    private int remaining;

    @SuppressWarnings("unchecked")
    Gather(EventLoop loop, List<? extends Awaitable<? extends T>> awaitables) {
        super(loop);
        children = new Task[awaitables.size()];
        for (int i = 0; i < children.length; i++) {
            children[i] = Asyncio.asTask(loop, awaitables.get(i));
        }
        remaining = children.length;
        if (remaining == 0) {
            settle(SUCCEEDED, List.of());
            return;
        }
        for (Task<? extends T> child : children) {
            child.addDoneCallback(this::childDone);
        }
    }

    private void childDone(Task<?> child) {
        remaining--;
        Throwable failure = child.state == SUCCEEDED ? null : (Throwable) child.value;
        child.retrieved = true; // the gather owns its children's outcomes
        if (isDone()) {
            return;
        }
        if (failure != null) {
            settle(child.cancelled() ? CANCELLED : FAILED, failure);
            return;
        }
        if (remaining == 0) {
            List<T> results = new ArrayList<>(children.length);
            for (Task<? extends T> c : children) {
                results.add(c.resultNow());
            }
            settle(SUCCEEDED, results);
        }
    }

    @Override
    boolean cancelInward(String message) {
        if (isDone()) {
            return false;
        }
        boolean any = false;
        for (Task<? extends T> c : children) {
            any |= c.cancel(message);
        }
        return any;
    }

    @Override
    public String toString() {
        return "<gather " + Arrays.toString(children) + ">";
    }
}
