package io.github.jawait.tests;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.core.CoroutineFrame;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code await(f(args))} of a static {@code @Async} method of the same class calls f's direct
 * variant: its body runs with no frame, and the frame is made only when it suspends. What the
 * caller sees (values, order of events, failures and their traces) is what an inline start gives.
 */
class DirectCallTest {
    static final List<String> events = new ArrayList<>();

    @Async
    static Coroutine<Void> noop() {
        return done();
    }

    @Async
    static Coroutine<Long> callsNoop(int n) {
        long before = allocatedBytes();
        for (int i = 0; i < n; i++) {
            await(noop());
        }
        return result(allocatedBytes() - before);
    }

    @Async
    Coroutine<Void> noopOfAnInstance() {
        return done();
    }

    @Async
    Coroutine<Long> callsNoopOfAnInstance(int n) {
        long before = allocatedBytes();
        for (int i = 0; i < n; i++) {
            await(noopOfAnInstance()); // an instance method: no variant, its factory makes a frame
        }
        return result(allocatedBytes() - before);
    }

    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void theAgentWritesAVariantOnlyForStaticMethodsAwaitedRightAfterTheirCall() throws Exception {
        // named as the resume method, (args, caller) -> Object: with no arguments, only the return type differs
        List<Method> noops = Arrays.stream(DirectCallTest.class.getDeclaredMethods())
                .filter(m -> m.getName().equals("noop$resume")).toList();
        assertEquals(2, noops.size(), noops::toString);
        Method variant = noops.stream().filter(m -> m.getReturnType() == Object.class).findFirst().orElseThrow();
        assertEquals(List.of(CoroutineFrame.class), List.of(variant.getParameterTypes()));
        assertTrue(Modifier.isStatic(variant.getModifiers()) && Modifier.isPrivate(variant.getModifiers())
                && variant.isSynthetic());
        assertEquals(Object.class, DirectCallTest.class
                .getDeclaredMethod("suspendsHalfway$resume", long.class, double.class, String.class, CoroutineFrame.class)
                .getReturnType());
        // only passed to createTask, never awaited at its call: no variant
        assertTrue(Arrays.stream(DirectCallTest.class.getDeclaredMethods())
                .noneMatch(m -> m.getName().equals("record$resume") && m.getParameterCount() > 1));
    }

    @Test
    void anAwaitedCallThatNeverSuspendsAllocatesNothing() {
        int n = 100_000;
        long direct = TestLoop.run(callsNoop(n));
        long withFrames = TestLoop.run(new DirectCallTest().callsNoopOfAnInstance(n));
        assertTrue(direct < n, "direct calls allocated " + direct + " bytes for " + n + " calls");
        // the contrast: a frame of at least 32 bytes per call where there is no variant
        assertTrue(withFrames >= 32L * n, "frames allocated " + withFrames + " bytes for " + n + " calls");
    }

    @Async
    static Coroutine<Void> record(String event) {
        events.add(event);
        return done();
    }

    @Async
    static Coroutine<String> suspendsHalfway(long big, double ratio, String name) {
        events.add(name + " starts");
        long doubled = big * 2;
        await(sleep(0)); // the frame is made here, with what is live
        events.add(name + " resumes");
        await(sleep(0));
        return result(name + " " + doubled + " " + (ratio * 2));
    }

    @Async
    static Coroutine<String> callsOneThatSuspends() {
        createTask(record("other task"));
        String s = await(suspendsHalfway(1L << 40, 0.25, "child"));
        events.add("caller after");
        return result(s);
    }

    @Test
    void aDirectCallThatSuspendsKeepsItsValuesAndLetsOtherTasksRun() {
        events.clear();
        assertEquals("child 2199023255552 0.5", TestLoop.run(callsOneThatSuspends()));
        assertEquals(List.of("child starts", "other task", "child resumes", "caller after"), events);
    }

    @Async
    static Coroutine<Integer> fails(Task<Integer> failed) {
        return result(await(failed)); // rethrows another task's failure without suspending
    }

    @Async
    static Coroutine<Integer> failsAtOnce() {
        throw new IllegalStateException("made here");
    }

    @Async
    static Coroutine<String> awaitsFailures() {
        Task<Integer> failed = createTask(failsAtOnce());
        await(sleep(0));
        int line = 0;
        try {
            line = new Throwable().getStackTrace()[0].getLineNumber(); await(fails(failed));
            return result("no failure");
        } catch (IllegalStateException e) {
            assertSame(failed.exception(), e);
            int elements = 0;
            for (StackTraceElement s : e.getStackTrace()) {
                if ("async".equals(s.getClassLoaderName()) && s.getMethodName().equals("awaitsFailures")
                        && s.getLineNumber() == line) {
                    elements++;
                }
            }
            return result(e.getMessage() + ", async elements for this await: " + elements);
        }
    }

    @Test
    void aFailureMadeElsewhereGetsTheCallersAsyncElementOnce() {
        assertEquals("made here, async elements for this await: 1", TestLoop.run(awaitsFailures()));
    }

    @Async
    static Coroutine<Integer> throwsBelow(int depth) {
        if (depth == 0) {
            throw new UnsupportedOperationException("deep " + depth);
        }
        return result(await(throwsBelow(depth - 1)));
    }

    @Test
    void aFailureMadeBelowShowsEveryCallerOnItsJavaStackAndNoAsyncElement() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> TestLoop.run(throwsBelow(5)));
        assertEquals("deep 0", e.getMessage());
        StackTraceElement[] trace = e.getStackTrace();
        assertEquals("throwsBelow$resume", trace[0].getMethodName());
        assertEquals(6, Arrays.stream(trace).filter(s -> s.getMethodName().equals("throwsBelow$resume")).count(),
                Arrays.toString(trace));
        assertEquals(0, Arrays.stream(trace).filter(s -> "async".equals(s.getClassLoaderName())).count(),
                Arrays.toString(trace));
    }

    @Async
    static Coroutine<Object> returnsNull() {
        return null;
    }

    @Async
    static Coroutine<String> awaitsNull() {
        try {
            await(returnsNull());
            return result("no failure");
        } catch (NullPointerException e) {
            return result(e.getMessage());
        }
    }

    @Test
    void aReturnedNullFailsAsItDoesWithAFrame() {
        assertEquals(DirectCallTest.class.getName() + ".returnsNull returned null: an @Async method returns"
                + " result(value) (result(null) for a null value), done() for Coroutine<Void>, end() for"
                + " AsyncGenerator, or another coroutine, never null", TestLoop.run(awaitsNull()));
    }

    /** Instance methods no subclass can override: private, final, or of a final class. */
    static class Account {
        final List<String> log = new ArrayList<>();
        int balance = 100;

        @Async
        private Coroutine<Integer> withdraw(int amount, boolean slow) {
            if (slow) {
                await(sleep(0));
            }
            balance -= amount;
            log.add("withdrew " + amount);
            return result(balance);
        }

        @Async
        final Coroutine<Integer> withdrawTwice(int amount) {
            await(withdraw(amount, false));
            return result(await(withdraw(amount, true)));
        }

        @Async
        Coroutine<String> describe() {
            return result("account");
        }

        @Async
        Coroutine<String> run(Account other) {
            int left = await(withdrawTwice(10));
            String kind = await(describe());
            try {
                await(other.withdraw(1, false));
            } catch (NullPointerException e) {
                return result(left + " " + kind + " / " + e.getMessage());
            }
            return result(left + " " + kind + " / " + await(other.withdraw(5, true)));
        }
    }

    static final class Savings extends Account {
        @Override
        @Async
        Coroutine<String> describe() {
            return result("savings");
        }
    }

    @Test
    void privateAndFinalInstanceMethodsAreCalledDirectlyAndOverridableOnesThroughTheirFactory() throws Exception {
        assertEquals(Object.class, Account.class
                .getDeclaredMethod("withdraw$resume", Account.class, int.class, boolean.class, CoroutineFrame.class)
                .getReturnType());
        assertEquals(Object.class, Account.class
                .getDeclaredMethod("withdrawTwice$resume", Account.class, int.class, CoroutineFrame.class)
                .getReturnType());
        // describe() may be overridden: no variant, and the override runs
        assertTrue(Arrays.stream(Account.class.getDeclaredMethods())
                .noneMatch(m -> m.getName().equals("describe$resume") && m.getParameterCount() > 1));
        Savings a = new Savings();
        Account b = new Account();
        assertEquals("80 savings / 94", TestLoop.run(a.run(b)));
        assertEquals(List.of("withdrew 10", "withdrew 10"), a.log);
        assertEquals(List.of("withdrew 1", "withdrew 5"), b.log);
    }

    @Test
    void aNullReceiverFailsBeforeTheBodyRunsAsTheCallWould() {
        Account a = new Account();
        assertEquals("80 account / Cannot invoke \"" + Account.class.getName() + ".withdraw(int, boolean)\""
                + " because the receiver is null", TestLoop.run(a.run(null)));
        assertEquals(List.of("withdrew 10", "withdrew 10"), a.log);
    }
}
