package io.github.jawait.tests.sync;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.sync.LifoQueue;
import io.github.jawait.tests.TestLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * asyncio.LifoQueue with a blocked put; its order (CPython's {@code LifoQueueTests.test_order})
 * runs in {@code conformance/QueuesConformanceTest}.
 */
class LifoQueueTest {

    @Async
    Coroutine<List<Integer>> bounded() {
        LifoQueue<Integer> q = new LifoQueue<>(2);
        q.putNowait(1);
        q.putNowait(2);
        Task<Void> blocked = createTask(q.put(3));
        await(sleep(0));
        List<Integer> items = new ArrayList<>();
        items.add(await(q.get())); // 2; then 3 moves in on top
        await(blocked);
        items.add(q.getNowait());
        items.add(q.getNowait());
        q.putNowait(null);
        items.add(q.getNowait());
        return result(items);
    }

    @Test
    void aBlockedPutLandsOnTopOnceThereIsRoom() {
        assertEquals(java.util.Arrays.asList(2, 3, 1, null), TestLoop.run(bounded()));
    }
}
