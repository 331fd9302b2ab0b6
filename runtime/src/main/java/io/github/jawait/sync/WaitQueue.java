package io.github.jawait.sync;

import java.util.function.Supplier;

/**
 * The FIFO of parked operations behind every primitive, in the order their tasks arrived. The
 * operations are their own nodes (an intrusive list), so parking allocates nothing more.
 *
 * <p>The list is singly linked: a handoff only ever appends at the tail and takes from the head,
 * and a back link would cost every operation 4 bytes and every link and unlink two more stores.
 * An operation whose task is cancelled while parked is marked abandoned at once (nothing is
 * handed to it from then on) and left in place; it is dropped when it reaches the head, and the
 * list is swept when the abandoned ones outnumber the parked ones, so a queue that only ever
 * times out does not grow (amortized O(1) per cancellation, where asyncio's deque removal is O(n)).
 *
 * @param <T> what a woken operation yields
 */
final class WaitQueue<T> {
    /** Abandoned operations tolerated in the list before a sweep, beyond one per parked one. */
    private static final int SWEEP_SLACK = 16;

    private Operation<T> head;
    private Operation<T> tail;
    /** Parked operations: the list's length less the abandoned ones still in it. */
    private int size;
    /** Operations abandoned by their cancelled tasks and not yet dropped from the list. */
    private int abandoned;

    /**
     * An operation that waits here with no fast path: a condition's wait, a lock's re-acquire;
     * {@code hooks} say what a woken one hands over.
     */
    Operation<T> park(Operation.Begin<T> hooks) {
        assert hooks.queue == this;
        return new Operation<>(hooks);
    }

    /** Removes the first parked operation and hands it {@code value}; null if none waits. */
    Operation<T> wakeFirst(T value) {
        Operation<T> op;
        while ((op = pollParked()) != null) {
            if (op.wake(value)) {
                return op;
            }
        }
        return null;
    }

    /**
     * Removes the first parked operation and wakes it with what it was bound to (a blocked put's
     * item, see {@link Operation#grant()}); null if none waits.
     */
    Operation<T> grantFirst() {
        Operation<T> op;
        while ((op = pollParked()) != null) {
            if (op.grant()) {
                return op;
            }
        }
        return null;
    }

    /** Wakes every parked operation with {@code value}, in arrival order. */
    void wakeAll(T value) {
        while (wakeFirst(value) != null) {
            // each operation is woken once
        }
    }

    /** Makes every parked operation's await throw a fresh error from {@code error}, in arrival order. */
    void failAll(Supplier<? extends Throwable> error) {
        Operation<T> op;
        while ((op = pollParked()) != null) {
            op.fail(error.get());
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** Called by an operation when its task parks; an operation is linked once in its life. */
    void link(Operation<T> op) {
        Operation<T> last = tail;
        if (last == null) {
            head = op;
        } else {
            last.next = op;
        }
        tail = op;
        size++;
    }

    /** Called by a parked operation whose task was cancelled, once it marked itself abandoned. */
    void abandon(Operation<T> op) {
        size--;
        abandoned++;
        dropAbandonedHead();
        if (abandoned > SWEEP_SLACK && abandoned > size) {
            sweep();
        }
    }

    /** Unlinks and returns the first operation that is still parked; null if none is. */
    private Operation<T> pollParked() {
        dropAbandonedHead();
        Operation<T> op = head;
        if (op != null) {
            unlinkHead(op);
            size--;
        }
        return op;
    }

    private void dropAbandonedHead() {
        Operation<T> op;
        while ((op = head) != null && op.abandoned()) {
            unlinkHead(op);
            op.next = null;
            abandoned--;
        }
    }

    /**
     * The operation leaves the list but keeps its {@code next}: once woken, it points to the
     * operations behind it, which its {@link Operation.Begin#revoked} may need; the operation
     * drops the link when its task reads the outcome or gives it back.
     */
    private void unlinkHead(Operation<T> op) {
        Operation<T> next = op.next;
        head = next;
        if (next == null) {
            tail = null;
        }
    }

    /** Drops every abandoned operation from the list, keeping the order of the others. */
    private void sweep() {
        Operation<T> kept = null;
        Operation<T> op = head;
        while (op != null) {
            Operation<T> next = op.next;
            if (op.abandoned()) {
                op.next = null;
                if (kept == null) {
                    head = next;
                } else {
                    kept.next = next;
                }
            } else {
                kept = op;
            }
            op = next;
        }
        tail = kept;
        abandoned = 0;
    }
}
