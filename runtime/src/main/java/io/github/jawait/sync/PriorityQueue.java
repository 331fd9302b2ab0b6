package io.github.jawait.sync;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Objects;

/**
 * A {@link Queue} that returns its smallest item first, asyncio's {@code PriorityQueue}: by
 * natural order, or by a {@link Comparator}.
 *
 * <pre>{@code
 * PriorityQueue<Job> jobs = new PriorityQueue<>(0, Comparator.comparingInt(Job::priority));
 * await(jobs.put(new Job(5, "later"))); await(jobs.put(new Job(1, "first")));
 * Job next = await(jobs.get());                // the one with priority 1
 * }</pre>
 *
 * <p>A binary heap, as Python's {@code heapq}: items that compare equal come out in no
 * particular order (add a sequence number to the key for FIFO among equals). Null items are
 * refused.
 *
 * @param <T> the items
 */
public final class PriorityQueue<T> extends Queue<T> {
    private final java.util.PriorityQueue<Object> heap;
    private final Comparator<? super T> comparator;

    /** An unbounded queue ordered by the items' natural order ({@link Comparable}). */
    public PriorityQueue() {
        this(0, null);
    }

    /** A queue of at most {@code maxsize} items (zero or less: no limit) ordered naturally. */
    public PriorityQueue(int maxsize) {
        this(maxsize, null);
    }

    /**
     * A queue of at most {@code maxsize} items (zero or less: no limit) ordered by
     * {@code comparator}; null means the natural order.
     */
    @SuppressWarnings("unchecked")
    public PriorityQueue(int maxsize, Comparator<? super T> comparator) {
        super(maxsize);
        this.comparator = comparator;
        this.heap = new java.util.PriorityQueue<>((Comparator<Object>) comparator);
    }

    /** The ordering, or null for the natural order. */
    public Comparator<? super T> comparator() {
        return comparator;
    }

    @Override
    Object mask(T item) {
        return Objects.requireNonNull(item, "PriorityQueue does not accept null items");
    }

    @Override
    void store(Object item) {
        heap.add(item);
    }

    @Override
    void restore(Object item) {
        heap.add(item);
    }

    @Override
    Object take() {
        return heap.poll();
    }

    @Override
    int size() {
        return heap.size();
    }

    @Override
    @SuppressWarnings("unchecked")
    Iterator<Object> iterator() {
        ArrayList<Object> sorted = new ArrayList<>(heap);
        sorted.sort((Comparator<Object>) (comparator != null ? comparator : Comparator.naturalOrder()));
        return sorted.iterator();
    }
}
