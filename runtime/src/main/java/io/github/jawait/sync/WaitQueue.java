package io.github.jawait.sync;

import io.github.jawait.Waiter;
import java.util.function.Supplier;

/**
 * The FIFO of parked tasks behind every primitive: one {@link Waiter} per parked task, in the
 * order they arrived. A waiter whose task is cancelled while parked unlinks itself at once
 * (O(1)), so a queue that only ever times out does not grow, and a waiter still linked is
 * always one that {@link Waiter#wake} will accept.
 *
 * @param <T> what a woken waiter receives
 */
final class WaitQueue<T> {
    private Node<T> head;
    private Node<T> tail;
    private int size;

    /** One parked task; runs (unlinks itself) when its task abandons the wait. */
    static final class Node<T> implements Runnable {
        private final WaitQueue<T> queue;
        /** What the parked task brings along, e.g. the item of a blocked {@code put}. */
        final Object payload;
        Waiter<T> waiter;
        private Node<T> prev;
        private Node<T> next;
        private boolean linked;

        Node(WaitQueue<T> queue, Object payload) {
            this.queue = queue;
            this.payload = payload;
        }

        @Override
        public void run() {
            queue.unlink(this);
        }
    }

    /** Parks a new waiter at the tail; the caller's coroutine awaits the returned waiter. */
    Waiter<T> park(Object payload) {
        Node<T> n = new Node<>(this, payload);
        n.waiter = new Waiter<>(n);
        n.linked = true;
        n.prev = tail;
        if (tail == null) {
            head = n;
        } else {
            tail.next = n;
        }
        tail = n;
        size++;
        return n.waiter;
    }

    /** Removes the first waiter and hands it {@code value}; null if nobody waits. */
    Node<T> wakeFirst(T value) {
        Node<T> n;
        while ((n = head) != null) {
            unlink(n);
            if (n.waiter.wake(value)) {
                return n;
            }
        }
        return null;
    }

    /** Wakes every waiter with {@code value}, in arrival order. */
    void wakeAll(T value) {
        while (wakeFirst(value) != null) {
            // each waiter is woken once
        }
    }

    /** Makes every waiter's await throw a fresh error from {@code error}, in arrival order. */
    void failAll(Supplier<? extends Throwable> error) {
        Node<T> n;
        while ((n = head) != null) {
            unlink(n);
            n.waiter.fail(error.get());
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    private void unlink(Node<T> n) {
        if (!n.linked) {
            return;
        }
        n.linked = false;
        if (n.prev == null) {
            head = n.next;
        } else {
            n.prev.next = n.next;
        }
        if (n.next == null) {
            tail = n.prev;
        } else {
            n.next.prev = n.prev;
        }
        n.prev = null;
        n.next = null;
        size--;
    }
}
