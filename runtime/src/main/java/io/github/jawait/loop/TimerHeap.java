package io.github.jawait.loop;

import java.util.Arrays;

/**
 * The loop's timers, ordered by deadline, then by arming order (FIFO for equal deadlines, as
 * asyncio). Two structures share the work:
 * <ul>
 * <li>a FIFO ring for deadlines that do not go backwards — the common case: a million tasks
 *     sleeping the same time arm their timers in deadline order — O(1) to add and to pop;</li>
 * <li>a binary min-heap for the others, O(log n).</li>
 * </ul>
 * Deadlines and sequence numbers live in primitive arrays beside the entries; sifting never
 * touches an entry object. Cancelling is lazy and O(1): the entry's stamp is cleared and the
 * stale record is skipped when it surfaces; when stale records outnumber live ones they are
 * swept out, so a million armed-then-cancelled timeouts cannot make the structure grow.
 *
 * <p>Sequence numbers are ints (4 bytes in every task and every record, not 8) and wrap
 * around: they are compared by difference, and when the numbering starts over every stale
 * record is dropped and the live ones are renumbered from 0 in firing order, so a record can
 * never carry a number its entry is re-armed with later (a timer armed before the wrap and
 * cancelled after it would otherwise fire at its old deadline once its entry, re-armed, drew
 * the same number again). (Only timers with equal deadlines armed more than 2^31 arms apart
 * could be fired out of arming order.)
 */
public final class TimerHeap {
    private long[] heapDeadline = new long[16];
    private int[] heapSeq = new int[16];
    private TimerEntry[] heapEntry = new TimerEntry[16];
    private int heapSize;

    private long[] fifoDeadline = new long[16];
    private int[] fifoSeq = new int[16];
    private TimerEntry[] fifoEntry = new TimerEntry[16];
    private int fifoHead;
    private int fifoSize;

    private int nextSequence;
    private int live;
    private int stale;

    public TimerHeap() {
    }

    /** For tests of the wrap-around: the first sequence number to hand out. */
    TimerHeap(int firstSequence) {
        nextSequence = firstSequence;
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
        int seq = nextSequence++;
        if (nextSequence == -1) { // -1 means "not armed": start over, with no stale record left
            renumber();
            seq = nextSequence++;
        }
        entry.timerSeq(seq);
        live++;
        if (fifoSize == 0 || deadline - fifoDeadline[(fifoHead + fifoSize - 1) & (fifoEntry.length - 1)] >= 0) {
            fifoPush(entry, deadline, seq);
        } else {
            heapPush(entry, deadline, seq);
        }
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
            sweep();
        }
    }

    /** The earliest deadline of a live timer; only valid when not empty. */
    public long nextDeadline() {
        dropStaleHeads();
        boolean fromFifo = heapSize == 0 || (fifoSize > 0 && fifoFirst(fifoHead));
        return fromFifo ? fifoDeadline[fifoHead] : heapDeadline[0];
    }

    /** Removes and returns the earliest live entry whose deadline is at or before {@code now}. */
    public TimerEntry pollDue(long now) {
        while (heapSize + fifoSize > 0) {
            boolean fromFifo = heapSize == 0 || (fifoSize > 0 && fifoFirst(fifoHead));
            long deadline = fromFifo ? fifoDeadline[fifoHead] : heapDeadline[0];
            if (deadline - now > 0) {
                return null;
            }
            int seq;
            TimerEntry e;
            if (fromFifo) {
                seq = fifoSeq[fifoHead];
                e = fifoPop();
            } else {
                seq = heapSeq[0];
                e = heapPop();
            }
            if (e.timerSeq() != seq) {
                stale--; // cancelled while armed
                continue;
            }
            e.timerSeq(-1);
            live--;
            return e;
        }
        return null;
    }

    /** Whether the FIFO head comes before the heap root. */
    private boolean fifoFirst(int head) {
        long d = fifoDeadline[head] - heapDeadline[0];
        return d < 0 || (d == 0 && fifoSeq[head] - heapSeq[0] < 0);
    }

    private void dropStaleHeads() {
        while (fifoSize > 0 && fifoEntry[fifoHead].timerSeq() != fifoSeq[fifoHead]) {
            fifoPop();
            stale--;
        }
        while (heapSize > 0 && heapEntry[0].timerSeq() != heapSeq[0]) {
            heapPop();
            stale--;
        }
    }

    private void fifoPush(TimerEntry e, long deadline, int seq) {
        if (fifoSize == fifoEntry.length) {
            int n = fifoEntry.length;
            long[] d = new long[n * 2];
            int[] s = new int[n * 2];
            TimerEntry[] x = new TimerEntry[n * 2];
            for (int i = 0; i < fifoSize; i++) {
                int from = (fifoHead + i) & (n - 1);
                d[i] = fifoDeadline[from];
                s[i] = fifoSeq[from];
                x[i] = fifoEntry[from];
            }
            fifoDeadline = d;
            fifoSeq = s;
            fifoEntry = x;
            fifoHead = 0;
        }
        int at = (fifoHead + fifoSize) & (fifoEntry.length - 1);
        fifoDeadline[at] = deadline;
        fifoSeq[at] = seq;
        fifoEntry[at] = e;
        fifoSize++;
    }

    private TimerEntry fifoPop() {
        TimerEntry e = fifoEntry[fifoHead];
        fifoEntry[fifoHead] = null;
        fifoHead = (fifoHead + 1) & (fifoEntry.length - 1);
        fifoSize--;
        return e;
    }

    private void heapPush(TimerEntry e, long deadline, int seq) {
        if (heapSize == heapEntry.length) {
            int capacity = heapSize * 2;
            heapDeadline = Arrays.copyOf(heapDeadline, capacity);
            heapSeq = Arrays.copyOf(heapSeq, capacity);
            heapEntry = Arrays.copyOf(heapEntry, capacity);
        }
        int i = heapSize++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            long d = deadline - heapDeadline[parent];
            if (d > 0 || (d == 0 && seq - heapSeq[parent] > 0)) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        heapDeadline[i] = deadline;
        heapSeq[i] = seq;
        heapEntry[i] = e;
    }

    private TimerEntry heapPop() {
        TimerEntry first = heapEntry[0];
        int last = --heapSize;
        long deadline = heapDeadline[last];
        int seq = heapSeq[last];
        TimerEntry e = heapEntry[last];
        heapEntry[last] = null;
        if (last > 0) {
            siftDown(0, deadline, seq, e);
        }
        return first;
    }

    private void siftDown(int i, long deadline, int seq, TimerEntry e) {
        int half = heapSize >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < heapSize && before(right, child)) {
                child = right;
            }
            long d = deadline - heapDeadline[child];
            if (d < 0 || (d == 0 && seq - heapSeq[child] < 0)) {
                break;
            }
            move(child, i);
            i = child;
        }
        heapDeadline[i] = deadline;
        heapSeq[i] = seq;
        heapEntry[i] = e;
    }

    private boolean before(int a, int b) {
        long d = heapDeadline[a] - heapDeadline[b];
        return d < 0 || (d == 0 && heapSeq[a] - heapSeq[b] < 0);
    }

    private void move(int from, int to) {
        heapDeadline[to] = heapDeadline[from];
        heapSeq[to] = heapSeq[from];
        heapEntry[to] = heapEntry[from];
    }

    /**
     * Drops every stale record and numbers the live ones 0, 1, ... in the order they fire,
     * all in the FIFO (sorted, so their deadlines never go backwards); numbering goes on after
     * them. O(n log n), once every 2^32 arms.
     */
    private void renumber() {
        int n = live;
        long[] d = new long[n];
        int[] s = new int[n];
        TimerEntry[] x = new TimerEntry[n];
        int k = 0;
        int mask = fifoEntry.length - 1;
        for (int i = 0; i < fifoSize; i++) {
            int at = (fifoHead + i) & mask;
            if (fifoEntry[at].timerSeq() == fifoSeq[at]) {
                d[k] = fifoDeadline[at];
                s[k] = fifoSeq[at];
                x[k++] = fifoEntry[at];
            }
        }
        for (int i = 0; i < heapSize; i++) {
            if (heapEntry[i].timerSeq() == heapSeq[i]) {
                d[k] = heapDeadline[i];
                s[k] = heapSeq[i];
                x[k++] = heapEntry[i];
            }
        }
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            long dd = d[a] - d[b];
            return dd != 0 ? (dd < 0 ? -1 : 1) : Integer.signum(s[a] - s[b]);
        });
        int capacity = 16;
        while (capacity < k) {
            capacity <<= 1;
        }
        fifoDeadline = new long[capacity];
        fifoSeq = new int[capacity];
        fifoEntry = new TimerEntry[capacity];
        fifoHead = 0;
        for (int i = 0; i < k; i++) {
            int from = order[i];
            fifoDeadline[i] = d[from];
            fifoSeq[i] = i;
            fifoEntry[i] = x[from];
            x[from].timerSeq(i);
        }
        fifoSize = k;
        Arrays.fill(heapEntry, 0, heapSize, null);
        heapSize = 0;
        stale = 0;
        nextSequence = k;
    }

    /** Drops every stale record: FIFO order is kept, the heap is rebuilt in O(n). */
    private void sweep() {
        int kept = 0;
        int mask = fifoEntry.length - 1;
        for (int i = 0; i < fifoSize; i++) {
            int at = (fifoHead + i) & mask;
            if (fifoEntry[at].timerSeq() == fifoSeq[at]) {
                int to = (fifoHead + kept) & mask;
                fifoDeadline[to] = fifoDeadline[at];
                fifoSeq[to] = fifoSeq[at];
                fifoEntry[to] = fifoEntry[at];
                kept++;
            }
        }
        for (int i = kept; i < fifoSize; i++) {
            fifoEntry[(fifoHead + i) & mask] = null;
        }
        fifoSize = kept;
        int n = 0;
        for (int i = 0; i < heapSize; i++) {
            if (heapEntry[i].timerSeq() == heapSeq[i]) {
                heapDeadline[n] = heapDeadline[i];
                heapSeq[n] = heapSeq[i];
                heapEntry[n] = heapEntry[i];
                n++;
            }
        }
        Arrays.fill(heapEntry, n, heapSize, null);
        heapSize = n;
        for (int i = (heapSize >>> 1) - 1; i >= 0; i--) {
            siftDown(i, heapDeadline[i], heapSeq[i], heapEntry[i]);
        }
        stale = 0;
    }
}
