package io.github.jawait.loop;

import java.util.Arrays;

/**
 * The callbacks and task steps that run on the next loop turn, in FIFO order. A growable ring
 * buffer of {@link Runnable}: tasks enqueue themselves, so waking a task allocates nothing.
 */
public final class ReadyQueue {
    private static final int INITIAL = 64;
    private static final int SHRINK_ABOVE = 1 << 16;

    private Runnable[] items = new Runnable[INITIAL];
    private int head;
    private int size;

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public void add(Runnable r) {
        if (size == items.length) {
            grow();
        }
        items[(head + size) & (items.length - 1)] = r;
        size++;
    }

    /** Removes and returns the oldest item, or null when empty. */
    public Runnable poll() {
        if (size == 0) {
            return null;
        }
        Runnable r = items[head];
        items[head] = null;
        head = (head + 1) & (items.length - 1);
        if (--size == 0 && items.length > SHRINK_ABOVE) {
            items = new Runnable[INITIAL]; // a burst of a million tasks should not pin 4 MB forever
            head = 0;
        }
        return r;
    }

    /**
     * Makes room for {@code more} callbacks beyond those queued, in one step: a gather of a
     * million children would otherwise copy the ring through every power of two on the way.
     */
    public void reserve(int more) {
        long needed = (long) size + more;
        if (needed <= items.length || needed > 1 << 30) {
            return;
        }
        grow(Integer.highestOneBit((int) needed - 1) << 1);
    }

    private void grow() {
        grow(items.length * 2);
    }

    private void grow(int capacity) {
        Runnable[] bigger = new Runnable[capacity];
        int firstPart = Math.min(size, items.length - head);
        System.arraycopy(items, head, bigger, 0, firstPart);
        System.arraycopy(items, 0, bigger, firstPart, size - firstPart);
        Arrays.fill(items, null);
        items = bigger;
        head = 0;
    }
}
