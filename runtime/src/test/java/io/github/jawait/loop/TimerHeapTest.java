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
    void numbersReachingTheLimitStartOverAndStillOrderEqualDeadlinesByArming() {
        randomOperationsMatchASortedReference(new TimerHeap(TimerHeap.NUMBERS - 50_000));
    }

    @Test
    void numbersStartingOverRightAwayLeaveNoStaleRecordThatCouldMatch() {
        randomOperationsMatchASortedReference(new TimerHeap(TimerHeap.NUMBERS - 3));
    }

    @Test
    void aFifoRecordCarriesNoNumberItsStampIsItsIndex() {
        TimerHeap h = new TimerHeap(); // numbering starts at 0
        Entry a = new Entry(1);
        Entry b = new Entry(2);
        Entry c = new Entry(3);
        h.add(a, 10);
        h.add(b, 5);  // backwards: the heap, with heap number 0 (odd stamps)
        h.add(c, 10);
        assertEquals(0, a.seq);     // FIFO index 0
        assertEquals(1, b.seq);     // heap number 0: 0 << 1 | 1
        assertEquals(2, c.seq);     // FIFO index 1
    }

    @Test
    void aStaleRecordIsSweptWhenTheNumberingStartsOver() {
        TimerHeap h = new TimerHeap(TimerHeap.NUMBERS - 2);
        Entry a = new Entry(1);
        h.add(a, 100); // FIFO index NUMBERS - 2
        h.remove(a);   // its record stays, stale (lazy cancellation)
        Entry b = new Entry(2);
        h.add(b, 150); // FIFO index NUMBERS - 1, the last one
        Entry c = new Entry(3);
        h.add(c, 200); // the numbering starts over: the stale record is dropped
        assertEquals(2, h.footprint());
        assertEquals(0, b.seq);
        assertEquals(2, c.seq);
        h.add(a, 300);
        assertSame(b, h.pollDue(1000));
        assertSame(c, h.pollDue(1000));
        assertSame(a, h.pollDue(1000));
        assertNull(h.pollDue(Long.MAX_VALUE));
    }

    @Test
    void aTimerArmedBeforeTheNumberingStartsOverAndCancelledAfterItNeverFiresAtItsOldDeadline() {
        TimerHeap h = new TimerHeap(TimerHeap.NUMBERS - 1);
        Entry a = new Entry(1);
        h.add(a, 1000);  // the last FIFO index, still armed when the numbering starts over
        Entry b = new Entry(2);
        h.add(b, 10);    // the heap's last number
        Entry c = new Entry(3);
        h.add(c, 2000);  // no FIFO index left: the numbering starts over (b 0, a 1), then c 2
        h.remove(a);     // a's record stays behind, stale
        h.add(a, 5000);  // re-armed: it must not match the stale record
        assertSame(b, h.pollDue(10));
        assertNull(h.pollDue(1000), "a fired at the deadline it was cancelled for");
        assertEquals(2, h.size());
        assertSame(c, h.pollDue(2000));
        assertSame(a, h.pollDue(5000));
        assertTrue(h.isEmpty());
        assertNull(h.pollDue(Long.MAX_VALUE));
    }

    @Test
    void startingOverKeepsTheFiringOrderOfTheLiveTimers() {
        // 20 FIFO indices and 20 heap numbers before the limit, then one more heap number
        TimerHeap h = new TimerHeap(TimerHeap.NUMBERS - 21);
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
        Entry last = new Entry(99);
        h.add(last, 20); // the heap's last number; fires after the other 20s
        Entry next = new Entry(100);
        h.add(next, 25); // starts the numbering over first
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

    @Test
    void theFifoGrowsBySegmentsAcrossManyAndKeepsItsOrder() {
        TimerHeap h = new TimerHeap();
        Entry[] es = new Entry[5000];
        for (int i = 0; i < es.length; i++) {
            es[i] = new Entry(i);
            h.add(es[i], 100 + i / 7); // equal deadlines in runs of 7, across several segments
        }
        for (int i = 0; i < es.length; i += 3) {
            h.remove(es[i]);
        }
        for (int i = 0; i < es.length; i++) {
            if (i % 3 != 0) {
                assertSame(es[i], h.pollDue(Long.MAX_VALUE));
            }
        }
        assertNull(h.pollDue(Long.MAX_VALUE));
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
    void anEmptiedFifoTakesAnEarlierDeadlineThanItsSegmentsBase() {
        // the emptied segment goes on (it is not started over); a deadline before its base must
        // not become a negative offset there
        TimerHeap h = new TimerHeap();
        Entry late = new Entry(1);
        h.add(late, 1_000);
        assertSame(late, h.pollDue(1_000));
        assertTrue(h.isEmpty());
        Entry early = new Entry(2);
        Entry after = new Entry(3);
        h.add(early, 500); // before the base 1,000 of the segment that held `late`
        h.add(after, 700);
        assertEquals(500, h.nextDeadline());
        assertNull(h.pollDue(499));
        assertSame(early, h.pollDue(500));
        assertSame(after, h.pollDue(700));
        Entry far = new Entry(4);
        h.add(far, 700 + (1L << 33)); // emptied again, then a deadline past the offsets' range
        assertEquals(700 + (1L << 33), h.nextDeadline());
        assertSame(far, h.pollDue(Long.MAX_VALUE));
        assertEquals(0, h.footprint());
    }

    @Test
    void aFifoEmptiedAtTheEndOfAFullSegmentStartsTheNextOne() {
        TimerHeap h = new TimerHeap();
        long now = 0;
        for (int round = 0; round < 3; round++) { // each round fills exactly one segment and drains it
            Entry[] es = new Entry[1024];
            for (int i = 0; i < es.length; i++) {
                es[i] = new Entry(round * 1024 + i);
                h.add(es[i], now + i);
            }
            for (int i = 0; i < es.length; i++) {
                assertEquals(now + i, h.nextDeadline(), "round " + round + ", record " + i);
                assertSame(es[i], h.pollDue(now + i));
            }
            assertTrue(h.isEmpty());
            now += 2_000;
        }
        // and a steady sleep loop: one timer at a time, far more of them than a segment holds
        for (int i = 0; i < 5_000; i++) {
            Entry e = new Entry(i);
            h.add(e, now + 10);
            assertNull(h.pollDue(now + 9));
            assertSame(e, h.pollDue(now + 10), "timer " + i);
            now += 10;
        }
        assertEquals(0, h.footprint());
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

    @Test
    void deadlinesSecondsApartMatchASortedReferenceAndHoldNoSegmentEach() {
        // offsets are ints from a segment's first deadline (2.1 s of nanoseconds): timers armed
        // seconds apart, in order, must neither fire out of order nor take a segment each
        SplittableRandom r = new SplittableRandom(11);
        TimerHeap h = new TimerHeap();
        List<Entry> armed = new ArrayList<>();
        long base = Long.MAX_VALUE - 50_000_000_000L; // the clock wraps around during the test
        long order = 0;
        long last = base;
        for (int i = 0; i < 20_000; i++) {
            Entry e = new Entry(i);
            // mostly forwards, by up to 6 s (often more than an int of nanoseconds), sometimes back
            long step = r.nextInt(10) < 8 ? r.nextLong(6_000_000_000L) : -r.nextLong(3_000_000_000L);
            last += step;
            e.deadline = last;
            e.armedOrder = order++;
            h.add(e, e.deadline);
            armed.add(e);
            if (i % 7 == 0) {
                h.remove(armed.remove(r.nextInt(armed.size())));
            }
        }
        assertEquals(armed.size(), h.size());
        // wrap-around order: by the deadline relative to base, then arming order
        armed.sort(Comparator.comparingLong((Entry e) -> e.deadline - base).thenComparingLong(e -> e.armedOrder));
        for (Entry expected : armed) {
            assertSame(expected, h.pollDue(expected.deadline), "id " + expected.id);
        }
        assertTrue(h.isEmpty());
        assertNull(h.pollDue(last + 1));
    }

    @Test
    void equalDelaysArmedOverManySecondsStayInTheFifoSegmentBySegment() {
        // a server's timeouts: one every 10 ms for 100 s, deadlines 30 s ahead (offsets overflow
        // an unsigned int 4.29 s past a segment's base: segments close early, none per timer)
        TimerHeap h = new TimerHeap();
        Entry[] es = new Entry[10_000];
        for (int i = 0; i < es.length; i++) {
            es[i] = new Entry(i);
            h.add(es[i], i * 10_000_000L + 30_000_000_000L);
            assertEquals(0, es[i].seq & 1, "timer " + i + " went to the heap, not the FIFO");
        }
        for (Entry e : es) {
            assertSame(e, h.pollDue(Long.MAX_VALUE));
        }
        assertNull(h.pollDue(Long.MAX_VALUE));
    }

    @Test
    void timersSecondsApartGoToTheHeapRatherThanASegmentEach() {
        TimerHeap h = new TimerHeap();
        Entry[] es = new Entry[100];
        for (int i = 0; i < es.length; i++) {
            es[i] = new Entry(i);
            h.add(es[i], i * 5_000_000_000L); // 5 s apart: never two in one segment's range
        }
        assertEquals(0, es[0].seq & 1, "the first one starts the FIFO");
        for (int i = 1; i < es.length; i++) {
            assertEquals(1, es[i].seq & 1, "timer " + i + " took a FIFO segment of its own");
        }
        for (Entry e : es) {
            assertSame(e, h.pollDue(Long.MAX_VALUE));
        }
        assertNull(h.pollDue(Long.MAX_VALUE));
    }

    @Test
    void startingOverWalksSegmentsClosedEarly() {
        // 10 ms apart: segments close at ~430 records (offsets overflow), and the numbering
        // starts over after 2,000 FIFO indices, walking those segments
        TimerHeap h = new TimerHeap(TimerHeap.NUMBERS - 2_000);
        List<Entry> armed = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            Entry e = new Entry(i);
            h.add(e, i * 10_000_000L);
            if (i % 3 == 0) {
                h.remove(e);
            } else {
                armed.add(e);
            }
        }
        assertEquals(armed.size(), h.size());
        for (Entry e : armed) {
            assertSame(e, h.pollDue(Long.MAX_VALUE), "id " + e.id);
        }
        assertNull(h.pollDue(Long.MAX_VALUE));
        assertEquals(0, h.footprint());
    }
}
