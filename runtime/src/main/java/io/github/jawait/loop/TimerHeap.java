package io.github.jawait.loop;

import java.util.Arrays;

/**
 * The loop's timers, ordered by deadline, then by arming order (FIFO for equal deadlines, as
 * asyncio). Two structures share the work:
 * <ul>
 * <li>a FIFO for deadlines that do not go backwards — the common case: a million tasks sleeping
 *     the same time arm their timers in deadline order — O(1) to add and to pop. It is a chain
 *     of fixed-size segments, so it never copies itself to grow, never holds a humongous array
 *     and keeps little slack: 8 bytes per timer (the entry, and the deadline as an unsigned
 *     {@code int} offset from its segment's first deadline; see {@link #fifoFits});</li>
 * <li>a binary min-heap for the others, O(log n).</li>
 * </ul>
 * Deadlines live in primitive arrays beside the entries; sifting never touches an entry object.
 *
 * <p><b>Stamps.</b> An armed entry carries the stamp of its one live record
 * ({@link TimerEntry#timerSeq()}); cancelling is lazy and O(1): the stamp is cleared, and a
 * record whose entry does not carry its stamp is stale and skipped when it surfaces. When stale
 * records outnumber live ones they are swept out, so a million armed-then-cancelled timeouts
 * cannot make the structure grow. A FIFO record's stamp is its position in the FIFO since the
 * numbering started ({@code index << 1}), so the FIFO stores no number at all: the head's index
 * is a counter. A heap record's stamp is a number of the heap's own ({@code n << 1 | 1}, odd, so
 * the two kinds never match each other) and the record also keeps the FIFO index reached when it
 * was armed: a FIFO record with a lower index was armed before it, which orders equal deadlines
 * across the two structures.
 *
 * <p>Both counters stay below {@link #NUMBERS}: when one reaches it, the numbering starts over —
 * every stale record is dropped and the live ones are renumbered 0, 1, ... in firing order, in
 * the FIFO (the heap takes only a deadline far past a short tail segment) — so a record can never
 * carry a number its entry is re-armed with later. The same
 * renumbering is the sweep of stale records.
 */
public final class TimerHeap {
    /** FIFO indices and heap numbers stay below this, so every stamp is a non-negative int. */
    static final int NUMBERS = 1 << 30;
    /** Records per FIFO segment: 12 KiB, small enough never to be a humongous object. */
    private static final int SEGMENT = 1024;

    /**
     * A run of FIFO records; segments are chained from the head to the tail. A record's deadline
     * is {@code base + offset}: deadlines in the FIFO never go backwards, so the offsets of one
     * segment are non-negative; they are unsigned {@code int}s, and one that would not fit (4.29 s
     * past the base) starts a new segment or goes to the heap ({@link #fifoFits}).
     */
    private static final class Segment {
        /** The deadline of the segment's first record. */
        long base;
        final int[] offset = new int[SEGMENT];
        final TimerEntry[] entry = new TimerEntry[SEGMENT];
        /** Records written, once the segment is closed (the tail's count is {@code tailPos}). */
        int end;
        Segment next;
    }

    private Segment head;
    private int headPos;
    private Segment tail;
    /** The next free slot of {@link #tail}. */
    private int tailPos;
    /** A drained segment kept for the next one needed: a steady stream of timers allocates nothing. */
    private Segment spare;
    private int fifoSize;
    /** The FIFO index of the head record; the tail's next record gets {@code fifoFirst + fifoSize}. */
    private int fifoFirst;
    private long fifoLastDeadline;

    private long[] heapDeadline = new long[16];
    private int[] heapStamp = new int[16];
    /** Per heap record: the FIFO index reached when it was armed (FIFO records below it came first). */
    private int[] heapMark = new int[16];
    private TimerEntry[] heapEntry = new TimerEntry[16];
    private int heapSize;
    private int heapNext;

    private int live;
    private int stale;

    public TimerHeap() {
    }

    /** For tests of the renumbering: both counters start at {@code firstNumber} (below {@link #NUMBERS}). */
    TimerHeap(int firstNumber) {
        if (firstNumber < 0 || firstNumber >= NUMBERS) {
            throw new IllegalArgumentException("firstNumber " + firstNumber + " not in [0, " + NUMBERS + ")");
        }
        fifoFirst = firstNumber;
        heapNext = firstNumber;
    }

    /** Armed timers. */
    public int size() {
        return live;
    }

    public boolean isEmpty() {
        return live == 0;
    }

    /** Records held, live or stale (for tests: it must stay bounded). */
    public int footprint() {
        return heapSize + fifoSize;
    }

    /** Arms {@code entry} (which must not be armed) at {@code deadline}. */
    public void add(TimerEntry entry, long deadline) {
        if (entry.timerSeq() != -1) {
            throw new IllegalStateException("timer is already armed: " + entry);
        }
        if (fifoFirst + fifoSize == NUMBERS || heapNext == NUMBERS) {
            renumber();
        }
        live++;
        place(entry, deadline);
    }

    /** Stamps {@code entry} and records it in the FIFO when its deadline can go there, else in the heap. */
    private void place(TimerEntry entry, long deadline) {
        if (fifoSize == 0 || (deadline - fifoLastDeadline >= 0 && fifoFits(deadline))) {
            entry.timerSeq((fifoFirst + fifoSize) << 1);
            fifoPush(entry, deadline);
        } else {
            int stamp = heapNext++ << 1 | 1;
            entry.timerSeq(stamp);
            heapPush(entry, deadline, stamp, fifoFirst + fifoSize);
        }
    }

    /**
     * Whether a deadline not before the FIFO's last one can be appended: it fits the tail
     * segment's offsets, or the tail holds an eighth of a segment and a new one may start at it.
     * A deadline far past a short tail goes to the heap instead (timers armed seconds apart, a
     * few per second), so that they cannot each hold a segment: a closed segment is at least an
     * eighth full, 64 bytes per timer at worst, 8 in the common case.
     */
    private boolean fifoFits(long deadline) {
        return tailPos == 0 || tailPos >= MIN_CLOSED || inOffsetRange(deadline - tail.base);
    }

    /** Records a segment holds before a deadline beyond its offsets may close it. */
    private static final int MIN_CLOSED = SEGMENT / 8;

    /** Whether {@code offset} fits an unsigned int. */
    private static boolean inOffsetRange(long offset) {
        return (offset >>> 32) == 0;
    }

    /** The deadline of the FIFO's head record (not empty). */
    private long fifoHeadDeadline() {
        return head.base + Integer.toUnsignedLong(head.offset[headPos]);
    }

    /** Disarms {@code entry}; does nothing if it is not armed. */
    public void remove(TimerEntry entry) {
        if (entry.timerSeq() == -1) {
            return;
        }
        entry.timerSeq(-1);
        live--;
        stale++;
        if (stale > 1024 && stale > live) {
            renumber();
        }
    }

    /** The earliest deadline of a live timer; only valid when not empty. */
    public long nextDeadline() {
        dropStaleHeads();
        boolean fromFifo = heapSize == 0 || (fifoSize > 0 && fifoHeadFirst());
        return fromFifo ? fifoHeadDeadline() : heapDeadline[0];
    }

    /** Removes and returns the earliest live entry whose deadline is at or before {@code now}. */
    public TimerEntry pollDue(long now) {
        while (heapSize + fifoSize > 0) {
            boolean fromFifo = heapSize == 0 || (fifoSize > 0 && fifoHeadFirst());
            long deadline = fromFifo ? fifoHeadDeadline() : heapDeadline[0];
            if (deadline - now > 0) {
                return null;
            }
            int stamp;
            TimerEntry e;
            if (fromFifo) {
                stamp = fifoFirst << 1;
                e = fifoPop();
            } else {
                stamp = heapStamp[0];
                e = heapPop();
            }
            if (e.timerSeq() != stamp) {
                stale--; // cancelled while armed
                continue;
            }
            e.timerSeq(-1);
            live--;
            return e;
        }
        return null;
    }

    /** Whether the FIFO head comes before the heap root (both present). */
    private boolean fifoHeadFirst() {
        long d = fifoHeadDeadline() - heapDeadline[0];
        return d < 0 || (d == 0 && fifoFirst < heapMark[0]);
    }

    private void dropStaleHeads() {
        while (fifoSize > 0 && head.entry[headPos].timerSeq() != fifoFirst << 1) {
            fifoPop();
            stale--;
        }
        while (heapSize > 0 && heapEntry[0].timerSeq() != heapStamp[0]) {
            heapPop();
            stale--;
        }
    }

    /** Appends a record; the caller made sure it may go there (an empty FIFO, or {@link #fifoFits}). */
    private void fifoPush(TimerEntry e, long deadline) {
        if (tail == null) {
            head = tail = newSegment();
            headPos = tailPos = 0;
        } else if (tailPos == SEGMENT || (tailPos > 0 && !inOffsetRange(deadline - tail.base))) {
            tail.end = tailPos;
            Segment s = newSegment();
            tail.next = s;
            tail = s;
            tailPos = 0;
        }
        if (tailPos == 0) {
            tail.base = deadline;
        }
        tail.offset[tailPos] = (int) (deadline - tail.base);
        tail.entry[tailPos] = e;
        tailPos++;
        fifoSize++;
        fifoLastDeadline = deadline;
    }

    private Segment newSegment() {
        Segment s = spare;
        if (s == null) {
            return new Segment();
        }
        spare = null;
        return s;
    }

    private TimerEntry fifoPop() {
        TimerEntry e = head.entry[headPos];
        head.entry[headPos] = null;
        headPos++;
        fifoFirst++;
        if (--fifoSize == 0) {
            headPos = tailPos = 0; // head == tail: start the one segment over
        } else if (head != tail && headPos == head.end) {
            Segment drained = head;
            head = drained.next;
            drained.next = null;
            spare = drained;
            headPos = 0;
        }
        return e;
    }

    private void heapPush(TimerEntry e, long deadline, int stamp, int mark) {
        if (heapSize == heapEntry.length) {
            int capacity = heapSize * 2;
            heapDeadline = Arrays.copyOf(heapDeadline, capacity);
            heapStamp = Arrays.copyOf(heapStamp, capacity);
            heapMark = Arrays.copyOf(heapMark, capacity);
            heapEntry = Arrays.copyOf(heapEntry, capacity);
        }
        int i = heapSize++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            long d = deadline - heapDeadline[parent];
            if (d > 0 || (d == 0 && stamp > heapStamp[parent])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        put(i, deadline, stamp, mark, e);
    }

    private TimerEntry heapPop() {
        TimerEntry first = heapEntry[0];
        int last = --heapSize;
        TimerEntry e = heapEntry[last];
        heapEntry[last] = null;
        if (last > 0) {
            siftDown(0, heapDeadline[last], heapStamp[last], heapMark[last], e);
        }
        return first;
    }

    private void siftDown(int i, long deadline, int stamp, int mark, TimerEntry e) {
        int half = heapSize >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < heapSize && before(right, child)) {
                child = right;
            }
            long d = deadline - heapDeadline[child];
            if (d < 0 || (d == 0 && stamp < heapStamp[child])) {
                break;
            }
            move(child, i);
            i = child;
        }
        put(i, deadline, stamp, mark, e);
    }

    /** Heap order: deadline, then arming order (heap stamps grow with it). */
    private boolean before(int a, int b) {
        long d = heapDeadline[a] - heapDeadline[b];
        return d < 0 || (d == 0 && heapStamp[a] < heapStamp[b]);
    }

    private void move(int from, int to) {
        put(to, heapDeadline[from], heapStamp[from], heapMark[from], heapEntry[from]);
    }

    private void put(int i, long deadline, int stamp, int mark, TimerEntry e) {
        heapDeadline[i] = deadline;
        heapStamp[i] = stamp;
        heapMark[i] = mark;
        heapEntry[i] = e;
    }

    /**
     * Drops every stale record and numbers the live ones 0, 1, ... in the order they fire, in
     * the FIFO (in firing order, so their deadlines never go backwards; a deadline too far past
     * a short tail segment goes to the heap, as in {@link #add}); numbering goes on
     * after them. The FIFO's live records are in order already and the heap's are sorted, then
     * the two are merged: O(f + h log h). Runs when a counter reaches {@link #NUMBERS} and as the
     * sweep of stale records (amortized over the removals that made them).
     */
    private void renumber() {
        // the FIFO's live records, in order, with their indices
        long[] fd = new long[fifoSize];
        int[] fi = new int[fifoSize];
        TimerEntry[] fx = new TimerEntry[fifoSize];
        int f = 0;
        Segment s = head;
        int pos = headPos;
        for (int i = 0; i < fifoSize; i++) {
            if (s != tail && pos == s.end) {
                s = s.next;
                pos = 0;
            }
            TimerEntry e = s.entry[pos];
            int index = fifoFirst + i;
            if (e.timerSeq() == index << 1) {
                fd[f] = s.base + Integer.toUnsignedLong(s.offset[pos]);
                fi[f] = index;
                fx[f++] = e;
            }
            pos++;
        }
        // the heap's live records, sorted by deadline, then arming order
        Integer[] order = new Integer[heapSize];
        int h = 0;
        for (int i = 0; i < heapSize; i++) {
            if (heapEntry[i].timerSeq() == heapStamp[i]) {
                order[h++] = i;
            }
        }
        Arrays.sort(order, 0, h, (a, b) -> before(a, b) ? -1 : before(b, a) ? 1 : 0);
        long[] hd = new long[h];
        int[] hm = new int[h];
        TimerEntry[] hx = new TimerEntry[h];
        for (int i = 0; i < h; i++) {
            hd[i] = heapDeadline[order[i]];
            hm[i] = heapMark[order[i]];
            hx[i] = heapEntry[order[i]];
        }
        // start over, empty, then push the merge
        Arrays.fill(heapEntry, 0, heapSize, null);
        heapSize = 0;
        heapNext = 0;
        head = tail = null;
        fifoSize = 0;
        fifoFirst = 0;
        stale = 0;
        int a = 0;
        int b = 0;
        while (a < f || b < h) {
            boolean fromFifo = b == h || (a < f && (fd[a] - hd[b] < 0 || (fd[a] == hd[b] && fi[a] < hm[b])));
            TimerEntry e = fromFifo ? fx[a] : hx[b];
            long deadline = fromFifo ? fd[a++] : hd[b++];
            place(e, deadline); // in firing order: the FIFO, unless a deadline is far past a short tail
        }
    }
}
