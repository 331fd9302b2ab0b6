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
