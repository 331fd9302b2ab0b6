package io.github.jawait.tests.threads;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.gatherSettled;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.wrapFuture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.Awaitable;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.Task;
import io.github.jawait.tests.TestLoop;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Asyncio.wrapFuture (asyncio.wrap_future): delivered on the loop, cancelled with its awaiter. */
class WrapFutureTest {
    final ScheduledExecutorService other = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        other.shutdownNow();
    }

    @Async
    Coroutine<String> completedElsewhere() {
        Thread loopThread = Thread.currentThread();
        CompletableFuture<String> f = new CompletableFuture<>();
        other.schedule(() -> f.complete("from " + Thread.currentThread().getName().startsWith("pool")), 10, TimeUnit.MILLISECONDS);
        String v = await(wrapFuture(f));
        return result(v + " on the loop " + (Thread.currentThread() == loopThread));
    }

    @Test
    void theValueArrivesOnTheLoopThread() {
        assertEquals("from true on the loop true", TestLoop.run(completedElsewhere()));
    }

    @Async
    Coroutine<String> failedElsewhere() {
        CompletableFuture<String> f = new CompletableFuture<>();
        other.schedule(() -> f.completeExceptionally(new IOException("disk on fire")), 10, TimeUnit.MILLISECONDS);
        try {
            await(wrapFuture(f.thenApply(s -> s))); // a dependent stage wraps it in CompletionException
            return result("no exception");
        } catch (Exception e) {
            return result(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    @Test
    void aFailureIsUnwrapped() {
        assertEquals("IOException: disk on fire", TestLoop.run(failedElsewhere()));
    }

    @Async
    Coroutine<String> cancelTheAwaiter() {
        CompletableFuture<String> never = new CompletableFuture<>();
        Task<String> t = createTask(awaitIt(wrapFuture(never)));
        await(sleep(0));
        t.cancel("enough");
        boolean taskCancelled = await(gatherSettled(t)).get(0).cancelled();
        await(sleep(3600)); // the virtual clock is not held by the abandoned future
        return result(taskCancelled + " " + never.isCancelled() + " " + EventLoop.current().time());
    }

    @Async
    Coroutine<String> awaitIt(Awaitable<String> a) {
        return result(await(a));
    }

    @Test
    void cancellingTheAwaitingTaskCancelsTheFuture() {
        assertEquals("true true 3600.0", TestLoop.run(cancelTheAwaiter()));
    }

    @Async
    Coroutine<String> cancelledElsewhere() {
        CompletableFuture<String> f = new CompletableFuture<>();
        other.schedule(() -> f.cancel(false), 10, TimeUnit.MILLISECONDS);
        try {
            await(wrapFuture(f));
            return result("not cancelled");
        } catch (CancelledError e) {
            return result(e.getMessage());
        }
    }

    @Test
    void aFutureCancelledByItsOwnerCancelsTheAwait() {
        assertEquals("the wrapped future was cancelled", TestLoop.run(cancelledElsewhere()));
    }

    @Async
    Coroutine<String> alreadyDone() {
        return result(await(wrapFuture(CompletableFuture.completedFuture("at once"))));
    }

    @Test
    void aDoneFutureNeedsNoTripThroughTheInbox() {
        assertEquals("at once", TestLoop.run(alreadyDone()));
        assertThrows(NullPointerException.class, () -> TestLoop.run(awaitIt(wrapFuture(null))));
    }
}
