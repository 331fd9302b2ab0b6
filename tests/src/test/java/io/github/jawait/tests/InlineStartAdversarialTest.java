package io.github.jawait.tests;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.currentTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.shield;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.taskGroup;
import static io.github.jawait.Asyncio.timeout;
import static io.github.jawait.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.AsyncCloseable;
import io.github.jawait.AsyncTimeoutException;
import io.github.jawait.Awaitable;
import io.github.jawait.CancelledError;
import io.github.jawait.ContextVar;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.Task;
import io.github.jawait.TaskFactory;
import io.github.jawait.TaskInfo;
import io.github.jawait.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Attempts to break the inline start of awaited coroutines ({@link InlineStartTest}): failures
 * before and after the first suspension, cancellation from inside and outside, the runtime's
 * own coroutines (scopes, waitFor, shield, gather) awaited inline, eager tasks, context
 * variables, the nesting limit, and what the task shows while the inline child runs.
 */
class InlineStartAdversarialTest {
    final List<String> events = new ArrayList<>();

    // ---- failures: identity, before and after the first suspension, catch/finally that await

    static final IllegalStateException PREMADE = new IllegalStateException("premade");

    @Async
    static Coroutine<Integer> throwsPremade(boolean suspendFirst) {
        if (suspendFirst) {
            await(sleep(0));
        }
        throw PREMADE;
    }

    @Async
    static Coroutine<String> catchesPremade(boolean suspendFirst) {
        try {
            await(throwsPremade(suspendFirst));
            return result("no failure");
        } catch (IllegalStateException e) {
            return result(e == PREMADE ? "same object" : "another object: " + e);
        }
    }

    @Test
    void theFailureObjectItselfReachesTheCallerBeforeAndAfterASuspension() {
        assertEquals("same object", TestLoop.run(catchesPremade(false)));
        assertEquals("same object", TestLoop.run(catchesPremade(true)));
    }

    @Async
    Coroutine<Integer> note(String what) {
        events.add(what);
        return result(what.length());
    }

    @Async
    Coroutine<Integer> noteAfterSleep(String what) {
        await(sleep(1));
        events.add(what);
        return result(what.length());
    }

    @Async
    Coroutine<Integer> failingChild(boolean suspendFirst) {
        try {
            if (suspendFirst) {
                await(sleep(1));
            }
            await(note("child body"));
            throw new IllegalArgumentException("child failed" + (suspendFirst ? " late" : " early"));
        } finally {
            await(noteAfterSleep("child finally"));
        }
    }

    @Async
    Coroutine<String> callerWithCatchAndFinally(boolean suspendFirst) {
        try {
            await(failingChild(suspendFirst));
            return result("not reached");
        } catch (IllegalArgumentException e) {
            await(note("caller catch " + e.getMessage()));
            await(noteAfterSleep("caller catch after sleep"));
            return result(e.getMessage());
        } finally {
            await(note("caller finally"));
        }
    }

    @Test
    void catchAndFinallyBlocksThatAwaitRunInOrderWhetherTheChildFailsEarlyOrLate() {
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            assertEquals("child failed early", loop.runUntilComplete(callerWithCatchAndFinally(false)));
            assertEquals(2.0, loop.time(), 1e-9); // the child's finally and the caller's catch slept
            assertEquals(List.of("child body", "child finally", "caller catch child failed early",
                    "caller catch after sleep", "caller finally"), events);
            events.clear();
            assertEquals("child failed late", loop.runUntilComplete(callerWithCatchAndFinally(true)));
            assertEquals(List.of("child body", "child finally", "caller catch child failed late",
                    "caller catch after sleep", "caller finally"), events);
        }
    }

    // ---- async stack traces

    @Async
    static Coroutine<Integer> failsInItsOwnTask() {
        throw new UnsupportedOperationException("in the other task");
    }

    @Async
    static Coroutine<Integer> readsTheFailedTask(Task<Integer> failed) {
        return result(await(failed) + 1); // the task is done: no suspension here
    }

    @Async
    static Coroutine<Integer> awaitsAReaderOfAFailedTask() {
        Task<Integer> failed = createTask(failsInItsOwnTask());
        await(sleep(1)); // the task fails meanwhile
        return result(await(readsTheFailedTask(failed)));
    }

    static boolean onJavaStack(Throwable t, String resumeMethod) {
        return Arrays.stream(t.getStackTrace()).anyMatch(e -> e.getMethodName().equals(resumeMethod));
    }

    @Test
    void aFailureMadeElsewhereStillNamesTheCoroutineThatAwaitedTheInlineChild() {
        // the failure was created in another task: the Java stack of the inline start is not in
        // its trace, so the awaiting coroutine must be added as an async element, as before
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> TestLoop.run(awaitsAReaderOfAFailedTask()));
        assertEquals("in the other task", e.getMessage());
        assertEquals("failsInItsOwnTask$resume", e.getStackTrace()[0].getMethodName());
        String cls = InlineStartAdversarialTest.class.getName();
        assertEquals(List.of("async//" + cls + ".awaitsAReaderOfAFailedTask(InlineStartAdversarialTest.java:146)"),
                io.github.jawait.tests.diagnostics.AsyncStackTraceTest.asyncFrames(e), Arrays.toString(e.getStackTrace()));
    }

    @Async
    static Coroutine<Integer> failsFresh() {
        throw new IllegalStateException("fresh");
    }

    @Async
    static Coroutine<Integer> middleOfFresh() {
        return result(await(failsFresh()) + 1);
    }

    @Async
    static Coroutine<Integer> outerOfFresh() {
        return result(await(middleOfFresh()) + 1);
    }

    @Test
    void aFailureMadeInlineShowsEachCallerOnceInItsTrace() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestLoop.run(outerOfFresh()));
        assertEquals("failsFresh$resume", e.getStackTrace()[0].getMethodName());
        assertTrue(onJavaStack(e, "middleOfFresh$resume"));
        assertTrue(onJavaStack(e, "outerOfFresh$resume"));
        assertEquals(List.of(), io.github.jawait.tests.diagnostics.AsyncStackTraceTest.asyncFrames(e)); // the callers are real frames: not named twice
    }

    // ---- cancellation

    @Async
    Coroutine<String> childThatIsCancelled() {
        try {
            await(sleep(10));
            return result("slept");
        } catch (CancelledError e) {
            Task<?> me = currentTask();
            events.add("child sees " + e.getMessage() + ", cancelling=" + me.cancelling());
            throw e;
        }
    }

    @Async
    Coroutine<String> callerThatUncancels() {
        try {
            return result(await(childThatIsCancelled()));
        } catch (CancelledError e) {
            Task<?> me = currentTask();
            events.add("caller sees " + e.getMessage() + ", cancelling=" + me.cancelling());
            int left = me.uncancel();
            events.add("uncancelled, left=" + left);
            await(sleep(1)); // the task goes on: nothing pending any more
            return result("recovered at " + getRunningLoop().time());
        }
    }

    @Async
    Coroutine<String> cancelsFromAThirdTask() {
        Task<String> victim = createTask(callerThatUncancels(), "victim");
        await(sleep(2));
        events.add("cancel=" + victim.cancel("from outside"));
        String r = await(victim);
        events.add("victim cancelled()=" + victim.cancelled() + ", cancelling=" + victim.cancelling());
        return result(r);
    }

    @Test
    void aCancellationFromAnotherTaskReachesTheChildSuspendedAfterAnInlineStart() {
        assertEquals("recovered at 3.0", TestLoop.run(cancelsFromAThirdTask()));
        assertEquals(List.of("cancel=true", "child sees from outside, cancelling=1",
                "caller sees from outside, cancelling=1", "uncancelled, left=0",
                "victim cancelled()=false, cancelling=0"), events);
    }

    @Async
    Coroutine<String> swallowsCancellation() {
        try {
            await(sleep(10));
            return result("slept");
        } catch (CancelledError e) {
            currentTask().uncancel();
            return result("swallowed " + e.getMessage());
        }
    }

    @Async
    Coroutine<String> awaitsSwallower() {
        String r = await(swallowsCancellation());
        events.add("caller got " + r);
        return result(r);
    }

    @Test
    void aChildThatSwallowsTheCancellationGivesItsValueToTheCaller() {
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            Task<String> t = loop.createTask(awaitsSwallower());
            loop.runUntilComplete(InlineStartTest.pause(1));
            assertTrue(t.cancel("stop"));
            assertEquals("swallowed stop", loop.runUntilComplete(InlineStartTest.awaitTask(t)));
            assertEquals(0, t.cancelling());
            assertEquals(1.0, loop.time(), 1e-9);
        }
        assertEquals(List.of("caller got swallowed stop"), events);
    }

    // ---- the runtime's own coroutines awaited inline

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
    static Coroutine<String> scopesAroundCalls() {
        int a = await(waitFor(immediate(1), Duration.ofSeconds(5)));
        int b = await(waitFor(later(2, 1), Duration.ofSeconds(5)));
        String c;
        try {
            await(waitFor(later(3, 10), Duration.ofSeconds(2)));
            c = "no timeout";
        } catch (AsyncTimeoutException e) {
            c = "timed out at " + getRunningLoop().time();
        }
        int d = await(shield(immediate(4)));
        int e = await(shield(later(5, 1)));
        List<Integer> g = await(gather(immediate(6), later(7, 1), immediate(8)));
        int h = await(timeout(Duration.ofSeconds(1), t -> immediate(9)));
        int i = await(taskGroup(tg -> {
            Task<Integer> x = tg.createTask(later(10, 1));
            return later(0, 0);
        }));
        return result(a + "," + b + "," + c + "," + d + "," + e + "," + g + "," + h + "," + i);
    }

    @Test
    void scopesShieldAndGatherAwaitedInlineGiveTheirValues() {
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            assertEquals("1,2,timed out at 3.0,4,5,[6, 7, 8],9,0", loop.runUntilComplete(scopesAroundCalls()));
            assertEquals(6.0, loop.time(), 1e-9);
        }
    }

    @Async
    Coroutine<Integer> sleepsInATimeout() {
        try {
            await(later(1, 10));
            return result(1);
        } finally {
            events.add("inner finally at " + getRunningLoop().time());
        }
    }

    @Async
    Coroutine<String> timeoutAroundAnInlineChild() {
        try {
            await(timeout(Duration.ofSeconds(2), t -> sleepsInATimeout()));
            return result("no timeout");
        } catch (AsyncTimeoutException e) {
            return result("timed out; cancelling=" + currentTask().cancelling());
        }
    }

    @Test
    void aTimeoutExpiringInsideAnInlineStartedChildIsATimeoutAndLeavesNoCancellation() {
        assertEquals("timed out; cancelling=0", TestLoop.run(timeoutAroundAnInlineChild()));
        assertEquals(List.of("inner finally at 2.0"), events);
    }

    final class Resource implements AsyncCloseable {
        final boolean suspend;

        Resource(boolean suspend) {
            this.suspend = suspend;
        }

        @Override
        public Awaitable<Void> closeAsync() {
            return closing(suspend);
        }
    }

    @Async
    Coroutine<Void> closing(boolean suspend) {
        events.add("closing");
        if (suspend) {
            await(sleep(1));
        }
        events.add("closed");
        return done();
    }

    @Async
    Coroutine<String> usesResources() {
        try (Resource r = new Resource(false); Resource s = new Resource(true)) {
            events.add("body");
        }
        events.add("after");
        try (Resource r = new Resource(true)) {
            throw new IllegalStateException("body failed");
        } catch (IllegalStateException e) {
            events.add("caught " + e.getMessage());
        }
        return result("t=" + getRunningLoop().time());
    }

    @Test
    void asyncCloseOfTryWithResourcesRunsInlineInOrder() {
        assertEquals("t=2.0", TestLoop.run(usesResources()));
        assertEquals(List.of("body", "closing", "closed", "closing", "closed", "after",
                "closing", "closed", "caught body failed"), events);
    }

    // ---- eager tasks, context variables

    @Async
    Coroutine<Integer> eagerBody() {
        events.add("eager body starts");
        int v = await(note("inline in eager"));
        v += await(noteAfterSleep("after sleep in eager"));
        return result(v);
    }

    @Async
    Coroutine<Integer> startsEagerTasks() {
        Task<Integer> t = createTask(eagerBody(), true);
        events.add("createTask returned, done=" + t.done());
        getRunningLoop().setTaskFactory(TaskFactory.EAGER);
        Task<Integer> u = createTask(immediate(5));
        events.add("factory task done=" + u.done());
        return result(await(t) + await(u));
    }

    @Test
    void anEagerTaskRunsItsInlineStartedChildBeforeCreateTaskReturns() {
        assertEquals("inline in eager".length() + "after sleep in eager".length() + 5,
                TestLoop.run(startsEagerTasks()));
        assertEquals(List.of("eager body starts", "inline in eager", "createTask returned, done=false",
                "factory task done=true", "after sleep in eager"), events);
    }

    static final ContextVar<String> WHO = new ContextVar<>("who", "nobody");

    @Async
    static Coroutine<String> setsWho(boolean suspendFirst) {
        if (suspendFirst) {
            await(sleep(0));
        }
        WHO.set("child");
        Task<String> spawned = createTask(readsWho());
        return result(await(spawned));
    }

    @Async
    static Coroutine<String> readsWho() {
        return result(WHO.get());
    }

    @Async
    static Coroutine<String> seesWhatTheChildSet(boolean suspendFirst) {
        String spawnedSaw = await(setsWho(suspendFirst));
        return result(spawnedSaw + "/" + WHO.get());
    }

    @Test
    void aContextVariableSetInAnInlineChildIsTheTasksOwn() {
        assertEquals("child/child", TestLoop.run(seesWhatTheChildSet(false)));
        assertEquals("child/child", TestLoop.run(seesWhatTheChildSet(true)));
    }

    // ---- what the task shows while an inline child runs

    @Async
    static Coroutine<String> inspectsItsTask() {
        Task<?> me = currentTask();
        TaskInfo info = getRunningLoop().tasks().stream().filter(i -> i.name().equals(me.getName()))
                .findFirst().orElseThrow();
        return result(info.state() + "|" + me.getCoroutine().toString() + "|" + me.toString().startsWith("<Task inspector pending"));
    }

    @Async
    static Coroutine<String> rootThatInspects() {
        return result(await(inspectsItsTask()));
    }

    @Test
    void theTaskSeenFromInsideTheInlineChildIsRunningAndItsCoroutineIsTheRoot() {
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            Task<String> t = loop.createTask(rootThatInspects(), "inspector");
            assertEquals("running|<coroutine " + InlineStartAdversarialTest.class.getName()
                    + ".rootThatInspects running>|true", loop.runUntilComplete(InlineStartTest.awaitTask(t)));
        }
    }

    // ---- nesting limit, awaiting twice, awaiting itself

    @Async
    static Coroutine<Integer> chainDepthOnStack(int n) {
        if (n == 0) {
            StackTraceElement[] here = new Throwable().getStackTrace();
            int frames = (int) Arrays.stream(here).filter(e -> e.getMethodName().equals("chainDepthOnStack$resume")).count();
            return result(frames);
        }
        return result(await(chainDepthOnStack(n - 1)));
    }

    @Test
    void sixteenInlineStartsNestOnTheJavaStackAndTheSeventeenthIsPushed() {
        assertEquals(17, TestLoop.run(chainDepthOnStack(16))); // the root and 16 started inline
        assertEquals(1, TestLoop.run(chainDepthOnStack(17))); // pushed by the driver: alone
        assertEquals(17, TestLoop.run(chainDepthOnStack(33))); // levels 16..0: 16 pushed, 15..0 inline
    }

    @Async
    static Coroutine<Integer> chainSuspendingAt(int n, int suspendAt) {
        if (n == suspendAt) {
            await(sleep(0));
        }
        if (n == 0) {
            return result((int) Arrays.stream(new Throwable().getStackTrace())
                    .filter(e -> e.getMethodName().equals("chainSuspendingAt$resume")).count());
        }
        return result(await(chainSuspendingAt(n - 1, suspendAt)) + 1000);
    }

    @Test
    void aSuspensionInTheMiddleOfAChainRestartsTheCountBelowIt() {
        // levels above the suspension were descended into by the driver: the frame that suspended
        // resumes at depth 0, and 16 more levels start inline below it
        assertEquals(20 * 1000 + 11, TestLoop.run(chainSuspendingAt(20, 10)));
        assertEquals(40 * 1000 + 14, TestLoop.run(chainSuspendingAt(40, 30))); // 30 resumes: 29..14 inline, 13 pushed
    }

    @Async
    static Coroutine<Integer> awaitsTwiceAfterInlineFinish() {
        Coroutine<Integer> c = immediate(42);
        int first = await(c);
        int second = await(c);
        return result(first + second);
    }

    @Test
    void aCoroutineFinishedInlineGivesItsOutcomeAgainWhenAwaitedAgain() {
        assertEquals(84, TestLoop.run(awaitsTwiceAfterInlineFinish()));
    }

    @Async
    static Coroutine<Integer> awaitsHolder(List<Coroutine<Integer>> holder) {
        return result(await(holder.get(0)) + 1);
    }

    @Async
    static Coroutine<Integer> awaitsItselfThroughAChild(List<Coroutine<Integer>> holder) {
        return result(await(awaitsHolder(holder)));
    }

    @Test
    void aCoroutineThatAwaitsItselfIndirectlyFailsWithTheAlreadyAwaitedError() {
        List<Coroutine<Integer>> holder = new ArrayList<>();
        Coroutine<Integer> self = awaitsItselfThroughAChild(holder);
        holder.add(self);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestLoop.run(self));
        assertEquals("<coroutine " + InlineStartAdversarialTest.class.getName() + ".awaitsItselfThroughAChild"
                + " suspended at await 1 on R2> is already being awaited; a coroutine runs once:"
                + " wrap it in Asyncio.createTask(...) to await it from several places", e.getMessage());
    }

    // ---- user recursion overflowing the Java stack inside an inline child

    static int recurse(int n) {
        return recurse(n + 1) + 1;
    }

    @Async
    static Coroutine<Integer> overflows() {
        return result(recurse(0));
    }

    @Async
    static Coroutine<String> catchesOverflow() {
        String seen;
        try {
            await(overflows());
            seen = "no overflow";
        } catch (StackOverflowError e) {
            seen = "StackOverflowError";
        }
        int after = await(immediate(7)); // the task goes on normally
        await(sleep(0));
        return result(seen + " then " + after);
    }

    @Test
    void aStackOverflowInAnInlineChildReachesTheCallerAsItIs() {
        assertEquals("StackOverflowError then 7", TestLoop.run(catchesOverflow()));
    }

    // ---- more failure paths: a returned reader of a failed task, a failed coroutine awaited again

    @Async
    static Coroutine<Integer> returnsAReaderOfAFailedTask() {
        Task<Integer> failed = createTask(failsInItsOwnTask());
        await(sleep(1));
        return readsTheFailedTask(failed); // the returned coroutine fails at once, inline
    }

    @Test
    void aReturnedCoroutineRethrowingAFailureMadeElsewhereNamesTheReturningCoroutine() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> TestLoop.run(returnsAReaderOfAFailedTask()));
        // a frame that returned another coroutine has no await line: the element names the file
        assertEquals(List.of("async//" + InlineStartAdversarialTest.class.getName()
                + ".returnsAReaderOfAFailedTask(InlineStartAdversarialTest.java)"), io.github.jawait.tests.diagnostics.AsyncStackTraceTest.asyncFrames(e));
    }

    @Async
    static Coroutine<String> awaitsAFailedCoroutineTwice() {
        Coroutine<Integer> c = throwsPremade(false);
        Throwable first = null;
        Throwable second = null;
        try {
            await(c);
        } catch (IllegalStateException e) {
            first = e;
        }
        try {
            await(c);
        } catch (IllegalStateException e) {
            second = e;
        }
        return result((first == PREMADE) + "/" + (second == PREMADE));
    }

    @Test
    void aCoroutineThatFailedInlineRethrowsTheSameFailureWhenAwaitedAgain() {
        assertEquals("true/true", TestLoop.run(awaitsAFailedCoroutineTwice()));
    }

    // ---- a task cancelled by its own inline child

    @Async
    Coroutine<Integer> cancelsItsTaskAndReturns() {
        currentTask().cancel("by the child");
        events.add("child returns");
        return result(1); // no await after the request: nothing is thrown here
    }

    @Async
    Coroutine<Integer> returnsWithoutAwaitingAgain() {
        int v = await(cancelsItsTaskAndReturns());
        events.add("caller got " + v);
        return result(v);
    }

    @Async
    Coroutine<Integer> awaitsAgainAfterTheChildCancelled() {
        int v = await(cancelsItsTaskAndReturns());
        events.add("caller got " + v);
        try {
            await(immediate(2)); // finishes inline: no suspension, so no cancellation point
            events.add("inline await passed");
            await(sleep(0));
            events.add("not cancelled");
        } catch (CancelledError e) {
            events.add("caller cancelled: " + e.getMessage());
            throw e;
        }
        return result(v);
    }

    @Test
    void aCancellationRequestedByAnInlineChildEndsTheTaskCancelled() {
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            Task<Integer> t = loop.createTask(returnsWithoutAwaitingAgain());
            CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(InlineStartTest.awaitTask(t)));
            assertEquals("by the child", e.getMessage());
            assertTrue(t.cancelled());
            Task<Integer> u = loop.createTask(awaitsAgainAfterTheChildCancelled());
            CancelledError f = assertThrows(CancelledError.class, () -> loop.runUntilComplete(InlineStartTest.awaitTask(u)));
            assertEquals("by the child", f.getMessage());
            assertTrue(u.cancelled());
        }
        assertEquals(List.of("child returns", "caller got 1", "child returns", "caller got 1",
                "inline await passed", "caller cancelled: by the child"), events);
    }

    // ---- generators around inline starts

    @Async
    static Coroutine<Integer> square(int v) {
        return result(v * v);
    }

    @Async
    static Coroutine<Integer> squareLater(int v) {
        await(sleep(1));
        return result(v * v);
    }

    @Async
    static io.github.jawait.AsyncGenerator<Integer> upTo(int n) {
        for (int i = 1; i <= n; i++) {
            io.github.jawait.Asyncio.emit(await(square(i)) - i * i + i); // awaits inline inside the generator
        }
        return io.github.jawait.Asyncio.end();
    }

    @Async
    static Coroutine<String> mapsAsync() {
        List<Integer> now = await(upTo(4).mapAsync(InlineStartAdversarialTest::square).toList());
        List<Integer> later = await(upTo(3).mapAsync(InlineStartAdversarialTest::squareLater).toList());
        return result(now + " " + later + " t=" + getRunningLoop().time());
    }

    @Test
    void generatorsAwaitingInlineAndMapAsyncGiveTheirValues() {
        assertEquals("[1, 4, 9, 16] [1, 4, 9] t=3.0", TestLoop.run(mapsAsync()));
    }

    @Async
    io.github.jawait.AsyncGenerator<Integer> generatorWithAwaitingFinally() {
        try {
            io.github.jawait.Asyncio.emit(1);
            io.github.jawait.Asyncio.emit(2);
        } finally {
            await(noteAfterSleep("generator finally"));
            await(note("generator finally inline"));
        }
        return io.github.jawait.Asyncio.end();
    }

    @Async
    Coroutine<Integer> takesOneAndCloses() {
        io.github.jawait.AsyncGenerator<Integer> g = generatorWithAwaitingFinally();
        await(g.hasNext());
        int first = g.next();
        await(g.closeAsync());
        events.add("closed at " + getRunningLoop().time());
        return result(first);
    }

    @Test
    void closingAGeneratorRunsItsFinallyWithInlineAwaits() {
        assertEquals(1, TestLoop.run(takesOneAndCloses()));
        assertEquals(List.of("generator finally", "generator finally inline", "closed at 1.0"), events);
    }

    // ---- the dump of a task suspended below many inline starts

    @Async
    static Coroutine<Integer> chainSleepingAtTheBottom(int n) {
        if (n == 0) {
            await(sleep(10));
            return result(0);
        }
        return result(await(chainSleepingAtTheBottom(n - 1)) + 1);
    }

    @Test
    void aTaskSuspendedBelowMoreThanSixteenInlineStartsShowsEveryFrame() {
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            Task<Integer> t = loop.createTask(chainSleepingAtTheBottom(20), "deep");
            loop.runUntilComplete(InlineStartTest.pause(1));
            TaskInfo info = loop.tasks().stream().filter(i -> i.name().equals("deep")).findFirst().orElseThrow();
            assertEquals("suspended", info.state());
            assertEquals("sleep(10.0s)", info.awaiting());
            assertEquals(21, info.suspendedAt().size(), info.suspendedAt().toString());
            String cls = InlineStartAdversarialTest.class.getName();
            assertTrue(info.suspendedAt().stream().allMatch(l -> l.startsWith(cls + ".chainSleepingAtTheBottom (")),
                    info.suspendedAt().toString());
            assertEquals(20, loop.runUntilComplete(InlineStartTest.awaitTask(t)));
            assertEquals(10.0, loop.time(), 1e-9);
        }
    }

    // ---- debug mode: inline-started coroutines are not "never awaited"

    @Async
    static Coroutine<Integer> startsManyWaysThenForgetsOne() {
        int sum = await(immediate(1));                      // finishes inline
        sum += await(later(2, 0));                          // suspends after an inline start
        sum += await(chainDepthOnStack(20));                // past the nesting limit: pushed
        sum += await(delegate());                           // return other(...)
        immediate(99);                                      // the sentinel: really never awaited
        return result(sum);
    }

    @Async
    static Coroutine<Integer> delegate() {
        return later(4, 0);
    }

    @Test
    void debugModeReportsOnlyTheCoroutineReallyNeverAwaited() throws InterruptedException {
        try (io.github.jawait.tests.asyncio.LogCapture log = new io.github.jawait.tests.asyncio.LogCapture()) {
            try (EventLoop loop = new EventLoop(new VirtualClock())) {
                loop.setDebug(true);
                // the chain of 21 starts at depth 1 here: levels 20..5 inline, 4 pushed, 4..0 on its stack
                assertEquals(1 + 2 + 5 + 4, loop.runUntilComplete(startsManyWaysThenForgetsOne()));
            }
            String cls = InlineStartAdversarialTest.class.getName();
            long end = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < end && log.messages().stream().noneMatch(m -> m.contains(".immediate was never"))) {
                System.gc();
                Thread.sleep(20); // the cleaner reports on its own thread after a collection
            }
            for (int i = 0; i < 3; i++) { // give any wrong report the same chance to come
                System.gc();
                Thread.sleep(20);
            }
            assertEquals(List.of("coroutine " + cls + ".immediate was never awaited; created at " + cls
                    + ".startsManyWaysThenForgetsOne(InlineStartAdversarialTest.java:750)"),
                    log.messages().stream().filter(m -> m.contains("never awaited")).toList());
        }
    }

    // ---- the task's coroutine asked for after an inline-started child resumed and returned

    @Async
    static Coroutine<Integer> sleepsThenReturns() {
        await(sleep(1));
        return result(1);
    }

    @Async
    static Coroutine<String> asksForItsCoroutineAfterAChildReturned() {
        await(sleepsThenReturns()); // the next step starts in the child, which returns here
        Task<?> me = currentTask();
        TaskInfo info = getRunningLoop().tasks().stream().filter(i -> i.name().equals(me.getName()))
                .findFirst().orElseThrow();
        return result(me.getCoroutine() + " | " + info.state());
    }

    @Test
    void theTasksCoroutineIsItsRootAfterAnInlineChildResumedAndReturned() {
        assertEquals("<coroutine " + InlineStartAdversarialTest.class.getName()
                + ".asksForItsCoroutineAfterAChildReturned running> | running",
                TestLoop.run(asksForItsCoroutineAfterAChildReturned()));
    }

    @Async
    static io.github.jawait.AsyncGenerator<String> emitsAfterSleeping() {
        await(sleep(1));
        io.github.jawait.Asyncio.emit("x"); // the step began in this generator: the consumer resumes after it
        return io.github.jawait.Asyncio.end();
    }

    @Async
    static Coroutine<String> consumerAsksForItsCoroutine() {
        io.github.jawait.AsyncGenerator<String> g = emitsAfterSleeping();
        await(g.hasNext());
        String v = g.next() + " " + currentTask().getCoroutine();
        while (await(g.hasNext())) {
            g.next();
        }
        return result(v + " " + currentTask().getCoroutine());
    }

    @Test
    @Disabled("known bug, not fixed: a step that began in a generator's frame and emitted leaves Task.current"
            + " on the paused generator, whose link to its consumer the driver dropped, so getCoroutine() names"
            + " the generator instead of the root; see the inline-review report")
    void theTasksCoroutineIsItsRootAfterAGeneratorEmittedToItsConsumer() {
        String root = "<coroutine " + InlineStartAdversarialTest.class.getName() + ".consumerAsksForItsCoroutine running>";
        assertEquals("x " + root + " " + root, TestLoop.run(consumerAsksForItsCoroutine()));
    }
}
