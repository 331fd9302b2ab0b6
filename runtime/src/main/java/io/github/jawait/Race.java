package io.github.jawait;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code Asyncio.race(...)} ({@code Promise.race}: the first to settle, value or failure) and
 * {@code Asyncio.any(...)} ({@code Promise.any}: the first success; an {@link ExceptionGroup}
 * of every failure, in argument order, when all fail). Unlike JavaScript, losers started from
 * coroutines are cancelled: nobody else holds them. Tasks passed in are left running: their
 * owner decides.
 */
final class Race<T> extends Completion<T> implements Completion.Listener {
    private final Task<?>[] children;
    private final boolean[] owned;
    private final boolean firstSuccess;
    private int failed;

    Race(EventLoop loop, List<? extends Awaitable<?>> awaitables, boolean firstSuccess) {
        super(loop);
        if (awaitables.isEmpty()) {
            throw new IllegalArgumentException((firstSuccess ? "any" : "race") + "() needs at least one awaitable");
        }
        this.firstSuccess = firstSuccess;
        children = new Task<?>[awaitables.size()];
        owned = new boolean[children.length];
        for (int i = 0; i < children.length; i++) {
            Awaitable<?> aw = awaitables.get(i);
            owned[i] = !(aw instanceof Task<?>);
            children[i] = Asyncio.asTask(loop, aw);
        }
        for (Task<?> c : children) {
            c.listen(this);
        }
    }

    @Override
    public void completed(Completion<?> child) {
        if (isDone()) {
            child.markRetrieved();
            return;
        }
        child.markRetrieved();
        if (!firstSuccess || child.state == SUCCEEDED) {
            settle(child.state, child.value);
            cancelLosers();
            return;
        }
        if (++failed == children.length) {
            List<Throwable> errors = new ArrayList<>();
            for (Task<?> c : children) {
                errors.add((Throwable) c.value);
            }
            settle(FAILED, new ExceptionGroup("all awaitables passed to any() failed", errors));
        }
    }

    private void cancelLosers() {
        for (int i = 0; i < children.length; i++) {
            if (owned[i]) {
                children[i].cancel();
            }
        }
    }

    @Override
    boolean cancelInward(Object message) {
        cancelLosers();
        return false;
    }

    @Override
    public String toString() {
        return "<" + (firstSuccess ? "any " : "race ") + Arrays.toString(children) + ">";
    }
}
