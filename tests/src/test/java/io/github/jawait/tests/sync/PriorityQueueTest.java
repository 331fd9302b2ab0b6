package io.github.jawait.tests.sync;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.sync.PriorityQueue;
import io.github.jawait.sync.QueueFull;
import io.github.jawait.tests.TestLoop;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * asyncio.PriorityQueue with a comparator, a waiting getter and null items; its order (CPython's
 * {@code PriorityQueueTests.test_order}) runs in {@code conformance/QueuesConformanceTest}.
 */
class PriorityQueueTest {
    record Job(int priority, String name) {
    }

    @Async
    Coroutine<List<String>> byComparator() {
        PriorityQueue<Job> q = new PriorityQueue<>(2, Comparator.comparingInt(Job::priority));
        await(q.put(new Job(5, "later")));
        await(q.put(new Job(1, "first")));
        assertThrows(QueueFull.class, () -> q.putNowait(new Job(0, "no room")));
        Task<Void> blocked = createTask(q.put(new Job(3, "middle")));
        await(sleep(0));
        List<String> names = new ArrayList<>();
        names.add(await(q.get()).name()); // "first"; the blocked put moves in
        await(blocked);
        names.add(await(q.get()).name());
        names.add(await(q.get()).name());
        return result(names);
    }

    @Test
    void aComparatorOrdersTheItemsAndBlockedPutsMoveInByPriority() {
        assertEquals(List.of("first", "middle", "later"), TestLoop.run(byComparator()));
    }

    @Async
    Coroutine<Void> handedToWaitingGetter() {
        PriorityQueue<Integer> q = new PriorityQueue<>();
        Task<Integer> getter = createTask(q.get());
        await(sleep(0));
        q.putNowait(7); // the waiting getter takes the first item, whatever comes next
        q.putNowait(1);
        assertEquals(7, await(getter));
        assertEquals(1, q.getNowait());
        return done();
    }

    @Test
    void aWaitingGetterReceivesTheNextItemPut() {
        TestLoop.run(handedToWaitingGetter());
    }

    @Test
    void nullItemsAreRefused() {
        PriorityQueue<Integer> q = new PriorityQueue<>();
        NullPointerException e = assertThrows(NullPointerException.class, () -> q.putNowait(null));
        assertEquals("PriorityQueue does not accept null items", e.getMessage());
        assertThrows(NullPointerException.class, () -> q.put(null));
        assertEquals(0, q.qsize());
    }
}
