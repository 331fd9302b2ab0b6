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

    /** Sets the next sequence number as if that many timers had been armed before. */
    private static void skipTo(TimerHeap h, int next) throws ReflectiveOperationException {
        java.lang.reflect.Field f = TimerHeap.class.getDeclaredField("nextSequence");
        f.setAccessible(true);
        f.setInt(h, next);
    }

    @Test
    void aTimerArmedBeforeTheWrapAndCancelledAfterItNeverFiresAtItsOldDeadline() throws Exception {
        TimerHeap h = new TimerHeap(); // numbering starts at 0
        Entry a = new Entry(1);
        h.add(a, 1000);  // seq 0, still armed when the numbering starts over
        skipTo(h, -2);   // 2^32 - 2 timers later (all fired)
        Entry b = new Entry(2);
        h.add(b, 10);    // the last number: the numbering starts over
        h.remove(a);     // a's record stays behind, stale
        h.add(a, 5000);  // re-armed: it must not draw the stale record's number
        assertSame(b, h.pollDue(10));
        assertNull(h.pollDue(1000), "a fired at the deadline it was cancelled for");
        assertEquals(1, h.size());
        assertSame(a, h.pollDue(5000));
        assertTrue(h.isEmpty());
        assertNull(h.pollDue(Long.MAX_VALUE));
    }

    @Test
    void startingOverKeepsTheFiringOrderOfTheLiveTimers() throws Exception {
        TimerHeap h = new TimerHeap();
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            entries.add(new Entry(i));
        }
        // deadlines 30, 20, 30, 20...: half in the FIFO, half in the heap; some cancelled
        for (int i = 0; i < 40; i++) {
            h.add(entries.get(i), i % 2 == 0 ? 30 : 20);
        }
        for (int i = 0; i < 40; i += 5) {
            h.remove(entries.get(i));
        }
        skipTo(h, -2);
        Entry last = new Entry(99);
        h.add(last, 20); // starts the numbering over; fires after the other 20s
        Entry next = new Entry(100);
        h.add(next, 25);
        List<Integer> fired = new ArrayList<>();
        TimerEntry e;
        while ((e = h.pollDue(100)) != null) {
            fired.add(((Entry) e).id);
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 1; i < 40; i += 2) {
            if (i % 5 != 0) {
                expected.add(i);
            }
        }
        expected.add(99);
        expected.add(100);
        for (int i = 0; i < 40; i += 2) {
            if (i % 5 != 0) {
                expected.add(i);
            }
        }
        assertEquals(expected, fired);
        assertEquals(0, h.footprint());
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
