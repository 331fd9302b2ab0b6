package io.github.jawait;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Asyncio.asCompleted(...)}: one awaitable per input, the i-th completing with the
 * outcome of the i-th input to finish. After the timeout, the remaining ones fail with
 * {@link AsyncTimeoutException}; the inputs are not cancelled (asyncio).
 */
final class AsCompleted implements Completion.Listener {
    private final List<Slot<Object>> slots = new ArrayList<>();
    private int next;
    private TimerHandle timer;
    private Duration timeout;

    AsCompleted(EventLoop loop, List<? extends Awaitable<?>> awaitables, Duration timeout) {
        for (int i = 0; i < awaitables.size(); i++) {
            slots.add(new Slot<>(loop));
        }
        for (Awaitable<?> aw : awaitables) {
            Asyncio.asTask(loop, aw).listen(this);
        }
        this.timeout = timeout;
        if (timeout != null && !slots.isEmpty()) {
            timer = loop.callLater(timeout, this::expire);
        }
    }

    @SuppressWarnings("unchecked")
    <T> List<Awaitable<T>> awaitables() {
        return (List<Awaitable<T>>) (List<?>) List.copyOf(slots);
    }

    @Override
    public void completed(Completion<?> t) {
        if (next >= slots.size()) {
            return;
        }
        t.markRetrieved();
        slots.get(next++).settle(t.state, t.value);
        if (next == slots.size() && timer != null) {
            timer.cancel();
        }
    }

    private void expire() {
        while (next < slots.size()) {
            slots.get(next++).settle(FAILED_STATE, new AsyncTimeoutException("asCompleted timed out after "
                    + AsyncTimeoutException.describe(timeout)));
        }
    }

    private static final int FAILED_STATE = Completion.FAILED;

    /** One result in completion order. */
    static final class Slot<T> extends Completion<T> {
        Slot(EventLoop loop) {
            super(loop);
        }

        @Override
        public String toString() {
            return "<asCompleted slot " + (isDone() ? "done" : "pending") + ">";
        }
    }
}
