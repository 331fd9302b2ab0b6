package io.github.jawait;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Asyncio.asCompleted(...)}: one awaitable per input. Completions are handed out in
 * the order the awaitables are awaited, as asyncio 3.13 does (each of its coroutines takes the
 * next completion from a queue when awaited): whichever returned awaitable is awaited first
 * gets the first completion, not necessarily the first in the list. After the timeout, the
 * completions not in yet are replaced by {@link AsyncTimeoutException}s; the inputs are not
 * cancelled (asyncio).
 */
final class AsCompleted implements Completion.Listener {
    private final EventLoop loop;
    private final List<Next<Object>> handedOut = new ArrayList<>();
    /** Completions (finished inputs, or TIMED_OUT) not yet taken by an awaited awaitable. */
    private final ArrayDeque<Object> ready = new ArrayDeque<>();
    /** Awaitables whose task waits, in the order they started waiting. */
    private final ArrayDeque<Next<Object>> waiting = new ArrayDeque<>();
    private int outstanding;
    private TimerHandle timer;
    private Duration timeout;

    private static final Object TIMED_OUT = new Object();

    AsCompleted(EventLoop loop, List<? extends Awaitable<?>> awaitables, Duration timeout) {
        this.loop = loop;
        List<Task<?>> tasks = new ArrayList<>();
        // asyncio takes a set: the same awaitable twice counts once
        java.util.Set<Awaitable<?>> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Awaitable<?> aw : awaitables) {
            if (aw != null && !seen.add(aw)) {
                continue;
            }
            tasks.add(Asyncio.asTask(loop, aw));
            handedOut.add(new Next<>(this));
        }
        this.timeout = timeout;
        outstanding = tasks.size();
        for (Task<?> t : tasks) {
            t.listen(this);
        }
        if (timeout != null && outstanding > 0) {
            timer = loop.callLater(timeout, this::expire);
        }
    }

    @SuppressWarnings("unchecked")
    <T> List<Awaitable<T>> awaitables() {
        return (List<Awaitable<T>>) (List<?>) List.copyOf(handedOut);
    }

    @Override
    public void completed(Completion<?> t) {
        if (outstanding == 0) {
            return; // timed out already
        }
        t.markRetrieved();
        outstanding--;
        if (outstanding == 0 && timer != null) {
            timer.cancel();
        }
        offer(t);
    }

    private void expire() {
        for (; outstanding > 0; outstanding--) {
            offer(TIMED_OUT);
        }
    }

    private void offer(Object completion) {
        Next<Object> w = waiting.pollFirst();
        if (w != null) {
            w.take(completion);
        } else {
            ready.addLast(completion);
        }
    }

    /** One awaitable handed out: bound to a completion only when awaited. */
    static final class Next<T> extends Completion<T> {
        private final AsCompleted owner;
        private boolean waits;

        Next(AsCompleted owner) {
            super(owner.loop);
            this.owner = owner;
        }

        /** Asked by the awaiting code first: takes the next completion if one is in. */
        @Override
        public boolean isDone() {
            if (state == PENDING && !waits && !owner.ready.isEmpty()) {
                take(owner.ready.pollFirst());
            }
            return state != PENDING;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void park(Task<?> waiter) {
            if (!isDone() && !waits) {
                waits = true;
                owner.waiting.addLast((Next<Object>) this);
            }
            super.park(waiter);
        }

        @Override
        public void unpark(Task<?> waiter) {
            super.unpark(waiter);
            if (waits && state == PENDING) {
                waits = false;
                owner.waiting.remove(this); // its completion goes to the next awaiter
            }
        }

        void take(Object completion) {
            waits = false;
            if (completion == TIMED_OUT) {
                settle(FAILED, new AsyncTimeoutException("asCompleted timed out after "
                        + AsyncTimeoutException.describe(owner.timeout)));
            } else {
                Completion<?> c = (Completion<?>) completion;
                settle(c.state, c.value);
            }
        }

        @Override
        public String toString() {
            return "<asCompleted awaitable " + (state != PENDING ? "done" : "pending") + ">";
        }
    }
}
