package io.github.jawait.sync;

import java.util.Iterator;

/**
 * A last-in, first-out {@link Queue} (a stack), asyncio's {@code LifoQueue}: {@code get}
 * returns the item put most recently.
 *
 * <pre>{@code
 * LifoQueue<Integer> stack = new LifoQueue<>();
 * stack.putNowait(1); stack.putNowait(2);
 * int top = await(stack.get());                // 2
 * }</pre>
 *
 * @param <T> the items
 */
public final class LifoQueue<T> extends Queue<T> {

    /** An unbounded LIFO queue. */
    public LifoQueue() {
        super(0);
    }

    /** A LIFO queue holding at most {@code maxsize} items; zero or less means no limit. */
    public LifoQueue(int maxsize) {
        super(maxsize);
    }

    @Override
    Object take() {
        Object top = items.pollLast();
        restoredAtFront = Math.min(restoredAtFront, items.size());
        return top;
    }

    @Override
    Iterator<Object> iterator() {
        return items.descendingIterator();
    }
}
