package io.github.jawait.tests.sync;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.sync.BoundedSemaphore;
import io.github.jawait.sync.Permit;
import io.github.jawait.sync.Semaphore;
import io.github.jawait.tests.TestLoop;
import org.junit.jupiter.api.Test;

/**
 * asyncio.BoundedSemaphore with waiters and permits; its refused release runs in
 * {@code conformance/LocksConformanceTest} ({@code SemaphoreTests.test_release_not_acquired}).
 */
class BoundedSemaphoreTest {

    @Async
    Coroutine<Void> bounded() {
        BoundedSemaphore sem = new BoundedSemaphore(2);
        Permit a = await(sem.acquire());
        Permit b = await(sem.acquire());
        assertTrue(sem.locked());
        Task<Permit> waiting = createTask(sem.acquire());
        await(sleep(0));
        assertEquals("<BoundedSemaphore [locked, waiters:1]>", sem.toString());
        a.close(); // handed to the waiter: the count stays 0
        assertEquals(0, sem.value());
        await(waiting);
        b.close();
        waiting.result().close();
        assertEquals(2, sem.value());
        assertFalse(sem.locked());
        IllegalStateException e = assertThrows(IllegalStateException.class, sem::release);
        assertEquals("BoundedSemaphore released too many times", e.getMessage());
        a.close(); // a permit releases once: closing it again does nothing
        assertEquals(2, sem.value());
        return done();
    }

    @Test
    void aBoundedSemaphoreNeverExceedsItsInitialValue() {
        TestLoop.run(bounded());
    }

    @Test
    void anUnboundedSemaphoreMayBeReleasedBeyondItsInitialValue() {
        Semaphore sem = new Semaphore(1);
        sem.release();
        assertEquals(2, sem.value());
    }
}
