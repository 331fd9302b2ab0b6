package io.github.jawait;

import java.util.Arrays;
import java.util.List;

/**
 * {@code Asyncio.first(...)}: a select over several awaitables (a {@code Queue.get}, a sleep, an
 * {@code Event.waitFor}...), giving the first to finish as a {@link Winner} and cancelling the
 * others that it started from coroutines, before they run again.
 *
 * <p>Nothing is lost, which is the point of it: a loser that was already handed an item (a queue
 * getter woken by a {@code put}) but has not run is cancelled, and the primitive takes the item
 * back for the next getter (its asyncio-style cancellation safety); a loser that has not begun
 * never takes anything. The winner's value is granted to the awaiting task like a
 * {@link Waiter}'s: if that task is cancelled after the choice but before it resumes, it still
 * receives the value and the cancellation strikes at its next await. Cancelling the awaiting
 * task while nothing has won cancels every alternative it started.
 */
final class First<T> extends Completion<Winner<T>> implements Completion.Listener {
    private final Task<?>[] children;
    private final boolean[] owned;

    First(EventLoop loop, List<? extends Awaitable<? extends T>> awaitables) {
        super(loop);
        if (awaitables.isEmpty()) {
            throw new IllegalArgumentException("first() needs at least one awaitable");
        }
        children = new Task<?>[awaitables.size()];
        owned = new boolean[children.length];
        for (int i = 0; i < children.length; i++) {
            Awaitable<? extends T> aw = awaitables.get(i);
            owned[i] = !(aw instanceof Task<?>);
            children[i] = Asyncio.asTask(loop, aw);
        }
        for (Task<?> c : children) {
            c.listen(this);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void completed(Completion<?> child) {
        child.markRetrieved();
        if (isDone()) {
            return;
        }
        int index = Arrays.asList(children).indexOf(child);
        if (child.state == SUCCEEDED) {
            settle(SUCCEEDED, new Winner<>(index, (T) child.value));
        } else {
            settle(child.state, child.value);
        }
        cancelLosers(); // synchronously: no loser runs again before its cancellation
    }

    private void cancelLosers() {
        for (int i = 0; i < children.length; i++) {
            if (owned[i]) {
                children[i].cancel();
            }
        }
    }

    /** A chosen value is delivered even to a task cancelled before it resumed: the item is not lost. */
    @Override
    public boolean granted() {
        return state == SUCCEEDED;
    }

    @Override
    boolean cancelInward(Object message) {
        if (isDone()) {
            return false;
        }
        boolean any = false;
        for (int i = 0; i < children.length; i++) {
            if (owned[i]) {
                any |= children[i].cancel(message);
            }
        }
        return any; // the awaiter sees the outcome: normally the first child's CancelledError
    }

    @Override
    public String toString() {
        return "<first " + Arrays.toString(children) + ">";
    }
}
