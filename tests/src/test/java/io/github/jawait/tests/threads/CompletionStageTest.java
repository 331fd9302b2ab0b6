package io.github.jawait.tests.threads;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gatherSettled;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.shield;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.wrapFuture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.jawait.Async;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.Outcome;
import io.github.jawait.Task;
import io.github.jawait.tests.TestLoop;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code await(CompletionStage)}: completion from any thread, failures unwrapped, cancellation. */
class CompletionStageTest {
    final ScheduledExecutorService other = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "completer"));

    @AfterEach
    void stop() {
        other.shutdownNow();
    }

    private <T> CompletableFuture<T> completeLater(T value) {
        CompletableFuture<T> f = new CompletableFuture<>();
        other.schedule(() -> f.complete(value), 20, TimeUnit.MILLISECONDS);
        return f;
    }

    private <T> CompletableFuture<T> failLater(Throwable error) {
        CompletableFuture<T> f = new CompletableFuture<>();
        other.schedule(() -> f.completeExceptionally(error), 20, TimeUnit.MILLISECONDS);
        return f;
    }

    @Async
    Coroutine<String> completedElsewhere() {
        Thread loopThread = Thread.currentThread();
        String v = await(completeLater("from another thread"));
        assertSame(loopThread, Thread.currentThread(), "resumed on the loop thread");
        return result(v);
    }

    @Test
    void aFutureCompletedOnAnotherThreadResumesTheCoroutineOnTheLoop() {
        assertEquals("from another thread", TestLoop.run(completedElsewhere()));
    }

    @Async
    Coroutine<String> failures() {
        StringBuilder sb = new StringBuilder();
        try {
            await(failLater(new IOException("plain")));
        } catch (Exception e) { // await does not declare the checked exceptions it rethrows
            sb.append(assertInstanceOf(IOException.class, e).getMessage());
        }
        try {
            await(failLater(new CompletionException(new IOException("in CompletionException"))));
        } catch (Exception e) {
            sb.append(", ").append(assertInstanceOf(IOException.class, e).getMessage());
        }
        try {
            await(failLater(new ExecutionException(new IOException("in ExecutionException"))));
        } catch (Exception e) {
            sb.append(", ").append(assertInstanceOf(IOException.class, e).getMessage());
        }
        try {
            CompletableFuture<String> done = new CompletableFuture<>();
            done.completeExceptionally(new CompletionException(new IllegalStateException("already failed")));
            await(done);
        } catch (IllegalStateException e) {
            sb.append(", ").append(e.getMessage());
        }
        try {
            await(completeLater(1).thenApply(x -> {
                throw new IllegalArgumentException("in a dependent stage");
            }));
        } catch (IllegalArgumentException e) {
            sb.append(", ").append(e.getMessage());
        }
        return result(sb.toString());
    }

    @Test
    void failuresArriveUnwrapped() {
        assertEquals("plain, in CompletionException, in ExecutionException, already failed, in a dependent stage",
                TestLoop.run(failures()));
    }

    @Async
    Coroutine<String> cancelledFuture() {
        CompletableFuture<String> f = new CompletableFuture<>();
        other.schedule(() -> f.cancel(false), 20, TimeUnit.MILLISECONDS);
        try {
            await(f);
            return result("not cancelled");
        } catch (CancelledError e) {
            assertInstanceOf(CancellationException.class, e.getCause());
            return result(e.getMessage());
        }
    }

    @Test
    void aCancelledFutureRaisesCancelledError() {
        assertEquals("the awaited CompletionStage was cancelled", TestLoop.run(cancelledFuture()));
    }

    @Async
    Coroutine<Integer> minimalStages() {
        CompletionStage<Integer> pending = completeLater(20).minimalCompletionStage();
        CompletionStage<Integer> done = CompletableFuture.completedStage(22);
        return result(await(pending) + await(done));
    }

    @Test
    void minimalStagesCanBeAwaited() {
        assertEquals(42, TestLoop.run(minimalStages()));
    }

    @Async
    Coroutine<String> forever(CompletableFuture<String> f) {
        return result(await(f));
    }

    @Async
    Coroutine<Double> cancelWhileAwaitingAFuture() {
        CompletableFuture<String> never = new CompletableFuture<>();
        Task<String> t = createTask(forever(never));
        await(sleep(0));
        t.cancel();
        assertTrue(await(gatherSettled(t)).get(0).cancelled());
        await(sleep(3600)); // the virtual clock must not wait for the abandoned future
        return result(EventLoop.current().time());
    }

    @Test
    void aTaskThatStopsAwaitingAFutureNoLongerHoldsTheVirtualClock() {
        long start = System.nanoTime();
        assertEquals(3600.0, TestLoop.run(cancelWhileAwaitingAFuture()));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "slept for real");
    }

    @Async
    Coroutine<String> cancelThreeKinds() {
        CompletableFuture<String> plain = new CompletableFuture<>();
        CompletableFuture<String> shielded = new CompletableFuture<>();
        CompletableFuture<String> behindMinimal = new CompletableFuture<>();
        Task<String> a = createTask(forever(plain));
        Task<String> b = createTask(awaitShielded(shielded));
        Task<String> c = createTask(awaitStage(behindMinimal.minimalCompletionStage()));
        await(sleep(0));
        a.cancel("stop a");
        b.cancel("stop b");
        c.cancel("stop c");
        List<Outcome<String>> outcomes = await(gatherSettled(a, b, c));
        StringBuilder sb = new StringBuilder();
        for (Outcome<String> o : outcomes) {
            sb.append(o.failure().getClass().getSimpleName()).append("(").append(o.failure().getMessage()).append(") ");
        }
        sb.append("| plain cancelled=").append(plain.isCancelled())
                .append(", shielded cancelled=").append(shielded.isCancelled())
                .append(", behind a minimal stage cancelled=").append(behindMinimal.isCancelled());
        return result(sb.toString());
    }

    @Async
    Coroutine<String> awaitShielded(CompletableFuture<String> f) {
        return result(await(shield(wrapFuture(f))));
    }

    @Async
    Coroutine<String> awaitStage(CompletionStage<String> s) {
        return result(await(s));
    }

    @Test
    void cancellingTheAwaiterCancelsAPlainFutureUnlessShieldedOrAMinimalStage() {
        assertEquals("CancelledError(stop a) CancelledError(stop b) CancelledError(stop c) "
                + "| plain cancelled=true, shielded cancelled=false, behind a minimal stage cancelled=false",
                TestLoop.run(cancelThreeKinds()));
    }

    @Async
    Coroutine<String> alreadyDone() {
        return result(await(CompletableFuture.completedFuture("at once")));
    }

    @Test
    void aCompletedFutureIsTakenInline() {
        assertEquals("at once", TestLoop.run(alreadyDone()));
    }

    @Async
    Coroutine<Void> notAStage() {
        try {
            await(failLater(new Error("an Error passes too")));
            fail("should have thrown");
        } catch (Error e) {
            assertEquals("an Error passes too", e.getMessage());
        }
        return done();
    }

    @Test
    void errorsArriveAsTheyAre() {
        TestLoop.run(notAStage());
    }
}
