package io.github.jawait.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReadyQueueTest {

    /** A distinguishable callback. */
    private record Item(int n) implements Runnable {
        @Override
        public void run() {
        }
    }

    @Test
    void emptyQueuePollsNull() {
        ReadyQueue q = new ReadyQueue();
        assertTrue(q.isEmpty());
        assertEquals(0, q.size());
        assertNull(q.poll());
    }

    @Test
    void fifoAcrossManySegments() {
        ReadyQueue q = new ReadyQueue();
        int n = ReadyQueue.SEGMENT * 5 + 17; // a burst: six segments, the last one partly filled
        Item[] items = new Item[n];
        for (int i = 0; i < n; i++) {
            items[i] = new Item(i);
            q.add(items[i]);
        }
        assertEquals(n, q.size());
        assertEquals(6, q.segments());
        for (int i = 0; i < n; i++) {
            assertSame(items[i], q.poll(), "item " + i);
            assertEquals(n - i - 1, q.size());
        }
        assertNull(q.poll());
        assertEquals(1, q.segments(), "a drained burst leaves one segment in use");
    }

    @Test
    void exactlyFullSegmentDrainsAndRefills() {
        ReadyQueue q = new ReadyQueue();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < ReadyQueue.SEGMENT; i++) {
                q.add(new Item(round * ReadyQueue.SEGMENT + i));
            }
            assertEquals(1, q.segments(), "round " + round);
            for (int i = 0; i < ReadyQueue.SEGMENT; i++) {
                assertEquals(round * ReadyQueue.SEGMENT + i, ((Item) q.poll()).n());
            }
            assertTrue(q.isEmpty());
        }
    }

    @Test
    void aQueueThatEmptiesStartsItsSegmentOverThenTakesAFreshOne() {
        ReadyQueue q = new ReadyQueue();
        Object first = q.headSegment();
        int n = 0;
        // a steady stream: one callback at a time, the queue empty after each
        while (n < ReadyQueue.RECYCLE_LIMIT - 1) {
            q.add(new Item(n));
            assertEquals(n, ((Item) q.poll()).n());
            n++;
        }
        assertSame(first, q.headSegment(), "started over, no allocation, up to the limit");
        q.add(new Item(n));
        assertEquals(n, ((Item) q.poll()).n());
        Object second = q.headSegment();
        assertTrue(second != first, "past the limit the queue takes a fresh (young) segment");
        q.add(new Item(-1));
        assertEquals(-1, ((Item) q.poll()).n());
        assertSame(second, q.headSegment());
        assertEquals(1, q.segments());
    }

    @Test
    void startedItemIsRunningUntilFinished() {
        ReadyQueue q = new ReadyQueue();
        Item a = new Item(1);
        Item b = new Item(2);
        q.add(a);
        q.add(b);
        assertNull(q.running());
        assertSame(a, q.start());
        assertEquals(1, q.size(), "a started item has left the queue");
        assertSame(a, q.running());
        Item c = new Item(3);
        q.add(c); // what the running item schedules goes behind the others
        assertSame(a, q.running());
        q.finish();
        assertNull(q.running());
        q.finish(); // once more: nothing to clear
        assertNull(q.running());
        assertSame(b, q.poll(), "poll starts and finishes at once");
        assertNull(q.running());
        assertSame(c, q.start());
        assertSame(c, q.running());
        q.finish();
        assertNull(q.start(), "empty");
        assertNull(q.running());
    }

    @Test
    void runningItemSurvivesTheSegmentBoundary() {
        // the last slot of a segment runs while its step fills the next segment
        ReadyQueue q = new ReadyQueue();
        for (int i = 0; i < ReadyQueue.SEGMENT; i++) {
            q.add(new Item(i));
        }
        for (int i = 0; i < ReadyQueue.SEGMENT - 1; i++) {
            q.poll();
        }
        Runnable last = q.start();
        assertEquals(ReadyQueue.SEGMENT - 1, ((Item) last).n());
        for (int i = 0; i < 3; i++) {
            q.add(new Item(ReadyQueue.SEGMENT + i));
        }
        assertSame(last, q.running());
        q.finish();
        assertNull(q.running());
        assertEquals(ReadyQueue.SEGMENT, ((Item) q.poll()).n());
        assertEquals(1, q.segments(), "the drained segment was dropped");
    }

    @Test
    void steadyStreamWrapsThroughSegmentBoundaries() {
        // the queue never empties: the head crosses segment boundaries while the tail adds
        ReadyQueue q = new ReadyQueue();
        int next = 0;
        int expected = 0;
        for (int i = 0; i < 10; i++) {
            q.add(new Item(next++));
        }
        for (int step = 0; step < ReadyQueue.SEGMENT * 4; step++) {
            q.add(new Item(next++));
            assertEquals(expected++, ((Item) q.poll()).n());
            assertEquals(10, q.size());
        }
        assertTrue(q.segments() <= 2, "a steady queue of 10 keeps at most two segments, has " + q.segments());
        while (!q.isEmpty()) {
            assertEquals(expected++, ((Item) q.poll()).n());
        }
        assertEquals(next, expected);
    }

    @Test
    void randomAddsAndPollsMatchADeque() {
        SplittableRandom rnd = new SplittableRandom(17);
        ReadyQueue q = new ReadyQueue();
        ArrayDeque<Item> model = new ArrayDeque<>();
        int next = 0;
        for (int step = 0; step < 200_000; step++) {
            // phases of growth and of draining, so the queue goes empty and bursts again
            boolean growing = (step / 5_000) % 2 == 0;
            if (rnd.nextInt(100) < (growing ? 70 : 30)) {
                Item it = new Item(next++);
                q.add(it);
                model.add(it);
            } else {
                assertSame(model.poll(), q.poll(), "step " + step);
            }
            assertEquals(model.size(), q.size());
        }
        while (!model.isEmpty()) {
            assertSame(model.poll(), q.poll());
        }
        assertNull(q.poll());
    }
}
