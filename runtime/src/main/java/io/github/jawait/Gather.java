package io.github.jawait;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code Asyncio.gather(...)} and {@code gatherSettled(...)}: runs every awaitable as a task
 * and completes with their results in argument order. Without {@code settled}, the first
 * failure (a cancelled child counts as one) completes the gather at once while the other
 * children keep running (asyncio); with it, the gather waits for all and reports each
 * {@link Outcome}. Cancelling the task that awaits the gather cancels every child.
 */
final class Gather<T> extends Completion<List<T>> implements Completion.Listener {
    private final Task<?>[] children;
    private final boolean settled;
    private int remaining;
    private boolean cancelRequested;

    Gather(EventLoop loop, List<? extends Awaitable<?>> awaitables, boolean settled) {
        super(loop);
        this.settled = settled;
        children = new Task<?>[awaitables.size()];
        for (int i = 0; i < children.length; i++) {
            children[i] = Asyncio.asTask(loop, awaitables.get(i));
        }
        remaining = children.length;
        if (remaining == 0) {
            settle(SUCCEEDED, List.of());
            return;
        }
        for (Task<?> child : children) {
            child.listen(this);
        }
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
            settle(CANCELLED, new CancelledError());
            return;
        }
        List<Object> results = new ArrayList<>(children.length);
        for (Task<?> c : children) {
            results.add(settled ? (c.state == SUCCEEDED ? Outcome.success(c.value) : Outcome.failure((Throwable) c.value)) : c.value);
        }
        settle(SUCCEEDED, results);
    }

    @Override
    boolean cancelInward(String message) {
        if (isDone()) {
            return false;
        }
        boolean any = false;
        for (Task<?> c : children) {
            any |= c.cancel(message);
        }
        cancelRequested |= any;
        return any;
    }

    @Override
    public String toString() {
        return "<gather " + Arrays.toString(children) + ">";
    }
}
