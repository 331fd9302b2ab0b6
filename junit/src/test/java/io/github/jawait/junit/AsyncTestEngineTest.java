package io.github.jawait.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** Runs fixture classes through the jawait engine (EngineTestKit) and checks what it reports. */
class AsyncTestEngineTest {

    private static Events run(Class<?> fixture) {
        return EngineTestKit.engine(JawaitTestEngine.ID).selectors(selectClass(fixture)).execute().testEvents();
    }

    private static Throwable onlyFailure(Class<?> fixture) {
        Events events = run(fixture);
        events.assertStatistics(s -> s.started(1).failed(1).succeeded(0));
        Event failed = events.failed().list().get(0);
        return failed.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
    }

    // ---- the tests

    @Test
    void aCoroutineTestRunsOnAFreshLoopWithVirtualTimeAndInjectedParameters() {
        EngineFixtures.Passing.SEEN.clear();
        run(EngineFixtures.Passing.class).assertStatistics(s -> s.started(1).succeeded(1).failed(0));
        assertEquals(List.of(3600.0, 3600.0, true), EngineFixtures.Passing.SEEN);
    }

    @Test
    void theTestsExceptionIsTheFailure() {
        Throwable t = onlyFailure(EngineFixtures.Failing.class);
        assertSame(IllegalStateException.class, t.getClass());
        assertEquals("boom at 1 s", t.getMessage());
    }

    @Test
    void aTaskStillRunningAtTheEndFailsTheTestNamingIt() {
        Throwable t = onlyFailure(EngineFixtures.Leaking.class);
        assertSame(org.opentest4j.AssertionFailedError.class, t.getClass());
        assertTrue(t.getMessage().startsWith(EngineFixtures.Leaking.class.getName() + ".leavesATaskRunning: 1 task was still running"
                + " when the test ended (await or cancel them before returning):\n  <Task forgotten-worker pending"),
                t.getMessage());
    }

    @Test
    void aFailureNobodyRetrievedFailsTheTestNamingTheTask() {
        Throwable t = onlyFailure(EngineFixtures.NeverRetrieved.class);
        assertSame(org.opentest4j.AssertionFailedError.class, t.getClass());
        assertTrue(t.getMessage().startsWith(EngineFixtures.NeverRetrieved.class.getName() + ".lets_a_task_fail_unseen: 1 task failure"
                + " was never retrieved (await the task or call exception() on it):\n  Task unseen-failure"), t.getMessage());
        assertTrue(t.getMessage().endsWith("exception was never retrieved: java.lang.IllegalArgumentException: nobody looked"),
                t.getMessage());
        assertEquals("nobody looked", t.getSuppressed()[0].getMessage());
    }

    @Test
    void aTimeoutFailsWithTheLiveTasksAndTheirStates() {
        Throwable t = onlyFailure(EngineFixtures.TimesOut.class);
        assertSame(org.opentest4j.AssertionFailedError.class, t.getClass());
        String m = t.getMessage();
        assertTrue(m.startsWith(EngineFixtures.TimesOut.class.getName() + ".waitsTooLong timed out after 5.0 s of loop time;"
                + " tasks alive at the deadline:\n"), m);
        assertTrue(m.contains("<Task slow-child pending"), m);
        assertTrue(m.contains("<Task Task-1 pending"), m);
        assertEquals(3, m.lines().count(), m);
    }

    @Test
    void aParameterThatCannotBeInjectedIsNamed() {
        Throwable t = onlyFailure(EngineFixtures.WrongParameter.class);
        assertEquals(EngineFixtures.WrongParameter.class.getName() + ".wantsAString: cannot inject a parameter of type java.lang.String;"
                + " @AsyncTest methods may take EventLoop and VirtualClock", t.getMessage());
    }

    @Test
    void aMethodThatReturnsNoCoroutineIsRefused() {
        Throwable t = onlyFailure(EngineFixtures.NotACoroutine.class);
        assertEquals("@AsyncTest method " + EngineFixtures.NotACoroutine.class.getName() + ".returnsNothing must return Coroutine<?>"
                + " (and be @Async), but it returns void", t.getMessage());
    }

    @Test
    void testsRunInParallelEachOnItsOwnLoopAndThread() {
        Events events = EngineTestKit.engine(JawaitTestEngine.ID)
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "2")
                .selectors(selectClass(EngineFixtures.Parallel.class)).execute().testEvents();
        events.assertStatistics(s -> s.started(2).succeeded(2).failed(0));
        assertEquals(2, EngineFixtures.Parallel.LOOPS.size());
        assertEquals(2, EngineFixtures.Parallel.THREADS.size());
    }

    @Test
    void aTestCanBeSelectedByItsUniqueId() {
        String id = "[engine:jawait]/[class:" + EngineFixtures.Passing.class.getName()
                + "]/[method:sleepsAnHourInNoTime(io.github.jawait.VirtualClock,io.github.jawait.EventLoop)]";
        EngineTestKit.engine(JawaitTestEngine.ID).selectors(selectUniqueId(id)).execute().testEvents()
                .assertStatistics(s -> s.started(1).succeeded(1));
    }
}
