package io.github.jawait.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimerHeapTest {

    static final class Entry implements TimerEntry {
        final int id;
        int seq = -1;
        long deadline;
        long armedOrder;

        Entry(int id) {
            this.id = id;
        }

        @Override
        public int timerSeq() {
            return seq;
        }

        @Override
        public void timerSeq(int s) {
            seq = s;
        }

        @Override
        public void onTimer() {
        }

        @Override
        public String toString() {
            return "e" + id + "@" + deadline;
        }
    }

    @Test
    void equalDeadlinesFireInArmingOrderAndEarlierDeadlinesFirst() {
        TimerHeap h = new TimerHeap();
        Entry a = new Entry(1);
        Entry b = new Entry(2);
        Entry c = new Entry(3);
        Entry d = new Entry(4);
        h.add(a, 10);
        h.add(b, 10);
        h.add(c, 5); // goes backwards: into the heap
        h.add(d, 10);
        assertEquals(5, h.nextDeadline());
        assertNull(h.pollDue(4));
        assertSame(c, h.pollDue(10));
        assertSame(a, h.pollDue(10));
        assertSame(b, h.pollDue(10));
        assertSame(d, h.pollDue(10));
        assertNull(h.pollDue(Long.MAX_VALUE));
        assertTrue(h.isEmpty());
    }

    @Test
    void armingTwiceIsRefused() {
        TimerHeap h = new TimerHeap();
        Entry a = new Entry(1);
        h.add(a, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> h.add(a, 2));
        assertEquals("timer is already armed: e1@0", e.getMessage());
    }

    @Test
    void randomOperationsMatchASortedReference() {
        randomOperationsMatchASortedReference(new TimerHeap());
    }

    @Test
    void sequenceNumbersCrossingIntMaxStillOrderEqualDeadlinesByArming() {
        randomOperationsMatchASortedReference(new TimerHeap(Integer.MAX_VALUE - 50_000));
    }

    @Test
    void sequenceNumbersStartingOverLeaveNoStaleRecordThatCouldMatch() {
        randomOperationsMatchASortedReference(new TimerHeap(-50_000));
    }

    @Test
    void aStaleRecordIsSweptWhenTheNumberingStartsOver() {
        TimerHeap h = new TimerHeap(-3);
        Entry a = new Entry(1);
        h.add(a, 100); // seq -3
        h.remove(a);   // a stale record with seq -3 stays (lazy cancellation)
        Entry b = new Entry(2);
        h.add(b, 50);  // seq -2; the numbering starts over at 0: the stale record is swept
        assertEquals(1, h.footprint());
        h.add(a, 200); // seq 0
        assertSame(b, h.pollDue(1000));
        assertSame(a, h.pollDue(1000));
        assertNull(h.pollDue(Long.MAX_VALUE));
    }

    private static void randomOperationsMatchASortedReference(TimerHeap h) {
        SplittableRandom r = new SplittableRandom(7);
        List<Entry> armed = new ArrayList<>();
        Entry[] pool = new Entry[500];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new Entry(i);
        }
        long now = 0;
        long order = 0;
        for (int step = 0; step < 200_000; step++) {
            int op = r.nextInt(10);
            if (op < 5) {
                Entry e = pool[r.nextInt(pool.length)];
                if (e.seq == -1) {
                    e.deadline = now + (r.nextBoolean() ? 100 : r.nextInt(200)); // many equal, some not
                    e.armedOrder = order++;
                    h.add(e, e.deadline);
                    armed.add(e);
                }
            } else if (op < 7) {
                if (!armed.isEmpty()) {
                    Entry e = armed.remove(r.nextInt(armed.size()));
                    h.remove(e);
                }
            } else {
                now += r.nextInt(30);
                armed.sort(Comparator.comparingLong((Entry e) -> e.deadline).thenComparingLong(e -> e.armedOrder));
                while (!armed.isEmpty() && armed.get(0).deadline <= now) {
                    Entry expected = armed.remove(0);
                    assertSame(expected, h.pollDue(now), "step " + step);
                }
                assertNull(h.pollDue(now));
            }
            assertEquals(armed.size(), h.size());
        }
    }

    @Test
    void aMillionArmedThenCancelledTimersKeepTheFootprintBounded() {
        TimerHeap h = new TimerHeap();
        Entry keep = new Entry(-1);
        h.add(keep, 1_000_000_000L);
        Entry e = new Entry(0);
        for (int i = 0; i < 1_000_000; i++) {
            h.add(e, 1000 + i);
            h.remove(e);
        }
        assertEquals(1, h.size());
        assertTrue(h.footprint() < 3000, "records held: " + h.footprint());
        assertSame(keep, h.pollDue(Long.MAX_VALUE));
    }
}
