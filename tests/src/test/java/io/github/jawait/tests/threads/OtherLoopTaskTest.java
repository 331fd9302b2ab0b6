package io.github.jawait.tests.threads;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.Task;
import io.github.jawait.tests.TestLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * A task belongs to the loop that created it: awaiting it from a task of another thread's
 * loop fails at the await with a clear message, as gather does, instead of parking forever
 * (issue 14, bug 8).
 */
class OtherLoopTaskTest {
    final CompletableFuture<String> gate = new CompletableFuture<>();
    final CompletableFuture<Task<String>> otherTask = new CompletableFuture<>();

    @Async
    Coroutine<String> waitForGate() {
        return result("other loop: " + await(gate));
    }

    @Async
    Coroutine<String> runOtherLoop() {
        Task<String> t = createTask(waitForGate());
        otherTask.complete(t);
        return result(await(t));
    }

    @Async
    Coroutine<String> awaitForeign(Task<String> foreign) {
        String direct;
        try {
            direct = await(foreign);
        } catch (IllegalArgumentException e) {
            direct = e.getMessage();
        }
        String gathered;
        try {
            gathered = String.valueOf(await(gather(foreign)));
        } catch (IllegalArgumentException e) {
            gathered = e.getMessage();
        }
        return result(direct + " | " + gathered);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
    void awaitingATaskOfAnotherLoopFailsAtTheAwait() throws Exception {
        CompletableFuture<String> otherResult = new CompletableFuture<>();
        Thread other = new Thread(() -> {
            try (EventLoop loop = new EventLoop()) {
                otherResult.complete(loop.runUntilComplete(runOtherLoop()));
            } catch (Throwable t) {
                otherResult.completeExceptionally(t);
            }
        }, "other-loop");
        other.start();
        Task<String> foreign = otherTask.get(10, TimeUnit.SECONDS);
        String r = TestLoop.run(awaitForeign(foreign));
        assertFalse(foreign.done());
        // the foreign task's description changes on its own thread as it starts: match around it
        String[] parts = r.split(" \\| ");
        assertEquals(2, parts.length, r);
        assertTrue(parts[0].startsWith("cannot await <Task " + foreign.getName() + " pending"), r);
        assertTrue(parts[0].endsWith(">: it belongs to the event loop of thread 'other-loop';"
                + " a task can only be awaited on its own loop"), r);
        assertTrue(parts[1].startsWith("<Task " + foreign.getName() + " pending"), r);
        assertTrue(parts[1].endsWith("> belongs to another event loop"), r);
        gate.complete("done");
        assertEquals("other loop: done", otherResult.get(10, TimeUnit.SECONDS));
        other.join();
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
    void loopTimeFromAnotherThreadIsRefused() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            CompletableFuture<Throwable> failure = new CompletableFuture<>();
            Thread other = new Thread(() -> {
                try {
                    loop.time();
                    failure.complete(null);
                } catch (Throwable t) {
                    failure.complete(t);
                }
            }, "not-the-loop");
            other.start();
            Throwable t = failure.get(10, TimeUnit.SECONDS);
            other.join();
            assertEquals(IllegalStateException.class, t.getClass());
            assertTrue(t.getMessage().startsWith("EventLoop.time() called from thread 'not-the-loop', but this"
                    + " event loop belongs to thread '"), t.getMessage());
            assertTrue(loop.time() >= 0);
        }
    }
}
