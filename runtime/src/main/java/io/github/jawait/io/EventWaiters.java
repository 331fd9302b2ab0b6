package io.github.jawait.io;

import io.github.jawait.Waiter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The tasks waiting for one event of a connection or a server (the queue drained, the socket
 * closed, the TLS handshake over, the server closed), as asyncio keeps a list of futures for
 * each: {@link #add} hands out a {@link Waiter} to await, the event wakes or fails them all at
 * once, and a waiter whose task is cancelled leaves the list by itself. Loop-thread only.
 */
final class EventWaiters {
    private final List<Waiter<Void>> waiters = new ArrayList<>(0);

    /** A new waiter in the list. */
    Waiter<Void> add() {
        return add(null);
    }

    /** A new waiter in the list; {@code onCancel} (may be null) runs when its task gives up waiting. */
    Waiter<Void> add(Runnable onCancel) {
        @SuppressWarnings("unchecked")
        Waiter<Void>[] self = (Waiter<Void>[]) new Waiter<?>[1];
        Waiter<Void> w = new Waiter<>(() -> {
            waiters.remove(self[0]);
            if (onCancel != null) {
                onCancel.run();
            }
        });
        self[0] = w;
        waiters.add(w);
        return w;
    }

    boolean isEmpty() {
        return waiters.isEmpty();
    }

    /** The event happened: every waiter's await returns. */
    void wakeAll() {
        for (Waiter<Void> w : takeAll()) {
            w.wake(null);
        }
    }

    /** The event failed: every waiter's await throws what {@code error} makes (one each). */
    void failAll(Supplier<? extends Throwable> error) {
        for (Waiter<Void> w : takeAll()) {
            w.fail(error.get());
        }
    }

    /** Empties the list first: a woken task that waits again joins a fresh list. */
    private List<Waiter<Void>> takeAll() {
        if (waiters.isEmpty()) {
            return List.of();
        }
        List<Waiter<Void>> all = new ArrayList<>(waiters);
        waiters.clear();
        return all;
    }
}
