package io.github.jawait.tests.asyncio;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.timeout;
import static io.github.jawait.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.AsyncTimeoutException;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.tests.TestLoop;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** asyncio.wait_for and asyncio.timeout semantics, after CPython's test_timeouts and test_waitfor. */
class TimeoutsTest {
    final Recorder rec = new Recorder();

    @Async
    Coroutine<String> slowOperation() {
        try {
            await(sleep(5));
            return result("Done");
        } finally {
            rec.add("slow finally");
        }
    }

    @Async
    Coroutine<String> guideExample() {
        try {
            String r = await(waitFor(slowOperation(), Duration.ofSeconds(2)));
            rec.add("result " + r);
        } catch (AsyncTimeoutException e) {
            rec.add("Operation timed out!");
        }
        try {
            String r = await(timeout(Duration.ofSeconds(2), t -> slowOperation()));
            rec.add("result " + r);
        } catch (AsyncTimeoutException e) {
            rec.add("timed out again: " + e.getMessage() + ", cause " + e.getCause().getClass().getSimpleName());
        }
        return result("end");
    }

    @Test
    void theGuidesTimeoutExampleCleansUpBeforeTheTimeoutArrives() {
        assertEquals("end", TestLoop.run(guideExample()));
        assertEquals(List.of("slow finally @2.0", "Operation timed out! @2.0", "slow finally @4.0",
                "timed out again: timed out after 2 s, cause CancelledError @4.0"), rec.events);
    }

    @Async
    Coroutine<String> inTime() {
        return result(await(waitFor(slowOperation(), Duration.ofSeconds(10))));
    }

    @Test
    void workThatFinishesInTimeReturnsItsValue() {
        assertEquals("Done", TestLoop.run(inTime()));
        assertEquals(List.of("slow finally @5.0"), rec.events);
    }

    @Async
    Coroutine<String> rescheduled() {
        try {
            return result(await(timeout(Duration.ofSeconds(1), t -> {
                await(sleep(0.5));
                t.reschedule(Duration.ofSeconds(10));
                rec.add("deadline " + t.when());
                await(sleep(3));
                return result("made it");
            })));
        } catch (AsyncTimeoutException e) {
            return result("timed out");
        }
    }

    @Async
    Coroutine<String> rescheduledTooShort() {
        try {
            return result(await(timeout(Duration.ofSeconds(1), t -> {
                t.reschedule(Duration.ofMillis(250));
                await(sleep(3));
                return result("made it");
            })));
        } catch (AsyncTimeoutException e) {
            return result(e.getMessage() + " @" + Asyncio.getRunningLoop().time());
        }
    }

    @Test
    void theExpiryMessageSaysTheDelayLastSet() {
        assertEquals("timed out after 0.25 s (the deadline as last rescheduled) @0.25", TestLoop.run(rescheduledTooShort()));
    }

    @Test
    void aTimeoutCanBeRescheduled() {
        assertEquals("made it", TestLoop.run(rescheduled()));
        assertEquals(List.of("deadline 10.5 @0.5"), rec.events);
    }

    @Async
    Coroutine<String> outsideCancelInsideTimeout() {
        Task<String> t = createTask(waitFor(slowOperation(), Duration.ofSeconds(10)));
        await(sleep(1));
        t.cancel();
        try {
            return result(await(t));
        } catch (CancelledError e) {
            return result("cancelled, not a timeout");
        }
    }

    @Test
    void anOutsideCancellationIsNotTurnedIntoATimeout() {
        assertEquals("cancelled, not a timeout", TestLoop.run(outsideCancelInsideTimeout()));
    }

    @Async
    Coroutine<String> cancelAtTheSameMomentAsTheDeadline() {
        Task<String> t = createTask(waitFor(slowOperation(), Duration.ofSeconds(1)));
        await(sleep(1)); // the deadline fires on this turn too
        t.cancel();
        try {
            return result(await(t));
        } catch (CancelledError e) {
            return result("cancelled");
        } catch (AsyncTimeoutException e) {
            return result("timeout");
        }
    }

    @Test
    void cancellationAndExpiryTogetherStillPropagateTheCancellation() {
        // asyncio: when both happen, the outside cancellation must not be swallowed
        String r = TestLoop.run(cancelAtTheSameMomentAsTheDeadline());
        assertEquals("cancelled", r);
    }

    @Async
    Coroutine<String> waitForATask() {
        Task<String> inner = createTask(slowOperation());
        try {
            return result(await(waitFor(inner, Duration.ofSeconds(1))));
        } catch (AsyncTimeoutException e) {
            return result("inner cancelled=" + inner.cancelled());
        }
    }

    @Test
    void waitForCancelsTheAwaitedTaskOnExpiry() {
        assertEquals("inner cancelled=true", TestLoop.run(waitForATask()));
        assertEquals(List.of("slow finally @1.0"), rec.events);
    }

    @Async
    Coroutine<String> swallowingBody() {
        return result(await(timeout(Duration.ofSeconds(1), t -> {
            try {
                await(sleep(5));
            } catch (CancelledError e) {
                rec.add("swallowed");
            }
            return result("expired=" + t.expired());
        })));
    }

    @Test
    void aBodyThatSwallowsTheCancellationReturnsNormally() {
        assertEquals("expired=true", TestLoop.run(swallowingBody()));
    }

    @Async
    Coroutine<Void> nested() {
        try {
            await(timeout(Duration.ofSeconds(5), outer -> timeout(Duration.ofSeconds(1), inner -> slowOperation())));
        } catch (AsyncTimeoutException e) {
            rec.add("inner timeout reached the caller");
        }
        return done();
    }

    @Test
    void nestedTimeoutsReportTheOneThatExpired() {
        TestLoop.run(nested());
        assertEquals(List.of("slow finally @1.0", "inner timeout reached the caller @1.0"), rec.events);
    }

    @Test
    void timeoutExceptionIsUnchecked() {
        assertInstanceOf(RuntimeException.class, new AsyncTimeoutException("x"));
    }
}
