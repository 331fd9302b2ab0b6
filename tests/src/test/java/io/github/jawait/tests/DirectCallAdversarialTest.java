package io.github.jawait.tests;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.currentTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.emit;
import static io.github.jawait.Asyncio.end;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.taskGroup;
import static io.github.jawait.Asyncio.timeout;
import static io.github.jawait.Asyncio.waitFor;
import static io.github.jawait.tests.diagnostics.AsyncStackTraceTest.asyncFrames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.AsyncGenerator;
import io.github.jawait.AsyncTimeoutException;
import io.github.jawait.AsyncTransformError;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.Task;
import io.github.jawait.TaskInfo;
import io.github.jawait.VirtualClock;
import io.github.jawait.core.CoroutineFrame;
import io.github.jawait.tests.shapes.MisuseDirectCall;
import io.github.jawait.tests.shapes.SourceLines;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attempts to break direct calls: {@code await(f(args))} of a static {@code @Async} method of the
 * same class runs f's direct variant {@code f$resume(args, caller)}, which makes f's frame only
 * when it must suspend. Each group first checks that the variant exists and that the callee ran
 * right below its caller's method on the Java stack, so that the old path (the factory, then an
 * inline start) cannot pass these tests silently. The static methods of {@link InlineStartTest}
 * and {@link InlineStartAdversarialTest} take direct calls too (context variables set in the
 * callee, a stack overflow in it, the identity of a failure, ...): their cases are not repeated here.
 */
class DirectCallAdversarialTest {
    static final List<String> EVENTS = new ArrayList<>();
    static final String CLS = DirectCallAdversarialTest.class.getName();
    static final String FILE = "DirectCallAdversarialTest.java";

    @BeforeEach
    void clearEvents() {
        EVENTS.clear();
    }

    /** The line of this file that carries the comment {@code // at:name}. */
    static int line(String name) {
        return SourceLines.lineOf(DirectCallAdversarialTest.class, "// at:" + name);
    }

    /** The direct variant of {@code owner.name(params)}: {@code name$resume(params, CoroutineFrame) -> Object}. */
    static Method variant(Class<?> owner, String name, Class<?>... params) {
        Class<?>[] withCaller = Arrays.copyOf(params, params.length + 2); // the anchor frame and the depth
        withCaller[params.length] = CoroutineFrame.class;
        withCaller[params.length + 1] = int.class;
        List<Method> found = Arrays.stream(owner.getDeclaredMethods())
                .filter(m -> m.getName().startsWith(name + "$resume") && m.getReturnType() == Object.class
                        && Arrays.equals(m.getParameterTypes(), withCaller))
                .toList();
        assertEquals(1, found.size(), () -> "no direct variant of " + name + Arrays.toString(params) + " in "
                + Arrays.toString(owner.getDeclaredMethods()));
        Method m = found.get(0);
        assertTrue(Modifier.isStatic(m.getModifiers()) && Modifier.isPrivate(m.getModifiers()) && m.isSynthetic(),
                m.toString());
        return m;
    }

    /** The name of the method right under {@code method}'s rewritten code on the Java stack. */
    static String callerOf(String method) {
        StackTraceElement[] st = new Throwable().getStackTrace();
        for (int i = 0; i + 1 < st.length; i++) {
            if (st[i].getMethodName().equals(method + "$resume")) {
                return st[i + 1].getMethodName();
            }
        }
        return "not on the stack";
    }

    @Test
    void everyDirectlyAwaitedStaticMethodHasAVariant() {
        variant(DirectCallAdversarialTest.class, "manyLocals", int.class, int.class, long.class, double.class,
                float.class, char.class, boolean.class, String.class, int[].class);
        variant(DirectCallAdversarialTest.class, "pauseIf", boolean.class, int.class);
        variant(DirectCallAdversarialTest.class, "half", boolean.class, double.class);
        variant(DirectCallAdversarialTest.class, "childWithHandlers", boolean.class, boolean.class);
        variant(DirectCallAdversarialTest.class, "readsFailed", Task.class, boolean.class);
        variant(DirectCallAdversarialTest.class, "delegates", int.class, Task.class);
        variant(DirectCallAdversarialTest.class, "returnsNull", boolean.class);
        variant(DirectCallAdversarialTest.class, "sumTo", int.class, int.class);
        variant(DirectCallAdversarialTest.class, "chainDepthOnStack", int.class);
        variant(DirectCallAdversarialTest.class, "childCancelled");
        variant(DirectCallAdversarialTest.class, "over", int.class);
        variant(DirectCallAdversarialTest.class, "over", long.class);
        variant(Statics.class, "twice", int.class);
        variant(MisuseDirectCall.class, "refused", int.class);
        variant(MisuseDirectCall.class, "fine", int.class);
    }

    // ---- live values of every type across the variant's 1st, 2nd and 3rd await

    @Async
    static Coroutine<Integer> pauseIf(boolean pause, int v) {
        if (pause) {
            await(sleep(1));
        }
        return result(v);
    }

    @Async
    static Coroutine<Double> half(boolean pause, double x) {
        if (pause) {
            await(sleep(1));
        }
        return result(x / 2);
    }

    @Async
    static Coroutine<String> manyLocals(int suspendAt, int i, long l, double d, float f, char c, boolean z, String s,
            int[] arr) {
        EVENTS.add("manyLocals under " + callerOf("manyLocals"));
        i = i * 10; // arguments reassigned before the first await
        s = s + "!";
        arr = new int[] {arr[0] + 1, arr[1] + 1};
        byte b = 7;
        short sh = -3;
        Object o = List.of("o");
        String r1 = "r1";
        String r2 = "r2";
        StringBuilder sb = new StringBuilder("sb");
        long[] la = {l, l + 1};
        int a = await(pauseIf(suspendAt == 1 || suspendAt == 4, 1));
        l += a;
        d *= 2;
        f += 0.5f;
        c++;
        z = !z;
        sb.append(a);
        int b2 = await(pauseIf(suspendAt == 2 || suspendAt == 4, 2));
        i += b2;
        sh += (short) b2;
        r1 = r1 + b2;
        double dd = await(half(suspendAt == 3 || suspendAt == 4, d));
        return result(i + "|" + l + "|" + d + "|" + f + "|" + c + "|" + z + "|" + s + "|" + Arrays.toString(arr)
                + "|" + b + "|" + sh + "|" + o + "|" + r1 + r2 + "|" + sb + "|" + Arrays.toString(la) + "|" + dd
                + "|" + suspendAt);
    }

    @Async
    static Coroutine<String> callsManyLocals(int suspendAt) {
        long before = 42L;
        double w = 0.5;
        char q = 'q';
        String tag = "tag";
        int[] keep = {9};
        String r = await(manyLocals(suspendAt, 3, 1_000_000_000_000L, 1.5, 2.25f, 'x', true, "s", new int[] {5, 6}));
        keep[0]++;
        return result(r + "/" + before + "/" + w + "/" + q + "/" + tag + "/" + keep[0]);
    }

    @Test
    void valuesOfEveryTypeSurviveASuspensionAtAnyAwaitOfTheVariant() {
        double[] times = {0, 1, 1, 1, 3};
        for (int at = 0; at <= 4; at++) {
            EVENTS.clear();
            try (EventLoop loop = new EventLoop(new VirtualClock())) {
                assertEquals("32|1000000000001|3.0|2.75|y|false|s!|[6, 7]|7|-1|[o]|r12r2|sb1"
                        + "|[1000000000000, 1000000000001]|1.5|" + at + "/42/0.5/q/tag/10",
                        loop.runUntilComplete(callsManyLocals(at)), "suspending at " + at);
                assertEquals(times[at], loop.time(), 1e-9);
            }
            assertEquals(List.of("manyLocals under callsManyLocals$resume"), EVENTS); // no factory, no inline start
        }
    }

    // ---- failures: identity, before and after the first suspension, handlers that await

    @Async
    static Coroutine<String> childWithHandlers(boolean late, boolean pauseInHandlers) {
        try {
            EVENTS.add("child try");
            if (late) {
                await(pauseIf(true, 0));
            }
            await(pauseIf(false, 0));
            throw new IllegalArgumentException("child failed " + (late ? "late" : "early"));
        } catch (IllegalArgumentException e) {
            int v = await(pauseIf(pauseInHandlers, 5));
            EVENTS.add("child catch " + e.getMessage() + " " + v);
            throw new IllegalStateException("rethrown: " + e.getMessage(), e);
        } finally {
            await(pauseIf(pauseInHandlers, 0));
            EVENTS.add("child finally");
        }
    }

    @Async
    static Coroutine<String> callerWithHandlers(boolean late, boolean pause) {
        try {
            await(childWithHandlers(late, pause)); // at:callerWithHandlers
            return result("not reached");
        } catch (IllegalStateException e) {
            await(pauseIf(pause, 0));
            EVENTS.add("caller catch " + e.getMessage() + " cause " + e.getCause().getMessage() + " " + asyncFrames(e));
            return result(e.getMessage());
        } finally {
            await(pauseIf(pause, 0));
            EVENTS.add("caller finally");
        }
    }

    @Test
    void awaitsInTryCatchAndFinallyOfCalleeAndCallerRunInOrder() {
        String element = "async//" + CLS + ".callerWithHandlers(" + FILE + ":" + line("callerWithHandlers") + ")";
        for (boolean late : new boolean[] {false, true}) {
            for (boolean pause : new boolean[] {false, true}) {
                EVENTS.clear();
                String how = late ? "late" : "early";
                try (EventLoop loop = new EventLoop(new VirtualClock())) {
                    assertEquals("rethrown: child failed " + how, loop.runUntilComplete(callerWithHandlers(late, pause)));
                    assertEquals((late ? 1 : 0) + (pause ? 4 : 0), loop.time(), 1e-9);
                }
                // a failure made in the variant shows the caller on its Java stack: no async element;
                // made after the callee suspended, its frame's return adds the caller's element once
                List<String> frames = late || pause ? List.of(element) : List.of();
                assertEquals(List.of("child try", "child catch child failed " + how + " 5", "child finally",
                        "caller catch rethrown: child failed " + how + " cause child failed " + how + " " + frames,
                        "caller finally"), EVENTS, "late=" + late + " pause=" + pause);
            }
        }
    }

    // ---- a failure made elsewhere (another task's, rethrown)

    @Async
    static Coroutine<Integer> failsInItsOwnTask() {
        throw new UnsupportedOperationException("in the other task");
    }

    @Async
    static Coroutine<Integer> readsFailed(Task<Integer> failed, boolean pauseFirst) {
        EVENTS.add("readsFailed under " + callerOf("readsFailed"));
        if (pauseFirst) {
            await(sleep(1));
        }
        return result(await(failed) + 1);
    }

    @Async
    static Coroutine<Integer> awaitsReader(boolean pauseFirst) {
        Task<Integer> failed = createTask(failsInItsOwnTask());
        await(sleep(1)); // the task fails meanwhile; the caller's label is this await's
        int zero = await(pauseIf(false, 0)); // another direct call, finished: its label is set too
        return result(zero + await(readsFailed(failed, pauseFirst))); // at:awaitsReader
    }

    @Test
    void aFailureMadeElsewhereGetsExactlyOneElementForTheCallersAwaitLine() {
        for (boolean pauseFirst : new boolean[] {false, true}) {
            EVENTS.clear();
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> TestLoop.run(awaitsReader(pauseFirst)));
            assertEquals("in the other task", e.getMessage());
            assertEquals("failsInItsOwnTask$resume", e.getStackTrace()[0].getMethodName());
            assertEquals(List.of("async//" + CLS + ".awaitsReader(" + FILE + ":" + line("awaitsReader") + ")"),
                    asyncFrames(e), "pauseFirst=" + pauseFirst + " " + Arrays.toString(e.getStackTrace()));
            assertEquals(List.of("readsFailed under awaitsReader$resume"), EVENTS);
        }
    }

    @Async
    static Coroutine<Integer> middleReader(Task<Integer> failed, boolean pauseFirst) {
        return result(await(readsFailed(failed, pauseFirst)) * 2); // at:middleReader
    }

    @Async
    static Coroutine<Integer> outerReader(boolean pauseFirst) {
        Task<Integer> failed = createTask(failsInItsOwnTask());
        await(sleep(1));
        return result(await(middleReader(failed, pauseFirst)) + 1); // at:outerReader
    }

    @Test
    void aFailureMadeElsewhereThroughTwoDirectCallsNamesBothCallersOnceInOrder() {
        for (boolean pauseFirst : new boolean[] {false, true}) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> TestLoop.run(outerReader(pauseFirst)));
            assertEquals(List.of("async//" + CLS + ".middleReader(" + FILE + ":" + line("middleReader") + ")",
                    "async//" + CLS + ".outerReader(" + FILE + ":" + line("outerReader") + ")"), asyncFrames(e),
                    "pauseFirst=" + pauseFirst);
        }
    }

    @Async
    static Coroutine<Integer> catchesThenRethrowsLater(Task<Integer> failed) {
        try {
            return result(await(failed));
        } catch (UnsupportedOperationException e) {
            await(sleep(1)); // the variant suspends in its handler: its frame rethrows later
            throw e;
        }
    }

    @Async
    static Coroutine<Integer> awaitsCatcher() {
        Task<Integer> failed = createTask(failsInItsOwnTask());
        await(sleep(1));
        return result(await(catchesThenRethrowsLater(failed))); // at:awaitsCatcher
    }

    @Test
    void aFailureMadeElsewhereCaughtInTheVariantAndRethrownAfterASuspensionIsNamedOnce() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> TestLoop.run(awaitsCatcher()));
        assertEquals(List.of("async//" + CLS + ".awaitsCatcher(" + FILE + ":" + line("awaitsCatcher") + ")"),
                asyncFrames(e));
    }

    // ---- return other(x): finished, suspending, failing below, failing elsewhere; return null; done()

    @Async
    static Coroutine<Integer> immediate(int v) {
        return result(v);
    }

    @Async
    static Coroutine<Integer> later(int v, double seconds) {
        await(sleep(seconds));
        return result(v);
    }

    @Async
    static Coroutine<Integer> delegates(int mode, Task<Integer> failed) {
        EVENTS.add("delegates under " + callerOf("delegates"));
        switch (mode) {
            case 0:
                return immediate(10);
            case 1:
                return later(11, 1);
            case 2:
                return failsFresh();
            case 3:
                return readsFailed(failed, false);
            default:
                return result(14);
        }
    }

    @Async
    static Coroutine<String> awaitsDelegate(int mode) {
        Task<Integer> failed = mode == 3 ? createTask(failsInItsOwnTask()) : null;
        await(sleep(1));
        EVENTS.clear();
        try {
            int v = await(delegates(mode, failed)); // at:awaitsDelegate
            return result("value " + v + " at " + getRunningLoop().time());
        } catch (RuntimeException e) {
            return result(e.getClass().getSimpleName() + " " + e.getMessage() + " " + asyncFrames(e));
        }
    }

    @Test
    void returnOfAnotherCoroutineGivesItsValueOrFailureWhateverItDoes() {
        assertEquals("value 10 at 1.0", TestLoop.run(awaitsDelegate(0)));
        assertEquals(List.of("delegates under awaitsDelegate$resume"), EVENTS);
        assertEquals("value 11 at 2.0", TestLoop.run(awaitsDelegate(1)));
        assertEquals("IllegalStateException fresh []", TestLoop.run(awaitsDelegate(2)));
        // the returned reader ran inline under the delegating frame: the element of that frame
        // (no await line: it returned) and the caller's, each once
        assertEquals("UnsupportedOperationException in the other task [async//" + CLS + ".delegates(" + FILE
                + "), async//" + CLS + ".awaitsDelegate(" + FILE + ":" + line("awaitsDelegate") + ")]",
                TestLoop.run(awaitsDelegate(3)));
        assertEquals("value 14 at 1.0", TestLoop.run(awaitsDelegate(4)));
    }

    @Async
    static Coroutine<Integer> returnsNull(boolean pauseFirst) {
        if (pauseFirst) {
            await(sleep(1));
        }
        return null; // at:returnsNull
    }

    @Async
    static Coroutine<String> awaitsNull(boolean pauseFirst) {
        try {
            await(returnsNull(pauseFirst));
            return result("no failure");
        } catch (NullPointerException e) {
            StackTraceElement user = Arrays.stream(e.getStackTrace())
                    .filter(s -> s.getMethodName().equals("returnsNull$resume")).findFirst().orElseThrow();
            return result(e.getMessage() + " @" + user.getLineNumber());
        }
    }

    @Test
    void returnNullFailsWithTheSameMessageAsOnTheFramePathAtTheReturnLine() {
        String message = CLS + ".returnsNull returned null: an @Async method returns result(value) (result(null) for"
                + " a null value), done() for Coroutine<Void>, end() for AsyncGenerator, or another coroutine, never null";
        NullPointerException root = assertThrows(NullPointerException.class, () -> TestLoop.run(returnsNull(false)));
        assertEquals(message, root.getMessage());
        assertEquals(message + " @" + line("returnsNull"), TestLoop.run(awaitsNull(false)));
        assertEquals(message + " @" + line("returnsNull"), TestLoop.run(awaitsNull(true)));
    }

    @Async
    static Coroutine<Void> returnsDone(boolean pauseFirst) {
        if (pauseFirst) {
            await(sleep(1));
        }
        EVENTS.add("done under " + callerOf("returnsDone"));
        return done();
    }

    @Async
    static Coroutine<String> returnsResultNull() {
        return result(null);
    }

    @Async
    static Coroutine<String> awaitsVoids() {
        Void a = await(returnsDone(false));
        Void b = await(returnsDone(true));
        String c = await(returnsResultNull());
        return result(a + "/" + b + "/" + c);
    }

    @Test
    void doneAndResultOfNullGiveNull() {
        assertEquals("null/null/null", TestLoop.run(awaitsVoids()));
        // after a suspension the frame runs under the driver: no caller's method right below it
        assertEquals("done under awaitsVoids$resume", EVENTS.get(0));
        assertTrue(!EVENTS.get(1).equals("done under awaitsVoids$resume"), EVENTS.toString());
    }

    // ---- recursion through direct calls, and the nesting bound on the Java stack

    @Async
    static Coroutine<Long> sumTo(int n, int pauseEvery) {
        if (n == 0) {
            return result(0L);
        }
        if (pauseEvery > 0 && n % pauseEvery == 0) {
            await(sleep(0));
        }
        return result(await(sumTo(n - 1, pauseEvery)) + n);
    }

    @Test
    void recursionAHundredThousandDeepNeedsNoJavaStackWithOrWithoutSuspensions() {
        assertEquals(5_000_050_000L, TestLoop.run(sumTo(100_000, 0)));
        assertEquals(5_000_050_000L, TestLoop.run(sumTo(100_000, 1000)));
        assertEquals(5_000_050_000L, TestLoop.run(sumTo(100_000, 7)));
    }

    @Async
    static Coroutine<String> chainDepthOnStack(int n) {
        if (n == 0) {
            StackTraceElement[] here = new Throwable().getStackTrace();
            long frames = Arrays.stream(here).filter(e -> e.getMethodName().equals("chainDepthOnStack$resume")).count();
            long inline = Arrays.stream(here).filter(e -> e.getMethodName().equals("startInline")).count();
            return result(frames + "/" + inline);
        }
        return result(await(chainDepthOnStack(n - 1)));
    }

    @Test
    void sixteenDirectCallsNestOnTheJavaStackAndTheSeventeenthIsPushed() {
        assertEquals("17/0", TestLoop.run(chainDepthOnStack(16))); // the root and 16 direct calls
        assertEquals("1/0", TestLoop.run(chainDepthOnStack(17))); // deferred: pushed by the driver, alone
        assertEquals("17/0", TestLoop.run(chainDepthOnStack(33))); // 16 deferred, then 16 direct below it
    }

    // ---- cancellation, timeouts, gather and task groups

    @Async
    static Coroutine<String> childCancelled() {
        try {
            await(sleep(10));
            return result("slept");
        } catch (CancelledError e) {
            EVENTS.add("child sees " + e.getMessage() + ", cancelling=" + currentTask().cancelling());
            throw e;
        } finally {
            EVENTS.add("child finally");
        }
    }

    @Async
    static Coroutine<String> callerUncancels() {
        try {
            return result(await(childCancelled()));
        } catch (CancelledError e) {
            Task<?> me = currentTask();
            EVENTS.add("caller sees " + e.getMessage() + ", cancelling=" + me.cancelling());
            EVENTS.add("uncancelled, left=" + me.uncancel());
            await(sleep(1));
            return result("recovered at " + getRunningLoop().time());
        } finally {
            EVENTS.add("caller finally");
        }
    }

    @Async
    static Coroutine<String> cancelsFromAThirdTask() {
        Task<String> victim = createTask(callerUncancels(), "victim");
        await(sleep(2));
        EVENTS.add("cancel=" + victim.cancel("from outside"));
        String r = await(victim);
        EVENTS.add("victim cancelled()=" + victim.cancelled() + ", cancelling=" + victim.cancelling());
        return result(r);
    }

    @Test
    void aCancellationReachesTheChildSuspendedInADirectCallThenItsCaller() {
        assertEquals("recovered at 3.0", TestLoop.run(cancelsFromAThirdTask()));
        assertEquals(List.of("cancel=true", "child sees from outside, cancelling=1", "child finally",
                "caller sees from outside, cancelling=1", "uncancelled, left=0", "caller finally",
                "victim cancelled()=false, cancelling=0"), EVENTS);
    }

    @Async
    static Coroutine<String> cancelledTwoDeep() {
        try {
            return result(await(callerUncancelsNot()));
        } finally {
            EVENTS.add("outer finally");
        }
    }

    @Async
    static Coroutine<String> callerUncancelsNot() {
        try {
            return result(await(childCancelled()));
        } finally {
            EVENTS.add("middle finally");
        }
    }

    @Test
    void aTaskCancelledWhileSuspendedTwoDirectCallsDeepEndsCancelled() {
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            Task<String> t = loop.createTask(cancelledTwoDeep());
            loop.runUntilComplete(InlineStartTest.pause(1));
            assertTrue(t.cancel("stop"));
            CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(InlineStartTest.awaitTask(t)));
            assertEquals("stop", e.getMessage());
            assertTrue(t.cancelled());
            assertEquals(1.0, loop.time(), 1e-9);
        }
        assertEquals(List.of("child sees stop, cancelling=1", "child finally", "middle finally", "outer finally"), EVENTS);
    }

    @Async
    static Coroutine<Integer> innerSleeper(int v) {
        try {
            return result(await(later(v, 10)));
        } finally {
            EVENTS.add("inner finally at " + getRunningLoop().time());
        }
    }

    @Async
    static Coroutine<String> timeoutsInside() {
        String a;
        try {
            await(timeout(Duration.ofSeconds(2), t -> innerSleeper(1)));
            a = "no timeout";
        } catch (AsyncTimeoutException e) {
            a = "timeout at " + getRunningLoop().time() + " cancelling=" + currentTask().cancelling();
        }
        String b;
        try {
            await(waitFor(innerSleeper(2), Duration.ofSeconds(1)));
            b = "no timeout";
        } catch (AsyncTimeoutException e) {
            b = "waitFor at " + getRunningLoop().time() + " cancelling=" + currentTask().cancelling();
        }
        int c = await(waitFor(later(3, 1), Duration.ofSeconds(5)));
        return result(a + "; " + b + "; " + c);
    }

    @Async
    static Coroutine<String> callsTimeoutsInside() {
        return result(await(timeoutsInside()) + " at " + getRunningLoop().time());
    }

    @Test
    void timeoutsExpiringInsideDirectCallsAreTimeoutsAndLeaveNoCancellation() {
        assertEquals("timeout at 2.0 cancelling=0; waitFor at 3.0 cancelling=0; 3 at 4.0",
                TestLoop.run(callsTimeoutsInside()));
        assertEquals(List.of("inner finally at 2.0", "inner finally at 3.0"), EVENTS);
    }

    @Async
    static Coroutine<String> gathersInside(boolean pauseFirst) {
        if (pauseFirst) {
            await(sleep(1));
        }
        List<Integer> g = await(gather(later(1, 1), immediate(2), later(3, 2)));
        int sum = await(taskGroup(tg -> {
            tg.createTask(later(10, 1));
            return later(5, 0);
        }));
        return result(g + " " + sum + " t=" + getRunningLoop().time());
    }

    @Async
    static Coroutine<String> callsGathers() {
        String a = await(gathersInside(false));
        String b = await(gathersInside(true));
        return result(a + " | " + b);
    }

    @Test
    void gatherAndTaskGroupInsideDirectCallsGiveTheirValues() {
        assertEquals("[1, 2, 3] 5 t=3.0 | [1, 2, 3] 5 t=7.0", TestLoop.run(callsGathers()));
    }

    // ---- debug mode: direct calls are not "never awaited"

    @Async
    static Coroutine<Integer> startsManyWaysThenForgetsOne() {
        int sum = await(immediate(1)); // no frame at all
        sum += await(later(2, 0)); // the variant makes its frame and suspends
        sum += Integer.parseInt(await(chainDepthOnStack(20)).split("/")[0]); // past the bound: deferred
        sum += await(delegates(1, null)); // a frame made for a returned coroutine that suspends
        sum += await(pauseIf(false, 100)); // after a suspension, from the resume method
        immediate(99); // at:forgotten
        return result(sum);
    }

    @Test
    void debugModeReportsOnlyTheCoroutineReallyNeverAwaited() throws InterruptedException {
        try (io.github.jawait.tests.asyncio.LogCapture log = new io.github.jawait.tests.asyncio.LogCapture()) {
            try (EventLoop loop = new EventLoop(new VirtualClock())) {
                loop.setDebug(true);
                // the chain starts below the root: levels 20..5 direct, 4 deferred, 4..0 on its stack
                assertEquals(1 + 2 + 5 + 11 + 100, loop.runUntilComplete(startsManyWaysThenForgetsOne()));
            }
            long end = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < end && log.messages().stream().noneMatch(m -> m.contains(".immediate was never"))) {
                System.gc();
                Thread.sleep(20); // the cleaner reports on its own thread after a collection
            }
            for (int i = 0; i < 3; i++) { // give any wrong report the same chance to come
                System.gc();
                Thread.sleep(20);
            }
            assertEquals(List.of("coroutine " + CLS + ".immediate was never awaited; created at " + CLS
                    + ".startsManyWaysThenForgetsOne(" + FILE + ":" + line("forgotten") + ")"),
                    log.messages().stream().filter(m -> m.contains("never awaited")).toList());
        }
    }

    // ---- what the task shows: dumps while suspended in a direct call, running inside one

    @Async
    static Coroutine<Integer> sleepsDeep(int n) {
        if (n == 0) {
            await(sleep(10)); // at:sleepsDeep-bottom
            return result(0);
        }
        return result(await(sleepsDeep(n - 1)) + 1); // at:sleepsDeep-call
    }

    @Test
    void aTaskSuspendedInsideDirectCallsShowsEveryFrameAtItsAwait() {
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            Task<Integer> t = loop.createTask(sleepsDeep(3), "deep");
            loop.runUntilComplete(InlineStartTest.pause(1));
            TaskInfo info = loop.tasks().stream().filter(i -> i.name().equals("deep")).findFirst().orElseThrow();
            assertEquals("suspended", info.state());
            assertEquals("sleep(10.0s)", info.awaiting());
            String bottom = CLS + ".sleepsDeep (" + FILE + ":" + line("sleepsDeep-bottom") + ")";
            String call = CLS + ".sleepsDeep (" + FILE + ":" + line("sleepsDeep-call") + ")";
            assertEquals(List.of(bottom, call, call, call), info.suspendedAt());
            assertTrue(t.getCoroutine().toString().startsWith("<coroutine " + CLS + ".sleepsDeep suspended at await 2 on "),
                    t.getCoroutine().toString());
            assertEquals(3, loop.runUntilComplete(InlineStartTest.awaitTask(t)));
            assertEquals(10.0, loop.time(), 1e-9);
        }
    }

    @Async
    static Coroutine<String> inspectsItsTask() {
        Task<?> me = currentTask();
        TaskInfo info = getRunningLoop().tasks().stream().filter(i -> i.name().equals(me.getName()))
                .findFirst().orElseThrow();
        return result(info.state() + "|" + me.getCoroutine() + "|" + me.toString().startsWith("<Task inspector pending")
                + "|" + callerOf("inspectsItsTask"));
    }

    @Async
    static Coroutine<String> rootThatInspects(boolean pauseFirst) {
        if (pauseFirst) {
            await(sleep(1));
        }
        return result(await(inspectsItsTask()));
    }

    @Test
    void theTaskSeenFromInsideADirectCallIsRunningAndItsCoroutineIsTheRoot() {
        for (boolean pauseFirst : new boolean[] {false, true}) {
            try (EventLoop loop = new EventLoop(new VirtualClock())) {
                Task<String> t = loop.createTask(rootThatInspects(pauseFirst), "inspector");
                assertEquals("running|<coroutine " + CLS + ".rootThatInspects running>|true|rootThatInspects$resume",
                        loop.runUntilComplete(InlineStartTest.awaitTask(t)));
            }
        }
    }

    // ---- interfaces, overloads, a refused callee

    interface Statics {
        @Async
        static Coroutine<Integer> twice(int v) {
            if (v % 2 == 1) {
                await(sleep(1));
            }
            return result(v * 2);
        }

        @Async
        static Coroutine<Integer> sumOfTwice(int n) {
            int s = 0;
            for (int i = 0; i < n; i++) {
                s += await(twice(i));
            }
            return result(s);
        }
    }

    @Test
    void staticMethodsOfAnInterfaceCallEachOtherDirectly() {
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            assertEquals(2 * (0 + 1 + 2 + 3 + 4 + 5), loop.runUntilComplete(Statics.sumOfTwice(6)));
            assertEquals(3.0, loop.time(), 1e-9);
        }
    }

    @Async
    static Coroutine<String> over(int v) {
        return result("int " + v);
    }

    @Async
    static Coroutine<String> over(long v) {
        await(sleep(1));
        return result("long " + v);
    }

    @Async
    static Coroutine<String> callsOverloads() {
        String a = await(over(1));
        String b = await(over(2L));
        String c = await(over(3));
        return result(a + ", " + b + ", " + c);
    }

    @Test
    void overloadsEachCallTheirOwnVariant() {
        assertEquals("int 1, long 2, int 3", TestLoop.run(callsOverloads()));
    }

    @Test
    void aRefusedCalleeAwaitedDirectlyFailsWithTheSameTransformErrorAsItsFactory() {
        AsyncTransformError direct = assertThrows(AsyncTransformError.class,
                () -> TestLoop.run(MisuseDirectCall.callsRefused(1)));
        AsyncTransformError factory = assertThrows(AsyncTransformError.class, () -> MisuseDirectCall.refused(1));
        int line = SourceLines.lineOf(MisuseDirectCall.class, "MARK:direct-refused");
        String where = MisuseDirectCall.class.getName() + ".refused (MisuseDirectCall.java:" + line + "): ";
        assertTrue(direct.getMessage().startsWith(where), direct.getMessage());
        assertTrue(direct.getMessage().contains("await inside synchronized"), direct.getMessage());
        assertEquals(factory.getMessage(), direct.getMessage());
        assertTrue(ExpectedRefusals.captured().contains("jawait: cannot rewrite " + direct.getMessage()),
                () -> "not logged: " + direct.getMessage() + " in " + ExpectedRefusals.captured());
        assertEquals(2, TestLoop.run(MisuseDirectCall.callsFine(1))); // the class's other methods work
    }

    // ---- async generators around direct calls

    @Async
    static AsyncGenerator<Integer> squares(int n) {
        for (int i = 1; i <= n; i++) {
            emit(await(pauseIf(i % 2 == 0, i * i))); // a direct call from a generator
        }
        return end();
    }

    @Async
    static Coroutine<String> consumes(int n) {
        AsyncGenerator<Integer> g = squares(n);
        List<Integer> out = new ArrayList<>();
        while (await(g.hasNext())) {
            out.add(g.next());
        }
        return result(out + " t=" + getRunningLoop().time());
    }

    static final IllegalStateException PREMADE = new IllegalStateException("premade");

    @Async
    static Coroutine<Integer> throwsPremade(boolean suspendFirst) {
        if (suspendFirst) {
            await(sleep(1));
        }
        throw PREMADE;
    }

    @Async
    static AsyncGenerator<Integer> failsAfter(int n) {
        for (int i = 1; i <= n; i++) {
            emit(i);
        }
        await(throwsPremade(n % 2 == 0)); // fails in the generator, from a direct call
        return end();
    }

    @Async
    static Coroutine<String> consumesFailing(int n) {
        AsyncGenerator<Integer> g = failsAfter(n);
        List<Integer> out = new ArrayList<>();
        try {
            while (await(g.hasNext())) {
                out.add(g.next());
            }
            return result("no failure");
        } catch (IllegalStateException e) {
            return result(out + " " + (e == PREMADE));
        }
    }

    @Async
    static Coroutine<String> callsConsumers() {
        String a = await(consumes(4));
        String b = await(consumesFailing(3));
        String c = await(consumesFailing(2));
        return result(a + "; " + b + "; " + c + "; t=" + getRunningLoop().time());
    }

    @Test
    void generatorsAwaitingDirectCallsAndConsumedInsideThemGiveTheirValues() {
        assertEquals("[1, 4, 9, 16] t=2.0; [1, 2, 3] true; [1, 2] true; t=3.0", TestLoop.run(callsConsumers()));
    }

    @Test
    void aCalleeWithTheMostParameterSlotsAllowedStillLoadsAndRuns() {
        // its variant would need a 256th slot for the caller: the class must still load and run
        long sum = 126L * 127 / 2;
        assertEquals(sum + 5, TestLoop.run(Wide.callsWide(5)));
        assertEquals(sum + 6, TestLoop.run(Wide.callsWide(6)));
    }

    /** A static @Async method with the most parameter slots a static method may have (255). */
    static final class Wide {
        private Wide() {
        }

        @Async
        static Coroutine<Long> wide(long a0, long a1, long a2, long a3, long a4, long a5, long a6, long a7, long a8, long a9, long a10,
                long a11, long a12, long a13, long a14, long a15, long a16, long a17, long a18, long a19, long a20,
                long a21, long a22, long a23, long a24, long a25, long a26, long a27, long a28, long a29, long a30,
                long a31, long a32, long a33, long a34, long a35, long a36, long a37, long a38, long a39, long a40,
                long a41, long a42, long a43, long a44, long a45, long a46, long a47, long a48, long a49, long a50,
                long a51, long a52, long a53, long a54, long a55, long a56, long a57, long a58, long a59, long a60,
                long a61, long a62, long a63, long a64, long a65, long a66, long a67, long a68, long a69, long a70,
                long a71, long a72, long a73, long a74, long a75, long a76, long a77, long a78, long a79, long a80,
                long a81, long a82, long a83, long a84, long a85, long a86, long a87, long a88, long a89, long a90,
                long a91, long a92, long a93, long a94, long a95, long a96, long a97, long a98, long a99,
                long a100, long a101, long a102, long a103, long a104, long a105, long a106, long a107, long a108,
                long a109, long a110, long a111, long a112, long a113, long a114, long a115, long a116, long a117,
                long a118, long a119, long a120, long a121, long a122, long a123, long a124, long a125, long a126,
                int last) {
            if (last > 5) {
                await(sleep(1));
            }
            return result(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 + a13 + a14 + a15 + a16 + a17 +
                    a18 + a19 + a20 + a21 + a22 + a23 + a24 + a25 + a26 + a27 + a28 + a29 + a30 + a31 + a32 + a33 +
                    a34 + a35 + a36 + a37 + a38 + a39 + a40 + a41 + a42 + a43 + a44 + a45 + a46 + a47 + a48 + a49 +
                    a50 + a51 + a52 + a53 + a54 + a55 + a56 + a57 + a58 + a59 + a60 + a61 + a62 + a63 + a64 + a65 +
                    a66 + a67 + a68 + a69 + a70 + a71 + a72 + a73 + a74 + a75 + a76 + a77 + a78 + a79 + a80 + a81 +
                    a82 + a83 + a84 + a85 + a86 + a87 + a88 + a89 + a90 + a91 + a92 + a93 + a94 + a95 + a96 + a97 +
                    a98 + a99 + a100 + a101 + a102 + a103 + a104 + a105 + a106 + a107 + a108 + a109 + a110 + a111 +
                    a112 + a113 + a114 + a115 + a116 + a117 + a118 + a119 + a120 + a121 + a122 + a123 + a124 + a125 +
                    a126 + last);
        }

        @Async
        static Coroutine<Long> callsWide(int last) {
            return result(await(wide(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L,
                    20L, 21L, 22L, 23L, 24L, 25L, 26L, 27L, 28L, 29L, 30L, 31L, 32L, 33L, 34L, 35L, 36L, 37L,
                    38L, 39L, 40L, 41L, 42L, 43L, 44L, 45L, 46L, 47L, 48L, 49L, 50L, 51L, 52L, 53L, 54L, 55L,
                    56L, 57L, 58L, 59L, 60L, 61L, 62L, 63L, 64L, 65L, 66L, 67L, 68L, 69L, 70L, 71L, 72L, 73L,
                    74L, 75L, 76L, 77L, 78L, 79L, 80L, 81L, 82L, 83L, 84L, 85L, 86L, 87L, 88L, 89L, 90L, 91L,
                    92L, 93L, 94L, 95L, 96L, 97L, 98L, 99L, 100L, 101L, 102L, 103L, 104L, 105L, 106L, 107L,
                    108L, 109L, 110L, 111L, 112L, 113L, 114L, 115L, 116L, 117L, 118L, 119L, 120L, 121L, 122L,
                    123L, 124L, 125L, 126L, last)));
        }
    }

    // ---- values on the operand stack, objects under construction, shared save blocks, loops

    static String join(long a, double b, String c, int d, double e, char f) {
        return a + "," + b + "," + c + "," + d + "," + e + "," + f;
    }

    @Async
    static Coroutine<String> stackValues(boolean pause) {
        // long, double and String are on the operand stack at both awaits
        String inner = join(7L, 0.25, "s", await(pauseIf(pause, 3)), await(half(pause, 5)), 'c');
        return result(inner);
    }

    @Async
    static Coroutine<String> callsStackValues(boolean pause) {
        return result(join(1L, 2.5, "x", await(pauseIf(pause, 4)), 9.0, 'z') + " / " + await(stackValues(pause)));
    }

    @Test
    void valuesOnTheOperandStackSurviveSuspensionsInCallerAndCallee() {
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            assertEquals("1,2.5,x,4,9.0,z / 7,0.25,s,3,2.5,c", loop.runUntilComplete(callsStackValues(false)));
            assertEquals(0.0, loop.time(), 1e-9);
            assertEquals("1,2.5,x,4,9.0,z / 7,0.25,s,3,2.5,c", loop.runUntilComplete(callsStackValues(true)));
            assertEquals(3.0, loop.time(), 1e-9);
        }
    }

    record Pair(int a, double b, String c) {
    }

    @Async
    static Coroutine<Pair> constructs(boolean pause) {
        return result(new Pair(await(pauseIf(pause, 1)), await(half(pause, 4)), "c" + await(pauseIf(pause, 3))));
    }

    @Async
    static Coroutine<String> callsConstructs(boolean pause) {
        Pair outer = new Pair(await(pauseIf(pause, 10)), 0.5, String.valueOf(await(constructs(pause))));
        return result(outer.toString());
    }

    @Test
    void objectsUnderConstructionAcrossDirectCallsAreBuiltOnceWithTheirValues() {
        assertEquals("Pair[a=10, b=0.5, c=Pair[a=1, b=2.0, c=c3]]", TestLoop.run(callsConstructs(false)));
        assertEquals("Pair[a=10, b=0.5, c=Pair[a=1, b=2.0, c=c3]]", TestLoop.run(callsConstructs(true)));
    }

    @Async
    static Coroutine<Integer> noted(boolean pause, int v) {
        EVENTS.add("noted " + v);
        if (pause) {
            await(sleep(1));
        }
        return result(v);
    }

    @Async
    static Coroutine<Integer> sameLiveSet(int which) {
        int a = 100;
        String s = "ss";
        a += await(noted(which == 1, 1)); // the same values are live at the three awaits
        a += await(noted(which == 2, 2));
        a += await(noted(which == 3, 3));
        return result(a + s.length() + which * 1000);
    }

    @Async
    static Coroutine<Integer> callsSameLiveSet(int which) {
        return result(await(sameLiveSet(which)));
    }

    @Test
    void awaitsSharingASaveBlockResumeEachAtItsOwnPlace() {
        for (int which = 0; which <= 3; which++) {
            EVENTS.clear();
            assertEquals(100 + 6 + 2 + which * 1000, TestLoop.run(callsSameLiveSet(which)));
            assertEquals(List.of("noted 1", "noted 2", "noted 3"), EVENTS, "suspending at " + which);
        }
    }

    @Async
    static Coroutine<String> loops(int n, int pauseAt) {
        StringBuilder out = new StringBuilder();
        long total = 0;
        for (int i = 0; i < n; i++) {
            total += await(noted(i == pauseAt, i)); // the frame is made in the middle of the loop
            out.append(i);
        }
        return result(out + "=" + total);
    }

    @Async
    static Coroutine<String> callsLoops(int pauseAt) {
        return result(await(loops(6, pauseAt)) + " " + await(Statics.sumOfTwice(3)));
    }

    @Test
    void aLoopOfDirectCallsKeepsItsStateWhereverItSuspends() {
        for (int at = -1; at < 6; at++) {
            assertEquals("012345=15 6", TestLoop.run(callsLoops(at)), "pausing at " + at);
        }
    }

    // ---- a non-direct child started inline by a variant, failing with a failure made elsewhere

    @Async
    Coroutine<Integer> instanceReader(Task<Integer> failed) {
        return result(await(failed));
    }

    @Async
    static Coroutine<Integer> variantAwaitsInstanceReader(Task<Integer> failed) {
        int v = await(new DirectCallAdversarialTest().instanceReader(failed)); // at:variantAwaitsInstanceReader
        return result(v);
    }

    @Async
    static Coroutine<Integer> awaitsVariantOfInstanceReader() {
        Task<Integer> failed = createTask(failsInItsOwnTask());
        await(sleep(1));
        return result(await(variantAwaitsInstanceReader(failed))); // at:awaitsVariantOfInstanceReader
    }

    @Test
    void aFailureMadeElsewhereInAChildStartedInlineByAVariantNamesTheVariantsMethodAndItsCaller() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> TestLoop.run(awaitsVariantOfInstanceReader()));
        assertEquals(List.of("async//" + CLS + ".variantAwaitsInstanceReader(" + FILE + ":"
                + line("variantAwaitsInstanceReader") + ")", "async//" + CLS + ".awaitsVariantOfInstanceReader("
                + FILE + ":" + line("awaitsVariantOfInstanceReader") + ")"), asyncFrames(e));
    }

    // ---- return other(x) inside a try block: the returned coroutine's failure is the method's outcome

    @Async
    static Coroutine<String> failsNow(String message) {
        throw new IllegalStateException(message);
    }

    @Async
    static Coroutine<String> returnsAFailingCoroutineInsideTry(boolean pauseFirst) {
        try {
            if (pauseFirst) {
                await(sleep(1));
            }
            // the returned coroutine runs after this method returned: this catch cannot see its failure
            return failsNow("from the returned coroutine");
        } catch (IllegalStateException e) {
            return result("caught by the returning method: " + e.getMessage());
        }
    }

    @Async
    static Coroutine<String> awaitsAReturnerInsideTry(boolean pauseFirst) {
        try {
            return result(await(returnsAFailingCoroutineInsideTry(pauseFirst)));
        } catch (IllegalStateException e) {
            return result("caught by the caller: " + e.getMessage());
        }
    }

    @Test
    void aReturnedCoroutinesFailureIsNotCaughtByTheTryAroundTheReturnStatement() {
        IllegalStateException root = assertThrows(IllegalStateException.class,
                () -> TestLoop.run(returnsAFailingCoroutineInsideTry(false)));
        assertEquals("from the returned coroutine", root.getMessage());
        assertEquals("caught by the caller: from the returned coroutine", TestLoop.run(awaitsAReturnerInsideTry(true)));
        assertEquals("caught by the caller: from the returned coroutine", TestLoop.run(awaitsAReturnerInsideTry(false)));
    }
    // ---- a failure a hundred thousand direct calls down, return through a finally that awaits

    @Async
    static Coroutine<Long> failsAtTheBottom(int n, int pauseEvery) {
        if (n == 0) {
            throw new ArithmeticException("bottom");
        }
        if (pauseEvery > 0 && n % pauseEvery == 0) {
            await(sleep(0));
        }
        return result(await(failsAtTheBottom(n - 1, pauseEvery)) + n);
    }

    @Async
    static Coroutine<String> catchesFromTheBottom(int pauseEvery) {
        try {
            return result("no failure " + await(failsAtTheBottom(100_000, pauseEvery)));
        } catch (ArithmeticException e) {
            return result(e.getMessage() + " " + asyncFrames(e).size());
        }
    }

    @Test
    void aFailureAHundredThousandCallsDownReachesTheTopWithAtMostTheLimitOfAsyncElements() {
        assertEquals("bottom 64", TestLoop.run(catchesFromTheBottom(0)));
        assertEquals("bottom 64", TestLoop.run(catchesFromTheBottom(1000)));
    }

    @Async
    static Coroutine<Integer> returnsThroughAnAwaitingFinally(int mode) {
        try {
            EVENTS.add("try " + mode);
            if (mode == 0) {
                return result(1);
            }
            if (mode == 1) {
                return later(2, 1);
            }
            return immediate(3);
        } finally {
            await(noted(mode != 2, 10 + mode)); // suspends for modes 0 and 1 before the return completes
            EVENTS.add("finally " + mode);
        }
    }

    @Async
    static Coroutine<String> callsReturnsThroughFinally() {
        int a = await(returnsThroughAnAwaitingFinally(0));
        int b = await(returnsThroughAnAwaitingFinally(1));
        int c = await(returnsThroughAnAwaitingFinally(2));
        return result(a + "," + b + "," + c + " t=" + getRunningLoop().time());
    }

    @Test
    void aReturnValueKeptAcrossAFinallyThatSuspendsIsTheValueReturned() {
        assertEquals("1,2,3 t=3.0", TestLoop.run(callsReturnsThroughFinally()));
        assertEquals(List.of("try 0", "noted 10", "finally 0", "try 1", "noted 11", "finally 1", "try 2", "noted 12",
                "finally 2"), EVENTS);
    }

    // ---- the task after a direct child resumed and returned; a direct child cancelling its own task

    @Async
    static Coroutine<Integer> sleepsThenReturns() {
        await(sleep(1));
        return result(1);
    }

    @Async
    static Coroutine<String> asksForItsCoroutineAfterAChildReturned() {
        await(sleepsThenReturns()); // the next step starts in the child's frame, which returns here
        Task<?> me = currentTask();
        TaskInfo info = getRunningLoop().tasks().stream().filter(i -> i.name().equals(me.getName()))
                .findFirst().orElseThrow();
        return result(me.getCoroutine() + " | " + info.state());
    }

    @Test
    void theTasksCoroutineIsItsRootAfterADirectChildResumedAndReturned() {
        assertEquals("<coroutine " + CLS + ".asksForItsCoroutineAfterAChildReturned running> | running",
                TestLoop.run(asksForItsCoroutineAfterAChildReturned()));
    }

    @Async
    static Coroutine<Integer> cancelsItsTask(boolean awaitAfter) {
        currentTask().cancel("by the child");
        EVENTS.add("child requested");
        if (awaitAfter) {
            try {
                await(sleep(0));
                EVENTS.add("child not cancelled");
            } catch (CancelledError e) {
                EVENTS.add("child cancelled: " + e.getMessage() + ", cancelling=" + currentTask().cancelling());
                throw e;
            }
        }
        return result(1);
    }

    @Async
    static Coroutine<Integer> callerOfACancellingChild(boolean awaitAfter) {
        try {
            int v = await(cancelsItsTask(awaitAfter));
            EVENTS.add("caller got " + v);
            await(immediate(2)); // finishes at once: no suspension, so no cancellation point
            EVENTS.add("inline await passed");
            await(sleep(0));
            EVENTS.add("not cancelled");
            return result(v);
        } finally {
            EVENTS.add("caller finally");
        }
    }

    @Test
    void aCancellationRequestedInsideADirectCallIsDeliveredAtTheNextSuspension() {
        for (boolean awaitAfter : new boolean[] {false, true}) {
            EVENTS.clear();
            try (EventLoop loop = new EventLoop(new VirtualClock())) {
                Task<Integer> t = loop.createTask(callerOfACancellingChild(awaitAfter));
                CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(InlineStartTest.awaitTask(t)));
                assertEquals("by the child", e.getMessage());
                assertTrue(t.cancelled());
            }
            assertEquals(awaitAfter
                    ? List.of("child requested", "child cancelled: by the child, cancelling=1", "caller finally")
                    : List.of("child requested", "caller got 1", "inline await passed", "caller finally"), EVENTS);
        }
    }
    // ---- a loop run from deep in a Java stack (more frames than a stack trace keeps)

    @Async
    static Coroutine<Integer> failsFresh() {
        throw new IllegalStateException("fresh");
    }

    @Async
    static Coroutine<String> catchesFresh() {
        try {
            await(failsFresh());
            return result("no failure");
        } catch (IllegalStateException e) {
            return result(e.getMessage() + " " + asyncFrames(e));
        }
    }

    static <T> T deep(int frames, java.util.function.Supplier<T> then) {
        return frames == 0 ? then.get() : deep(frames - 1, then);
    }

    static Coroutine<Integer> throwFresh() {
        throw new IllegalStateException("fresh");
    }

    @Async
    Coroutine<Integer> failsFreshInstance() {
        return throwFresh(); // made one frame above the child's own: its trace is cut elsewhere than ours
    }

    @Async
    Coroutine<String> catchesFreshStartedInline() {
        try {
            await(failsFreshInstance()); // an instance method: the factory, then an inline start
            return result("no failure");
        } catch (IllegalStateException e) {
            return result(e.getMessage() + " " + asyncFrames(e));
        }
    }

    @Test
    void aFailureMadeBelowTheCallerGetsNoAsyncElementEvenUnderAVeryDeepJavaStack() {
        assertEquals("fresh []", TestLoop.run(catchesFresh()));
        // a stack trace keeps at most 1024 frames (MaxJavaStackTraceDepth): both traces are cut
        assertEquals("fresh []", deep(1500, () -> TestLoop.run(new DirectCallAdversarialTest().catchesFreshStartedInline())));
        assertEquals("fresh []", deep(1500, () -> TestLoop.run(catchesFresh())));
        // a failure made elsewhere still gets its element there
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> deep(1500, () -> TestLoop.run(awaitsReader(false))));
        assertEquals(List.of("async//" + CLS + ".awaitsReader(" + FILE + ":" + line("awaitsReader") + ")"),
                asyncFrames(e));
    }
    // ---- a generator's finally awaiting direct calls while it is closed; an eager task

    @Async
    static AsyncGenerator<Integer> generatorWithAwaitingFinally() {
        try {
            emit(1);
            emit(2);
        } finally {
            await(noted(true, 20)); // suspends while the generator is being closed
            await(noted(false, 21));
            EVENTS.add("generator finally done");
        }
        return end();
    }

    @Async
    static Coroutine<Integer> takesOneAndCloses() {
        AsyncGenerator<Integer> g = generatorWithAwaitingFinally();
        await(g.hasNext());
        int first = g.next();
        await(g.closeAsync());
        EVENTS.add("closed at " + getRunningLoop().time());
        return result(first);
    }

    @Async
    static Coroutine<Integer> callsTakesOneAndCloses() {
        return result(await(takesOneAndCloses()) * 10);
    }

    @Test
    void closingAGeneratorRunsItsFinallyWithDirectCallsInOrder() {
        assertEquals(10, TestLoop.run(callsTakesOneAndCloses()));
        assertEquals(List.of("noted 20", "noted 21", "generator finally done", "closed at 1.0"), EVENTS);
    }

    @Async
    static Coroutine<Integer> eagerBody() {
        EVENTS.add("eager body starts");
        int v = await(noted(false, 1));
        v += await(noted(true, 2));
        EVENTS.add("eager body ends");
        return result(v);
    }

    @Async
    static Coroutine<Integer> startsAnEagerTask() {
        Task<Integer> t = createTask(eagerBody(), true);
        EVENTS.add("createTask returned, done=" + t.done());
        return result(await(t));
    }

    @Test
    void anEagerTaskRunsItsDirectCallsBeforeCreateTaskReturns() {
        assertEquals(3, TestLoop.run(startsAnEagerTask()));
        assertEquals(List.of("eager body starts", "noted 1", "noted 2", "createTask returned, done=false",
                "eager body ends"), EVENTS);
    }
}
