package io.github.jawait.tests.conformance;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.currentTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.timeout;
import static io.github.jawait.Asyncio.timeoutAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.jawait.Async;
import io.github.jawait.AsyncTimeoutException;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.Timeout;
import io.github.jawait.VirtualClock;
import io.github.jawait.sync.Event;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * CPython's {@code Lib/test/test_asyncio/test_timeouts.py}, case by case, on the virtual clock
 * ({@code time.sleep(d)}, a busy loop, is {@code clock.advance(d)}). {@code TimeoutError} is
 * {@link AsyncTimeoutException}; {@code timeout(t)} is
 * {@code timeout(Duration, t -> body)} and {@code timeout_at(when)} is
 * {@code timeoutAt(when, t -> body)}; {@code cm.reschedule(when)} with an absolute loop time is
 * {@link Timeout#rescheduleAt}.
 *
 * <p>Not ported, Python mechanics: {@code test_repr_active}, {@code test_repr_expired},
 * {@code test_repr_finished}, {@code test_repr_disabled} ({@code repr} strings);
 * {@code test_timeout_already_entered}, {@code test_timeout_double_enter},
 * {@code test_timeout_not_entered}, {@code test_timeout_without_task}: a jawait timeout exists
 * only inside the body of the {@code timeout(...)} call that entered it, and await only runs in
 * a task, so these misuses cannot be written.
 */
class TimeoutsConformanceTest {
    final VirtualClock clock = new VirtualClock();
    boolean cancelled;

    static double now() {
        return getRunningLoop().time();
    }

    // test_timeouts.py: test_timeout_basic
    @Async
    Coroutine<Void> timeoutBasic() {
        Timeout[] cm = new Timeout[1];
        try {
            await(timeout(Duration.ofMillis(10), t -> {
                cm[0] = t;
                await(sleep(10));
                return done();
            }));
            fail("TimeoutError not raised");
        } catch (AsyncTimeoutException expected) {
            // the deadline passed
        }
        assertTrue(cm[0].expired());
        assertEquals(0.01, now(), 1e-9);
        return done();
    }

    @Test
    void test_timeout_basic() {
        Conformance.run(clock, timeoutBasic());
    }

    // test_timeouts.py: test_timeout_at_basic (issue 13, item 2: when() keeps the deadline)
    @Async
    Coroutine<Void> timeoutAtBasic() {
        Timeout[] cm = new Timeout[1];
        double deadline = now() + 0.01;
        try {
            await(timeoutAt(deadline, t -> {
                cm[0] = t;
                await(sleep(10));
                return done();
            }));
            fail("TimeoutError not raised");
        } catch (AsyncTimeoutException expected) {
            // the deadline passed
        }
        assertTrue(cm[0].expired());
        assertEquals(deadline, cm[0].when(), 1e-9);
        return done();
    }

    @Test
    void test_timeout_at_basic() {
        Conformance.run(clock, timeoutAtBasic());
    }

    // test_timeouts.py: test_nested_timeouts
    @Async
    Coroutine<Void> nestedTimeouts() {
        Timeout[] cm = new Timeout[2];
        double deadline = now() + 0.01;
        try {
            await(timeoutAt(deadline, t1 -> {
                cm[0] = t1;
                try { // only the topmost scope raises TimeoutError
                    await(timeoutAt(deadline, t2 -> {
                        cm[1] = t2;
                        await(sleep(10));
                        return done();
                    }));
                } catch (CancelledError e) {
                    cancelled = true;
                    throw e;
                }
                return done();
            }));
            fail("TimeoutError not raised");
        } catch (AsyncTimeoutException expected) {
            // from the outer scope
        }
        assertTrue(cancelled);
        assertTrue(cm[0].expired());
        assertTrue(cm[1].expired());
        return done();
    }

    @Test
    void test_nested_timeouts() {
        Conformance.run(clock, nestedTimeouts());
    }

    // test_timeouts.py: test_waiter_cancelled
    @Async
    Coroutine<Void> waiterCancelled() {
        try {
            await(timeout(Duration.ofMillis(10), t -> {
                try {
                    await(sleep(10));
                } catch (CancelledError e) {
                    cancelled = true;
                    throw e;
                }
                return done();
            }));
            fail("TimeoutError not raised");
        } catch (AsyncTimeoutException expected) {
            // the deadline passed
        }
        assertTrue(cancelled);
        return done();
    }

    @Test
    void test_waiter_cancelled() {
        Conformance.run(clock, waiterCancelled());
    }

    // test_timeouts.py: test_timeout_not_called
    @Async
    Coroutine<Void> timeoutNotCalled() {
        Timeout[] cm = new Timeout[1];
        await(timeout(Duration.ofSeconds(10), t -> {
            cm[0] = t;
            await(sleep(0.01));
            return done();
        }));
        double t1 = now();
        assertFalse(cm[0].expired());
        assertTrue(cm[0].when() > t1, "when() is still the deadline after the block");
        return done();
    }

    @Test
    void test_timeout_not_called() {
        Conformance.run(clock, timeoutNotCalled());
    }

    // test_timeouts.py: test_timeout_disabled and test_timeout_at_disabled
    @Async
    Coroutine<Void> timeoutDisabled(boolean at) {
        Timeout[] cm = new Timeout[1];
        java.util.function.Function<Timeout, Coroutine<Void>> body = t -> {
            cm[0] = t;
            await(sleep(0.01));
            return done();
        };
        await(at ? timeoutAt(null, body) : timeout(null, body));
        assertFalse(cm[0].expired());
        assertNull(cm[0].when());
        return done();
    }

    @Test
    void test_timeout_disabled() {
        Conformance.run(clock, timeoutDisabled(false));
    }

    @Test
    void test_timeout_at_disabled() {
        Conformance.run(clock, timeoutDisabled(true));
    }

    // test_timeouts.py: test_timeout_zero, test_timeout_zero_sleep_zero,
    // test_timeout_in_the_past_sleep_zero
    @Async
    Coroutine<Void> timeoutNonPositive(double seconds, double sleepFor) {
        Timeout[] cm = new Timeout[1];
        double t0 = now();
        try {
            await(timeout(Duration.ofMillis((long) (seconds * 1000)), t -> {
                cm[0] = t;
                await(sleep(sleepFor));
                return done();
            }));
            fail("TimeoutError not raised");
        } catch (AsyncTimeoutException expected) {
            // expired at the first await
        }
        double t1 = now();
        assertTrue(cm[0].expired());
        if (seconds == 0) {
            assertTrue(t0 <= cm[0].when() && cm[0].when() <= t1);
        } else {
            assertEquals(t0 + seconds, cm[0].when(), 1e-9, "a deadline in the past stays in the past");
        }
        return done();
    }

    @Test
    void test_timeout_zero() {
        Conformance.run(clock, timeoutNonPositive(0, 10));
    }

    @Test
    void test_timeout_zero_sleep_zero() {
        Conformance.run(clock, timeoutNonPositive(0, 0));
    }

    @Test
    void test_timeout_in_the_past_sleep_zero() {
        Conformance.run(clock, timeoutNonPositive(-11, 0));
    }

    // test_timeouts.py: test_foreign_exception_passed
    @Async
    Coroutine<Void> foreignExceptionPassed() {
        Timeout[] cm = new Timeout[1];
        try {
            await(timeout(Duration.ofMillis(10), t -> {
                cm[0] = t;
                throw new java.util.NoSuchElementException("KeyError");
            }));
            fail("KeyError not raised");
        } catch (java.util.NoSuchElementException expected) {
            // passed through as it is
        }
        assertFalse(cm[0].expired());
        return done();
    }

    @Test
    void test_foreign_exception_passed() {
        Conformance.run(clock, foreignExceptionPassed());
    }

    // test_timeouts.py: test_foreign_exception_on_timeout
    @Async
    Coroutine<Void> crash() {
        try {
            await(sleep(1));
        } finally {
            int zero = 0;
            cancelled = 1 / zero == 0;
        }
        return done();
    }

    @Async
    Coroutine<Void> foreignExceptionOnTimeout() {
        await(timeout(Duration.ofMillis(10), t -> {
            await(crash());
            return done();
        }));
        return done();
    }

    @Test
    void test_foreign_exception_on_timeout() {
        assertThrows(ArithmeticException.class, () -> Conformance.run(clock, foreignExceptionOnTimeout()));
    }

    // test_timeouts.py: test_foreign_cancel_doesnt_timeout_if_not_expired
    @Async
    Coroutine<Void> foreignCancel() {
        Timeout[] cm = new Timeout[1];
        try {
            await(timeout(Duration.ofSeconds(10), t -> {
                cm[0] = t;
                currentTask().cancel();
                await(sleep(10));
                return done();
            }));
            fail("CancelledError not raised");
        } catch (CancelledError expected) {
            currentTask().uncancel(); // the test case goes on (unittest would end here)
        }
        assertFalse(cm[0].expired());
        return done();
    }

    @Test
    void test_foreign_cancel_doesnt_timeout_if_not_expired() {
        Conformance.run(clock, foreignCancel());
    }

    // test_timeouts.py: test_outer_task_is_not_cancelled
    @Async
    Coroutine<Void> outer() {
        try {
            await(timeout(Duration.ofMillis(1), t -> {
                await(sleep(10));
                return done();
            }));
            fail("TimeoutError not raised");
        } catch (AsyncTimeoutException expected) {
            // the timeout's own cancellation became the TimeoutError
        }
        return done();
    }

    @Async
    Coroutine<Void> outerTaskIsNotCancelled() {
        Task<Void> task = createTask(outer());
        await(task);
        assertFalse(task.cancelled());
        assertTrue(task.done());
        return done();
    }

    @Test
    void test_outer_task_is_not_cancelled() {
        Conformance.run(clock, outerTaskIsNotCancelled());
    }

    // test_timeouts.py: test_nested_timeouts_concurrent
    @Async
    Coroutine<Void> nestedTimeoutsConcurrent() {
        try {
            await(timeout(Duration.ofMillis(2), outerCm -> {
                try {
                    await(timeout(Duration.ofMillis(100), innerCm -> {
                        clock.advance(Duration.ofMillis(10)); // pretend we crunch some numbers
                        await(sleep(1));
                        return done();
                    }));
                    fail("inner TimeoutError not raised");
                } catch (AsyncTimeoutException expected) {
                    // asyncio 3.12+: both expired; the inner one sees the outer's cancellation too
                }
                return done();
            }));
            fail("outer TimeoutError not raised");
        } catch (AsyncTimeoutException expected) {
            // the outer one expired first
        }
        return done();
    }

    @Test
    void test_nested_timeouts_concurrent() {
        Conformance.run(clock, nestedTimeoutsConcurrent());
    }

    // test_timeouts.py: test_nested_timeouts_loop_busy
    @Async
    Coroutine<Void> nestedTimeoutsLoopBusy() {
        double t0 = now();
        try {
            await(timeout(Duration.ofMillis(100), outerCm -> {
                try {
                    await(timeout(Duration.ofMillis(10), innerCm -> {
                        clock.advance(Duration.ofMillis(100)); // the loop is busy for a while
                        await(sleep(1));
                        return done();
                    }));
                    fail("inner TimeoutError not raised");
                } catch (AsyncTimeoutException expected) {
                    // caught by (2)
                }
                await(sleep(10)); // interrupted by (1)
                return done();
            }));
            fail("outer TimeoutError not raised");
        } catch (AsyncTimeoutException expected) {
            // (1)
        }
        double t1 = now();
        assertTrue(t0 <= t1 && t1 <= t0 + 1, "t1=" + t1);
        return done();
    }

    @Test
    void test_nested_timeouts_loop_busy() {
        Conformance.run(clock, nestedTimeoutsLoopBusy());
    }

    // test_timeouts.py: test_reschedule
    @Async
    Coroutine<Void> rescheduleBody(double deadline1, Timeout[] cm, Event entered) {
        await(timeoutAt(deadline1, t -> {
            cm[0] = t;
            entered.set();
            await(sleep(50));
            return done();
        }));
        return done();
    }

    @Async
    Coroutine<Void> reschedule() {
        double deadline1 = now() + 10;
        double deadline2 = deadline1 + 20;
        Timeout[] cm = new Timeout[1];
        Event entered = new Event();
        Task<Void> task = createTask(rescheduleBody(deadline1, cm, entered));
        await(entered.waitFor());
        assertEquals(deadline1, cm[0].when(), 1e-9);
        cm[0].rescheduleAt(deadline2);
        assertEquals(deadline2, cm[0].when(), 1e-9);
        cm[0].reschedule(null);
        assertNull(cm[0].when());
        task.cancel();
        try {
            await(task);
            fail("not cancelled");
        } catch (CancelledError expected) {
            // the outside cancellation is not turned into a timeout
        }
        assertFalse(cm[0].expired());
        return done();
    }

    @Test
    void test_reschedule() {
        Conformance.run(clock, reschedule());
    }

    // test_timeouts.py: test_nested_timeout_in_finally
    @Async
    Coroutine<Void> nestedTimeoutInFinally() {
        try {
            await(timeout(Duration.ofMillis(10), t -> {
                try {
                    await(sleep(1));
                } finally {
                    try {
                        await(timeout(Duration.ofMillis(10), t2 -> {
                            await(sleep(10));
                            return done();
                        }));
                        fail("inner TimeoutError not raised");
                    } catch (AsyncTimeoutException expected) {
                        cancelled = true;
                    }
                }
                return done();
            }));
            fail("TimeoutError not raised");
        } catch (AsyncTimeoutException expected) {
            // the outer scope
        }
        assertTrue(cancelled);
        return done();
    }

    @Test
    void test_nested_timeout_in_finally() {
        Conformance.run(clock, nestedTimeoutInFinally());
    }

    // test_timeouts.py: test_timeout_after_cancellation
    @Async
    Coroutine<Void> timeoutAfterCancellation() {
        try {
            currentTask().cancel();
            await(sleep(1)); // work which will be cancelled
        } catch (CancelledError e) {
            cancelled = true;
        } finally {
            try {
                await(timeout(Duration.ZERO, t -> {
                    await(sleep(1)); // some cleanup
                    return done();
                }));
                fail("TimeoutError not raised");
            } catch (AsyncTimeoutException expected) {
                // the cleanup timed out, the earlier cancellation does not interfere
            }
        }
        assertTrue(cancelled);
        return done();
    }

    @Test
    void test_timeout_after_cancellation() {
        Conformance.run(clock, timeoutAfterCancellation());
    }

    // test_timeouts.py: test_cancel_in_timeout_after_cancellation
    @Async
    Coroutine<String> cancelInTimeoutAfterCancellation() {
        try {
            currentTask().cancel();
            await(sleep(1));
        } catch (CancelledError e) {
            cancelled = true;
        } finally {
            try {
                await(timeout(Duration.ofSeconds(1), t -> {
                    currentTask().cancel();
                    await(sleep(2)); // some cleanup
                    return done();
                }));
                fail("CancelledError not raised");
            } catch (CancelledError expected) {
                return result("cancelled, cancelling=" + currentTask().cancelling());
            }
        }
        return result("not cancelled");
    }

    @Test
    void test_cancel_in_timeout_after_cancellation() {
        assertEquals("cancelled, cancelling=2", Conformance.run(clock, cancelInTimeoutAfterCancellation()));
    }

    // test_timeouts.py: test_timeout_exception_cause
    @Async
    Coroutine<Throwable> timeoutExceptionCause() {
        try {
            await(timeout(Duration.ZERO, t -> {
                await(sleep(1));
                return done();
            }));
        } catch (AsyncTimeoutException e) {
            return result(e.getCause());
        }
        return result(null);
    }

    @Test
    void test_timeout_exception_cause() {
        assertInstanceOf(CancelledError.class, Conformance.run(clock, timeoutExceptionCause()));
    }

    // test_timeouts.py: test_timeout_finished
    @Async
    Coroutine<String> timeoutFinished() {
        Timeout[] cm = new Timeout[1];
        await(timeout(Duration.ofMillis(10), t -> {
            cm[0] = t;
            return done();
        }));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cm[0].reschedule(Duration.ofMillis(20)));
        return result(e.getMessage());
    }

    @Test
    void test_timeout_finished() {
        assertEquals("Cannot change state of finished Timeout", Conformance.run(clock, timeoutFinished()));
    }
}
