package io.github.jawait.sync;

import java.util.function.Supplier;

/**
 * The FIFO of parked operations behind every primitive, in the order their tasks arrived. The
 * operations are their own nodes (an intrusive list), so parking allocates nothing more. An
 * operation whose task is cancelled while parked unlinks itself at once (O(1)), so a queue that
 * only ever times out does not grow, and every linked operation is one that {@link #wakeFirst}
 * can hand a value to.
 *
 * @param <T> what a woken operation yields
 */
final class WaitQueue<T> {
    private Operation<T> head;
    private Operation<T> tail;
    private int size;

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
        while ((op = head) != null) {
            unlink(op);
            if (op.wake(value)) {
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
        while ((op = head) != null) {
            unlink(op);
            op.fail(error.get());
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** Called by an operation when its task parks. */
    void link(Operation<T> op) {
        op.prev = tail;
        op.next = null;
        if (tail == null) {
            head = op;
        } else {
            tail.next = op;
        }
        tail = op;
        size++;
    }

    /** Called when an operation is woken, or abandoned by its cancelled task; idempotent. */
    void unlink(Operation<T> op) {
        if (op.prev == null && head != op) {
            return; // not linked
        }
        if (op.prev == null) {
            head = op.next;
        } else {
            op.prev.next = op.next;
        }
        if (op.next == null) {
            tail = op.prev;
        } else {
            op.next.prev = op.prev;
        }
        op.prev = null;
        op.next = null;
        size--;
    }
}
