package io.github.jawait.loop;

/**
 * The callbacks and task steps that run on the next loop turn, in FIFO order. Tasks enqueue
 * themselves, so waking a task allocates nothing.
 *
 * <p>A chain of fixed-size segments, not one growable ring: a burst of a million ready tasks
 * (a gather's first steps, a million timers due at once) neither copies the queue through every
 * power of two nor makes a humongous array, which G1 allocates in the old generation, so that
 * every young task stored into it would pay the old-to-young write barrier. A segment is 4 KiB
 * of references, allocated young; a drained one is kept as a spare, so a steady stream of
 * callbacks allocates nothing, and a burst's segments become garbage once drained.
 */
public final class ReadyQueue {
    /** Slots per segment: 4 KiB with compressed references, far below any humongous size. */
    static final int SEGMENT = 1024;

    /** A run of queued callbacks; segments are chained from the head to the tail. */
    private static final class Segment {
        final Runnable[] items = new Runnable[SEGMENT];
        Segment next;
    }

    private Segment head = new Segment();
    /** The next slot of {@link #head} to poll. */
    private int headPos;
    private Segment tail = head;
    /** The next free slot of {@link #tail}. */
    private int tailPos;
    /** A drained segment kept for the next one needed. */
    private Segment spare;
    private int size;

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public void add(Runnable r) {
        if (tailPos == SEGMENT) {
            Segment s = spare;
            if (s == null) {
                s = new Segment();
            } else {
                spare = null;
            }
            tail.next = s;
            tail = s;
            tailPos = 0;
        }
        tail.items[tailPos++] = r;
        size++;
    }

    /** Removes and returns the oldest item, or null when empty. */
    public Runnable poll() {
        if (size == 0) {
            return null;
        }
        Runnable[] items = head.items;
        Runnable r = items[headPos];
        items[headPos++] = null;
        if (--size == 0) {
            headPos = 0; // head == tail: start the one segment over
            tailPos = 0;
        } else if (headPos == SEGMENT) {
            Segment drained = head;
            head = drained.next;
            drained.next = null;
            spare = drained; // all its slots are null again
            headPos = 0;
        }
        return r;
    }

    /** Segments in use, the spare not counted (for tests: a drained burst must not stay pinned). */
    int segments() {
        int n = 0;
        for (Segment s = head; s != null; s = s.next) {
            n++;
        }
        return n;
    }
}
