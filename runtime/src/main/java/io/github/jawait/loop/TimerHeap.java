package io.github.jawait.loop;

import java.util.Arrays;

/**
 * A binary min-heap of timers ordered by deadline, then by insertion order (FIFO for equal
 * deadlines, as asyncio). Insert, remove and pop are O(log n); removal of a cancelled timer is
 * immediate, so a million armed-then-cancelled timeouts never pile up. Deadlines live in a
 * primitive array next to the entries, which keeps the sift loops cache friendly.
 */
public final class TimerHeap {
    private long[] deadlines = new long[16];
    private long[] sequence = new long[16];
    private TimerEntry[] entries = new TimerEntry[16];
    private int size;
    private long nextSequence;

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The earliest deadline; only valid when not empty. */
    public long nextDeadline() {
        return deadlines[0];
    }

    /** Schedules {@code entry} (which must not be scheduled already) at {@code deadline}. */
    public void add(TimerEntry entry, long deadline) {
        if (entry.timerIndex() >= 0) {
            throw new IllegalStateException("timer is already scheduled: " + entry);
        }
        if (size == entries.length) {
            int capacity = size * 2;
            deadlines = Arrays.copyOf(deadlines, capacity);
            sequence = Arrays.copyOf(sequence, capacity);
            entries = Arrays.copyOf(entries, capacity);
        }
        int i = size++;
        place(i, entry, deadline, nextSequence++);
        siftUp(i);
    }

    /** Removes a scheduled entry; does nothing if it is not scheduled. */
    public void remove(TimerEntry entry) {
        int i = entry.timerIndex();
        if (i < 0) {
            return;
        }
        if (i >= size || entries[i] != entry) {
            throw new IllegalStateException("timer belongs to another heap: " + entry);
        }
        entry.timerIndex(-1);
        int last = --size;
        if (i != last) {
            place(i, entries[last], deadlines[last], sequence[last]);
            entries[last] = null;
            if (!siftUp(i)) {
                siftDown(i);
            }
        } else {
            entries[last] = null;
        }
    }

    /** Removes and returns the earliest entry if its deadline is at or before {@code now}. */
    public TimerEntry pollDue(long now) {
        if (size == 0 || deadlines[0] - now > 0) {
            return null;
        }
        TimerEntry first = entries[0];
        remove(first);
        return first;
    }

    private void place(int i, TimerEntry e, long deadline, long seq) {
        entries[i] = e;
        deadlines[i] = deadline;
        sequence[i] = seq;
        e.timerIndex(i);
    }

    private boolean less(int a, int b) {
        long d = deadlines[a] - deadlines[b];
        return d < 0 || (d == 0 && sequence[a] < sequence[b]);
    }

    private void swap(int a, int b) {
        TimerEntry ea = entries[a];
        long da = deadlines[a];
        long sa = sequence[a];
        place(a, entries[b], deadlines[b], sequence[b]);
        place(b, ea, da, sa);
    }

    private boolean siftUp(int i) {
        boolean moved = false;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(i, parent)) {
                break;
            }
            swap(i, parent);
            i = parent;
            moved = true;
        }
        return moved;
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int smallest = left;
            int right = left + 1;
            if (right < size && less(right, left)) {
                smallest = right;
            }
            if (!less(smallest, i)) {
                return;
            }
            swap(i, smallest);
            i = smallest;
        }
    }
}
