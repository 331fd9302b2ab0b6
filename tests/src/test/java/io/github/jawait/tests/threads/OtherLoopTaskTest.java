package io.github.jawait.tests.threads;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.ReturnWhen;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.Task;
import io.github.jawait.tests.TestLoop;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * A task belongs to the loop that created it. A task of another thread's loop may await it
 * (directly or through gather): the outcome crosses into the awaiting loop through its inbox
 * (issue 17; in issue 14, bug 8, this await parked forever, then was refused). Everything else
 * from the wrong thread is still refused, naming the thread the task belongs to.
 */
class OtherLoopTaskTest {
    final CompletableFuture<String> gate = new CompletableFuture<>();
    final CompletableFuture<Task<String>> otherTask = new CompletableFuture<>();

    @Async
    Coroutine<String> waitForGate() {
        return result("other loop: " + await(gate) + " on " + Thread.currentThread().getName());
    }

    @Async
    Coroutine<String> runOtherLoop() {
        Task<String> t = createTask(waitForGate());
        otherTask.complete(t);
        return result(await(t));
    }

    @Async
    Coroutine<String> awaitDirectly(Task<String> foreign) {
        String v = await(foreign);
        return result(v + ", read on " + Thread.currentThread().getName());
    }

    @Async
    Coroutine<String> awaitForeign(Task<String> foreign) {
        Task<String> direct = createTask(awaitDirectly(foreign));
        await(sleep(0)); // parked on the foreign task, which is still pending
        String refused;
        try {
            foreign.cancel();
            refused = "cancelled it";
        } catch (IllegalStateException e) {
            refused = e.getMessage();
        }
        String waitRefused;
        try {
            await(Asyncio.wait(List.of(foreign), ReturnWhen.ALL_COMPLETED, null));
            waitRefused = "waited";
        } catch (IllegalArgumentException e) {
            waitRefused = e.getMessage();
        }
        gate.complete("done");
        String d = await(direct);
        List<String> gathered = await(gather(foreign)); // done by now: still read through the inbox
        return result(d + " | " + gathered + " | " + refused + " | " + waitRefused);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
    void awaitingATaskOfAnotherLoopGetsItsOutcomeThroughTheInbox() throws Exception {
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
        CompletableFuture<String> awaited = new CompletableFuture<>();
        Thread awaiting = new Thread(() -> {
            try {
                awaited.complete(TestLoop.run(awaitForeign(foreign)));
            } catch (Throwable t) {
                awaited.completeExceptionally(t);
            }
        }, "awaiting-loop");
        awaiting.start();
        String r = awaited.get(10, TimeUnit.SECONDS);
        awaiting.join();
        String[] parts = r.split(" \\| ");
        assertEquals(4, parts.length, r);
        assertEquals("other loop: done on other-loop, read on awaiting-loop", parts[0]);
        assertEquals("[other loop: done on other-loop]", parts[1]);
        assertEquals("Task.cancel() called from thread 'awaiting-loop', but this event loop belongs to thread"
                + " 'other-loop'; use callSoonThreadsafe() to reach the loop from another thread", parts[2]);
        // the foreign task's description changes on its own thread as it runs: match around it
        assertTrue(parts[3].startsWith("<Task " + foreign.getName() + " "), r);
        assertTrue(parts[3].endsWith("> belongs to the event loop of thread 'other-loop'; wait() takes tasks"
                + " of its own loop: await or gather it instead"), r);
        assertEquals("other loop: done on other-loop", otherResult.get(10, TimeUnit.SECONDS));
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
