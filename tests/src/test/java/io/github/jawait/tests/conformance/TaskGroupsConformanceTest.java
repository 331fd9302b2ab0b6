package io.github.jawait.tests.conformance;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.currentTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.taskGroup;
import static io.github.jawait.Asyncio.timeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.jawait.Async;
import io.github.jawait.AsyncTimeoutException;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.TaskGroup;
import io.github.jawait.TaskGroupException;
import io.github.jawait.sync.Event;
import io.github.jawait.tests.TestLoop;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * CPython's {@code Lib/test/test_asyncio/test_taskgroups.py} (the 3.14 development version),
 * case by case, on the virtual clock. {@code ZeroDivisionError} is {@link ArithmeticException} ({@code 1 / 0}), {@code MyExc}
 * is {@link MyExc}, {@code RuntimeError} is {@link IllegalStateException},
 * {@code ExceptionGroup} is {@link TaskGroupException}.
 *
 * <p>Not ported, Python mechanics: {@code test_exception_refcycles_direct},
 * {@code _errors}, {@code _parent_task}, {@code _parent_task_wr},
 * {@code _propagate_cancellation_error}, {@code _base_error} (gc referrers and weak references);
 * {@code test_taskgroup_finished}'s and {@code test_coro_closed_when_tg_closed}'s warning check
 * (un-awaited coroutine warnings; the refusal itself is ported); {@code test_taskgroup_23}
 * (reads the private {@code g._tasks}); {@code test_taskgroup_already_entered},
 * {@code test_taskgroup_double_enter}, {@code test_taskgroup_not_entered} and
 * {@code test_taskgroup_without_parent_task}: a jawait group exists only inside the body of the
 * {@code taskGroup(...)} call that entered it, and await only runs inside a task, so none of
 * these misuses can be written.
 *
 * <p>Deliberately different (README mapping table): {@code test_taskgroup_20},
 * {@code 20a}, {@code 21}, {@code 21a} rest on Python's {@code BaseException} /
 * {@code Exception} split ({@code KeyboardInterrupt}, {@code SystemExit} propagate alone); in
 * jawait every failure but {@link CancelledError} is an error of the group.
 *
 * <p>Not yet ported: {@code test_taskgroup_context_manager_exit_raises} (needs an
 * {@code @asynccontextmanager} raising in its exit), {@code test_taskgroup_task_context}
 * (context variables), the {@code TestEagerTaskTaskGroup} run of the whole class (eager tasks).
 */
class TaskGroupsConformanceTest {
    static final class MyExc extends RuntimeException {
        MyExc() {
            super("MyExc");
        }
    }

    int num;
    boolean t2Cancel;
    boolean runnerCancel;
    Task<?> t1;
    Task<?> t2;

    @Async
    Coroutine<Integer> after(double delay, int value) {
        await(sleep(delay));
        return result(value);
    }

    @Async
    Coroutine<Void> divideByZeroAfter(double delay) {
        await(sleep(delay));
        int zero = 0;
        num += 1 / zero;
        return done();
    }

    static Set<Class<?>> errorTypes(TaskGroupException e) {
        Set<Class<?>> types = new HashSet<>();
        for (Throwable t : e.exceptions()) {
            types.add(t.getClass());
        }
        return types;
    }

    // test_taskgroups.py: test_taskgroup_01
    @Async
    Coroutine<Void> taskgroup01() {
        Task<?>[] t = new Task<?>[2];
        await(taskGroup(g -> {
            t[0] = g.createTask(after(0.1, 42));
            t[1] = g.createTask(after(0.2, 11));
            return done();
        }));
        assertEquals(42, t[0].result());
        assertEquals(11, t[1].result());
        return done();
    }

    @Test
    void test_taskgroup_01() {
        TestLoop.run(taskgroup01());
    }

    // test_taskgroups.py: test_taskgroup_02
    @Async
    Coroutine<Void> taskgroup02() {
        Task<?>[] t = new Task<?>[2];
        await(taskGroup(g -> {
            t[0] = g.createTask(after(0.1, 42));
            await(sleep(0.15));
            t[1] = g.createTask(after(0.2, 11));
            return done();
        }));
        assertEquals(42, t[0].result());
        assertEquals(11, t[1].result());
        return done();
    }

    @Test
    void test_taskgroup_02() {
        TestLoop.run(taskgroup02());
    }

    // test_taskgroups.py: test_taskgroup_03
    @Async
    Coroutine<Void> taskgroup03() {
        Task<?>[] t = new Task<?>[2];
        await(taskGroup(g -> {
            t[0] = g.createTask(after(1, 42));
            await(sleep(0.15));
            t[0].cancel(); // cancel t1 explicitly: everything else goes on as expected
            t[1] = g.createTask(after(0.2, 11));
            return done();
        }));
        assertTrue(t[0].cancelled());
        assertEquals(11, t[1].result());
        return done();
    }

    @Test
    void test_taskgroup_03() {
        TestLoop.run(taskgroup03());
    }

    @Async
    Coroutine<Void> foo2SleepsCountingCancel(double delay) {
        try {
            await(sleep(delay));
        } catch (CancelledError e) {
            t2Cancel = true;
            throw e;
        }
        num += 1;
        return done();
    }

    // test_taskgroups.py: test_taskgroup_04
    @Async
    Coroutine<Void> runner04() {
        await(taskGroup(g -> {
            g.createTask(divideByZeroAfter(0.1));
            t2 = g.createTask(foo2SleepsCountingCancel(1));
            return done();
        }));
        num += 10;
        return done();
    }

    @Async
    Coroutine<Void> taskgroup04() {
        try {
            await(createTask(runner04()));
            fail("ExceptionGroup was not raised");
        } catch (TaskGroupException eg) {
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
        }
        assertEquals(0, num);
        assertTrue(t2Cancel);
        assertTrue(t2.cancelled());
        return done();
    }

    @Test
    void test_taskgroup_04() {
        TestLoop.run(taskgroup04());
    }

    // test_taskgroups.py: test_cancel_children_on_child_error
    @Async
    Coroutine<Void> runnerChildError() {
        await(taskGroup(g -> {
            g.createTask(divideByZeroAfter(0.1));
            g.createTask(divideByZeroAfter(0.1));
            g.createTask(divideByZeroAfter(0.1));
            g.createTask(foo2SleepsCountingCancel(5));
            try {
                await(sleep(10));
            } catch (CancelledError e) {
                runnerCancel = true;
                throw e;
            }
            return done();
        }));
        num += 10;
        return done();
    }

    @Async
    Coroutine<Void> cancelChildrenOnChildError() {
        try {
            await(createTask(runnerChildError()));
            fail("ExceptionGroup was not raised");
        } catch (TaskGroupException eg) {
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
            assertEquals(3, eg.exceptions().size(), "the three failures of one turn are all reported");
        }
        assertEquals(0, num);
        assertTrue(t2Cancel);
        assertTrue(runnerCancel);
        return done();
    }

    @Test
    void test_cancel_children_on_child_error() {
        TestLoop.run(cancelChildrenOnChildError());
    }

    @Async
    Coroutine<Void> fooCountsCancel(double delay, int add) {
        try {
            await(sleep(delay));
        } catch (CancelledError e) {
            num += add;
            throw e;
        }
        return done();
    }

    @Async
    Coroutine<Void> runnerFiveChildren() {
        await(taskGroup(g -> {
            for (int i = 0; i < 5; i++) {
                g.createTask(fooCountsCancel(5, 1));
            }
            return done();
        }));
        return done();
    }

    // test_taskgroups.py: test_cancellation
    @Async
    Coroutine<Void> cancellation() {
        Task<Void> r = createTask(runnerFiveChildren());
        await(sleep(0.1));
        assertFalse(r.done());
        r.cancel("test");
        CancelledError e = null;
        try {
            await(r);
        } catch (CancelledError c) {
            e = c;
        }
        assertEquals("test", e.getMessage());
        assertEquals(5, num);
        return done();
    }

    @Test
    void test_cancellation() {
        TestLoop.run(cancellation());
    }

    // test_taskgroups.py: test_taskgroup_07
    @Async
    Coroutine<Void> runner07() {
        await(taskGroup(g -> {
            for (int i = 0; i < 5; i++) {
                g.createTask(fooCountsCancel(5, 1));
            }
            try {
                await(sleep(10));
            } catch (CancelledError e) {
                num += 10;
                throw e;
            }
            return done();
        }));
        return done();
    }

    @Async
    Coroutine<Void> taskgroup07() {
        Task<Void> r = createTask(runner07());
        await(sleep(0.1));
        assertFalse(r.done());
        r.cancel();
        try {
            await(r);
            fail("not cancelled");
        } catch (CancelledError expected) {
            // the outside cancellation propagates
        }
        assertEquals(15, num);
        return done();
    }

    @Test
    void test_taskgroup_07() {
        TestLoop.run(taskgroup07());
    }

    @Async
    Coroutine<Void> divideByZeroWhenCancelled() {
        try {
            await(sleep(10));
        } finally {
            int zero = 0;
            num = 1 / zero;
        }
        return done();
    }

    // test_taskgroups.py: test_taskgroup_08
    @Async
    Coroutine<Void> runner08() {
        await(taskGroup(g -> {
            for (int i = 0; i < 5; i++) {
                g.createTask(divideByZeroWhenCancelled());
            }
            await(sleep(10));
            return done();
        }));
        return done();
    }

    @Async
    Coroutine<TaskGroupException> cancelExpectingGroup(Coroutine<Void> runner) {
        Task<Void> r = createTask(runner);
        await(sleep(0.1));
        assertFalse(r.done());
        r.cancel();
        try {
            await(r);
        } catch (TaskGroupException e) {
            return result(e);
        }
        return result(null);
    }

    @Test
    void test_taskgroup_08() {
        TaskGroupException eg = TestLoop.run(cancelExpectingGroup(runner08()));
        assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
    }

    // test_taskgroups.py: test_taskgroup_09 and test_taskgroup_10 (without the sleep)
    @Async
    Coroutine<Void> bodyFails(boolean sleepFirst) {
        Task<?>[] t = new Task<?>[2];
        try {
            await(taskGroup(g -> {
                t[0] = g.createTask(after(1, 42));
                t[1] = g.createTask(after(2, 11));
                if (sleepFirst) {
                    await(sleep(0.1));
                }
                int zero = 0;
                num = 1 / zero;
                return done();
            }));
            fail("ExceptionGroup was not raised");
        } catch (TaskGroupException eg) {
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
        }
        assertTrue(t[0].cancelled());
        assertTrue(t[1].cancelled());
        return done();
    }

    @Test
    void test_taskgroup_09() {
        TestLoop.run(bodyFails(true));
    }

    @Test
    void test_taskgroup_10() {
        TestLoop.run(bodyFails(false));
    }

    // test_taskgroups.py: test_taskgroup_11
    @Async
    Coroutine<Void> runner11() {
        await(taskGroup(g1 -> {
            await(taskGroup(g2 -> {
                for (int i = 0; i < 5; i++) {
                    g2.createTask(divideByZeroWhenCancelled());
                }
                await(sleep(10));
                return done();
            }));
            return done();
        }));
        return done();
    }

    // test_taskgroups.py: test_taskgroup_12
    @Async
    Coroutine<Void> runner12() {
        await(taskGroup(g1 -> {
            g1.createTask(sleep(10, null));
            await(taskGroup(g2 -> {
                for (int i = 0; i < 5; i++) {
                    g2.createTask(divideByZeroWhenCancelled());
                }
                await(sleep(10));
                return done();
            }));
            return done();
        }));
        return done();
    }

    @Async
    Coroutine<Void> cancelAfter(double delay, Coroutine<Void> runner) {
        Task<Void> r = createTask(runner);
        await(sleep(delay));
        assertFalse(r.done());
        r.cancel();
        try {
            await(r);
            fail("not cancelled");
        } catch (CancelledError expected) {
            // as asyncio
        }
        return done();
    }

    @Test
    void test_taskgroup_11() {
        TaskGroupException eg = TestLoop.run(cancelExpectingGroup(runner11()));
        assertEquals(Set.of(TaskGroupException.class), errorTypes(eg));
        assertEquals(Set.of(ArithmeticException.class), errorTypes((TaskGroupException) eg.exceptions().get(0)));
    }

    @Test
    void test_taskgroup_12() {
        TaskGroupException eg = TestLoop.run(cancelExpectingGroup(runner12()));
        assertEquals(Set.of(TaskGroupException.class), errorTypes(eg));
        assertEquals(Set.of(ArithmeticException.class), errorTypes((TaskGroupException) eg.exceptions().get(0)));
    }

    @Async
    Coroutine<Void> crashAfter(double t) {
        await(sleep(t));
        throw new IllegalArgumentException(String.valueOf(t));
    }

    // test_taskgroups.py: test_taskgroup_13
    @Async
    Coroutine<Void> runner13() {
        await(taskGroup(g1 -> {
            g1.createTask(crashAfter(0.1));
            await(taskGroup(g2 -> {
                g2.createTask(crashAfter(10));
                return done();
            }));
            return done();
        }));
        return done();
    }

    @Test
    void test_taskgroup_13() {
        TaskGroupException eg = assertThrows(TaskGroupException.class, () -> TestLoop.run(runner13()));
        assertEquals(Set.of(IllegalArgumentException.class), errorTypes(eg));
    }

    // test_taskgroups.py: test_taskgroup_14
    @Async
    Coroutine<Void> runner14() {
        await(taskGroup(g1 -> {
            g1.createTask(crashAfter(10));
            await(taskGroup(g2 -> {
                g2.createTask(crashAfter(0.1));
                return done();
            }));
            return done();
        }));
        return done();
    }

    @Test
    void test_taskgroup_14() {
        TaskGroupException eg = assertThrows(TaskGroupException.class, () -> TestLoop.run(runner14()));
        assertEquals(Set.of(TaskGroupException.class), errorTypes(eg));
        assertEquals(Set.of(IllegalArgumentException.class), errorTypes((TaskGroupException) eg.exceptions().get(0)));
    }

    @Async
    Coroutine<Void> crashSoon(double delay) {
        await(sleep(delay));
        int zero = 0;
        num = 1 / zero;
        return done();
    }

    // test_taskgroups.py: test_taskgroup_15
    @Async
    Coroutine<Void> nestedRunner15() {
        await(taskGroup(g1 -> {
            g1.createTask(crashSoon(0.3));
            try {
                await(sleep(10));
            } catch (CancelledError e) {
                await(sleep(0.5));
                throw e;
            }
            return done();
        }));
        return done();
    }

    @Test
    void test_taskgroup_15() {
        // the child fails while the body cleans up after the outside cancellation: errors win
        TaskGroupException eg = TestLoop.run(cancelExpectingGroup(nestedRunner15()));
        assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
    }

    // test_taskgroups.py: test_taskgroup_16
    @Async
    Coroutine<Void> runner16() {
        await(createTask(nestedRunner15()));
        return done();
    }

    @Test
    void test_taskgroup_16() {
        TaskGroupException eg = TestLoop.run(cancelExpectingGroup(runner16()));
        assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
    }

    // test_taskgroups.py: test_taskgroup_17
    @Async
    Coroutine<Void> runner17() {
        await(taskGroup(g -> {
            try {
                await(sleep(10));
            } catch (CancelledError e) {
                num += 10;
                throw e;
            }
            return done();
        }));
        return done();
    }

    @Test
    void test_taskgroup_17() {
        TestLoop.run(cancelAfter(0.1, runner17()));
        assertEquals(10, num);
    }

    // test_taskgroups.py: test_taskgroup_18
    @Async
    Coroutine<Void> runner18() {
        await(taskGroup(g -> {
            try {
                await(sleep(10));
            } catch (CancelledError e) {
                num += 10;
                throw new MyExc(); // not a good idea, but supported
            }
            return done();
        }));
        return done();
    }

    @Async
    Coroutine<Void> taskgroup18() {
        Task<Void> r = createTask(runner18());
        await(sleep(0.1));
        assertFalse(r.done());
        r.cancel();
        try {
            await(r);
            fail("ExceptionGroup was not raised");
        } catch (TaskGroupException eg) {
            assertEquals(Set.of(MyExc.class), errorTypes(eg));
        }
        assertEquals(10, num);
        return done();
    }

    @Test
    void test_taskgroup_18() {
        TestLoop.run(taskgroup18());
    }

    // test_taskgroups.py: test_taskgroup_19
    @Async
    Coroutine<Void> nestedRaisesInFinally() {
        try {
            await(sleep(10));
        } finally {
            throw new MyExc();
        }
    }

    @Async
    Coroutine<Void> runner19() {
        await(taskGroup(g -> {
            g.createTask(crashSoon(0.1));
            await(nestedRaisesInFinally());
            return done();
        }));
        return done();
    }

    @Test
    void test_taskgroup_19() {
        TaskGroupException eg = assertThrows(TaskGroupException.class, () -> TestLoop.run(runner19()));
        assertEquals(Set.of(MyExc.class, ArithmeticException.class), errorTypes(eg));
        // asyncio appends the body's own error after the children's
        assertInstanceOf(ArithmeticException.class, eg.exceptions().get(0));
        assertInstanceOf(MyExc.class, eg.exceptions().get(1));
    }

    // test_taskgroups.py: test_taskgroup_22
    @Async
    Coroutine<Void> runner22() {
        await(taskGroup(g -> {
            g.createTask(after(1, 42));
            g.createTask(after(2, 11));
            return done();
        }));
        return done();
    }

    @Test
    void test_taskgroup_22() {
        TestLoop.run(cancelAfter(0.05, runner22()));
    }

    // test_taskgroups.py: test_taskgroup_24
    @Async
    Coroutine<Void> root(TaskGroup g) {
        await(sleep(0.1));
        g.createTask(sleep(0.1, null));
        g.createTask(sleep(0.2, null));
        return done();
    }

    @Async
    Coroutine<Double> runner24() {
        await(taskGroup(g -> {
            g.createTask(root(g));
            return done();
        }));
        return result(io.github.jawait.Asyncio.getRunningLoop().time());
    }

    @Test
    void test_taskgroup_24() {
        assertEquals(0.3, TestLoop.run(runner24()), 1e-9); // the group waited for the grandchildren
    }

    // test_taskgroups.py: test_taskgroup_25
    int nhydras;

    @Async
    Coroutine<Void> hydra(TaskGroup g) {
        nhydras++;
        await(sleep(0.01));
        g.createTask(hydra(g));
        g.createTask(hydra(g));
        return done();
    }

    @Async
    Coroutine<Void> hercules() {
        while (nhydras < 10) {
            await(sleep(0.015));
        }
        int zero = 0;
        num = 1 / zero;
        return done();
    }

    @Async
    Coroutine<Void> runner25() {
        await(taskGroup(g -> {
            g.createTask(hydra(g));
            g.createTask(hercules());
            return done();
        }));
        return done();
    }

    @Test
    void test_taskgroup_25() {
        TaskGroupException eg = assertThrows(TaskGroupException.class, () -> TestLoop.run(runner25()));
        assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
        assertTrue(nhydras >= 10, "nhydras=" + nhydras);
    }

    // test_taskgroups.py: test_taskgroup_task_name and test_name
    String seenName;

    @Async
    Coroutine<Void> recordName() {
        seenName = currentTask().getName();
        return done();
    }

    @Async
    Coroutine<Void> taskName() {
        await(taskGroup(g -> {
            Task<Void> t = g.createTask(recordName(), "yolo");
            assertEquals("yolo", t.getName());
            return done();
        }));
        assertEquals("yolo", seenName);
        return done();
    }

    @Test
    void test_taskgroup_task_name() {
        TestLoop.run(taskName());
    }

    // test_taskgroups.py: test_taskgroup_no_create_task_after_failure
    @Async
    Coroutine<Void> coro2TriesToCreate(TaskGroup g) {
        try {
            await(sleep(1));
        } catch (CancelledError e) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> g.createTask(divideByZeroAfter(0.001)));
            assertEquals("TaskGroup is shutting down", refused.getMessage());
            num = 100;
        }
        return done();
    }

    @Async
    Coroutine<Void> noCreateTaskAfterFailure() {
        try {
            await(taskGroup(g -> {
                g.createTask(divideByZeroAfter(0.001));
                g.createTask(coro2TriesToCreate(g));
                return done();
            }));
            fail("ExceptionGroup was not raised");
        } catch (TaskGroupException eg) {
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
        }
        assertEquals(100, num);
        return done();
    }

    @Test
    void test_taskgroup_no_create_task_after_failure() {
        TestLoop.run(noCreateTaskAfterFailure());
    }

    // test_taskgroups.py: test_taskgroup_finished and test_coro_closed_when_tg_closed
    @Async
    Coroutine<Void> createAfterFinish() {
        TaskGroup[] saved = new TaskGroup[1];
        await(taskGroup(g -> {
            saved[0] = g;
            return done();
        }));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> saved[0].createTask(sleep(0, null)));
        assertEquals("TaskGroup is finished", e.getMessage());
        return done();
    }

    @Test
    void test_taskgroup_finished() {
        TestLoop.run(createAfterFinish());
    }

    @Async
    Coroutine<Void> raiseAfter(double t, RuntimeException e) {
        await(sleep(t));
        throw e;
    }

    // test_taskgroups.py: test_cancelling_level_preserved
    @Async
    Coroutine<Void> cancellingLevelPreserved() {
        try {
            await(taskGroup(g -> {
                g.createTask(raiseAfter(0, new IllegalStateException()));
                return done();
            }));
            fail("not raised");
        } catch (TaskGroupException expected) {
            // except* RuntimeError
        }
        assertEquals(0, currentTask().cancelling());
        return done();
    }

    @Test
    void test_cancelling_level_preserved() {
        TestLoop.run(cancellingLevelPreserved());
    }

    // test_taskgroups.py: test_nested_groups_both_cancelled
    @Async
    Coroutine<Void> nestedGroupsBothCancelled() {
        try {
            await(taskGroup(outer -> {
                try {
                    await(taskGroup(inner -> {
                        inner.createTask(raiseAfter(0, new IllegalStateException()));
                        outer.createTask(raiseAfter(0, new IllegalArgumentException()));
                        return done();
                    }));
                    fail("RuntimeError not raised");
                } catch (TaskGroupException e) {
                    assertEquals(Set.of(IllegalStateException.class), errorTypes(e));
                }
                assertEquals(1, currentTask().cancelling());
                return done();
            }));
            fail("ValueError not raised");
        } catch (TaskGroupException e) {
            assertEquals(Set.of(IllegalArgumentException.class), errorTypes(e));
        }
        assertEquals(0, currentTask().cancelling());
        return done();
    }

    @Test
    void test_nested_groups_both_cancelled() {
        TestLoop.run(nestedGroupsBothCancelled());
    }

    // test_taskgroups.py: test_error_and_cancel (issue 13, item 1: errors win, the parent is re-cancelled)
    @Async
    Coroutine<Void> raiseError(Event event) {
        event.set();
        await(sleep(0));
        throw new IllegalStateException("boom");
    }

    @Async
    Coroutine<Void> errorAndCancelInner(Event event) {
        try {
            await(taskGroup(tg -> {
                tg.createTask(raiseError(event));
                await(sleep(1));
                fail("Sleep in group should have been cancelled");
                return done();
            }));
        } catch (TaskGroupException e) {
            assertEquals(Set.of(IllegalStateException.class), errorTypes(e));
            assertEquals(1, currentTask().cancelling());
            num = 1;
        }
        assertEquals(1, currentTask().cancelling());
        await(sleep(1));
        fail("Sleep after group should have been cancelled");
        return done();
    }

    @Async
    Coroutine<Void> errorAndCancel() {
        Event event = new Event();
        Task<Void> t = createTask(errorAndCancelInner(event));
        await(event.waitFor());
        assertEquals(0, t.cancelling());
        t.cancel();
        assertEquals(1, t.cancelling());
        try {
            await(t);
            fail("not cancelled");
        } catch (CancelledError expected) {
            // the cancellation from outside was not lost
        }
        assertTrue(t.cancelled());
        assertEquals(1, num, "the group raised its errors first");
        return done();
    }

    @Test
    void test_error_and_cancel() {
        TestLoop.run(errorAndCancel());
    }

    // test_taskgroups.py: test_cancels_task_if_created_during_creation
    boolean ran;

    @Async
    Coroutine<Void> thirdTask() {
        throw new MyExc();
    }

    @Async
    Coroutine<Void> secondTask(TaskGroup tg) {
        tg.createTask(thirdTask());
        try {
            await(sleep(0));
            await(sleep(0)); // lazy tasks are cancelled here
            fail("not cancelled");
        } catch (CancelledError expected) {
            ran = true;
        }
        return done();
    }

    @Async
    Coroutine<Void> cancelsTaskCreatedDuringCreation() {
        try {
            await(taskGroup(tg -> {
                tg.createTask(secondTask(tg));
                return done();
            }));
            fail("MyError not raised");
        } catch (TaskGroupException e) {
            assertEquals(List.of(MyExc.class), List.of(e.exceptions().get(0).getClass()));
        }
        assertTrue(ran);
        return done();
    }

    @Test
    void test_cancels_task_if_created_during_creation() {
        TestLoop.run(cancelsTaskCreatedDuringCreation());
    }

    // test_taskgroups.py: test_cancellation_does_not_leak_out_of_tg
    @Async
    Coroutine<String> cancellationDoesNotLeak() {
        try {
            await(taskGroup(tg -> {
                tg.createTask(thirdTask());
                return done();
            }));
            fail("should have raised one MyError in group");
        } catch (TaskGroupException e) {
            assertEquals(1, e.exceptions().size());
        }
        await(sleep(0)); // a leaked cancellation would strike here
        return result("not cancelled");
    }

    @Test
    void test_cancellation_does_not_leak_out_of_tg() {
        assertEquals("not cancelled", TestLoop.run(cancellationDoesNotLeak()));
    }

    // test_taskgroups.py: test_exception_refcycles_propagate_cancellation_error (its behaviour:
    // a group inside an expired timeout gives the timeout a CancelledError as its cause)
    @Async
    Coroutine<Throwable> groupInsideExpiredTimeout() {
        try {
            await(timeout(Duration.ofSeconds(-1), t -> {
                await(taskGroup(tg -> {
                    await(sleep(0));
                    return done();
                }));
                return done();
            }));
        } catch (AsyncTimeoutException e) {
            return result(e.getCause());
        }
        return result(null);
    }

    @Test
    void test_exception_refcycles_propagate_cancellation_error() {
        assertInstanceOf(CancelledError.class, TestLoop.run(groupInsideExpiredTimeout()));
    }
}
