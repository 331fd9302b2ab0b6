package io.github.jawait.loop;

/**
 * The callbacks and task steps that run on the next loop turn, in FIFO order. Tasks enqueue
 * themselves, so waking a task allocates nothing.
 *
 * <p>A chain of fixed-size segments, not one growable ring: a burst of a million ready tasks
 * (a gather's first steps, a million timers due at once) neither copies the queue through every
 * power of two nor makes a humongous array, which G1 allocates in the old generation, so that
 * every young task stored into it would pay the old-to-young write barrier. A segment is 4 KiB
 * of references, allocated young. A queue that empties starts its segment over, and a drained
 * segment is kept as a spare for the next one needed (no allocation in a steady stream of
 * callbacks), but only for {@link #RECYCLE_LIMIT} callbacks: then the queue takes fresh ones. A
 * segment kept for long is promoted to the old generation, and G1's write barrier then executes
 * a memory fence for every task stored into it (perf, spawn path: 2-4 % of the samples per such
 * store); fresh segments every 65,536 callbacks keep the queue's stores young for 0.06 bytes of
 * allocation each.
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
    private int size;
    /** The slot of {@link #head} holding the item that runs now, or -1. */
    private int runningPos = -1;
    /** A drained segment kept for the next one needed. */
    private Segment spare;
    /** Callbacks the queue's segments took since they were allocated (approximately: counted per round and per segment). */
    private int recycled;
    /** Callbacks a segment takes, started over each time the queue empties, before a fresh one. */
    static final int RECYCLE_LIMIT = 1 << 16;

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
        Runnable r = start();
        if (r != null) {
            finish();
        }
        return r;
    }

    /**
     * Removes the oldest item (null when empty) to run it: its slot keeps it, as
     * {@link #running()}, until {@link #finish()}. The loop's current task is read from here,
     * so that starting a step stores nothing into the long-lived loop (see the class comment).
     */
    public Runnable start() {
        if (size == 0) {
            return null;
        }
        if (headPos == SEGMENT) {
            Segment drained = head;
            head = drained.next;
            drained.next = null;
            if (recycled < RECYCLE_LIMIT) { // counted up to the limit only: a queue that never empties cannot overflow it
                recycled += SEGMENT;
                if (recycled < RECYCLE_LIMIT) {
                    spare = drained; // all its slots are null again
                }
            }
            headPos = 0;
        }
        size--;
        runningPos = headPos++;
        return head.items[runningPos];
    }

    /** The item taken by {@link #start()} has run: its slot is cleared. */
    public void finish() {
        int p = runningPos;
        if (p >= 0) {
            head.items[p] = null;
            runningPos = -1;
            if (size == 0) {
                startOver();
            }
        }
    }

    /** Empty, nothing running (head == tail): the segment is started over, or a fresh one taken. */
    private void startOver() {
        recycled += tailPos;
        if (recycled >= RECYCLE_LIMIT) {
            head = tail = new Segment(); // young again: see the class comment
            spare = null;
            recycled = 0;
        }
        headPos = 0;
        tailPos = 0;
    }

    /** The segment the queue takes from (for tests: whether it was started over or replaced). */
    Object headSegment() {
        return head;
    }

    /** The item taken by {@link #start()} and not finished yet, or null. */
    public Runnable running() {
        int p = runningPos;
        return p < 0 ? null : head.items[p];
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
