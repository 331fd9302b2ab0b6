package io.github.jawait.tests;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.emit;
import static io.github.jawait.Asyncio.end;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.tests.DirectCallAdversarialTest.variant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.AsyncGenerator;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.Task;
import io.github.jawait.TaskInfo;
import io.github.jawait.VirtualClock;
import io.github.jawait.tests.shapes.SourceLines;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attempts to break frameless chains: a direct variant that has no frame yet calls the next one
 * with its own anchor and {@code depth + 1}, and makes its frame only when the callee suspends.
 * Chains of static methods awaiting each other, where any level suspends before or after its
 * nested call, fail, catch, are cancelled, dumped, or run past the inline depth limit. Where the
 * Java stack can prove the frameless path ran, the tests count the variants on it.
 */
class FramelessChainAdversarialTest {
    static final List<String> EVENTS = new ArrayList<>();
    static final String CLS = FramelessChainAdversarialTest.class.getName();
    static final String FILE = "FramelessChainAdversarialTest.java";

    @BeforeEach
    void clearEvents() {
        EVENTS.clear();
    }

    static int line(String name) {
        return SourceLines.lineOf(FramelessChainAdversarialTest.class, "// at:" + name);
    }

    /** How many frames of {@code method}'s rewritten code are on the Java stack right now. */
    static int onStack(String method) {
        int n = 0;
        for (StackTraceElement e : new Throwable().getStackTrace()) {
            if (e.getMethodName().equals(method + "$resume")) {
                n++;
            }
        }
        return n;
    }

    /** The async elements of this class in {@code t}'s trace, as {@code method:line}. */
    static String asyncElements(Throwable t) {
        List<String> out = new ArrayList<>();
        for (StackTraceElement e : t.getStackTrace()) {
            if ("async".equals(e.getClassLoaderName()) && e.getClassName().equals(CLS)) {
                assertEquals(FILE, e.getFileName());
                out.add(e.getMethodName() + ":" + e.getLineNumber());
            }
        }
        return String.join(" ", out);
    }

    static String at(String method, String marker) {
        return CLS + "." + method + " (" + FILE + ":" + line(marker) + ")";
    }

    @Test
    void everyChainMethodHasADirectVariant() {
        Class<?> c = FramelessChainAdversarialTest.class;
        variant(c, "chain", int.class, int.class, int.class);
        variant(c, "guarded", int.class, int.class, int.class, int.class);
        variant(c, "e1", int.class, Task.class);
        variant(c, "e2", int.class, Task.class);
        variant(c, "e3", int.class, Task.class);
        variant(c, "e4", int.class, Task.class);
        variant(c, "cancellable", int.class);
        variant(c, "deep", int.class, boolean.class, Task.class);
        variant(c, "mixed", int.class, Source.class, boolean.class, boolean.class);
    }

    // ---- every combination of levels suspending before and after their nested call

    @Async
    static Coroutine<String> chain(int n, int before, int after) {
        long l = 1_000_000_000_000L + n; // live locals of several types across both awaits
        double d = n / 4.0;
        char c = (char) ('a' + n);
        boolean z = n % 2 == 0;
        String s = "L" + n;
        int[] arr = {n};
        EVENTS.add("enter " + n);
        if ((before >> n & 1) != 0) {
            await(sleep(1));
        }
        String below;
        if (n == 0) {
            EVENTS.add("stack " + onStack("chain"));
            below = "leaf";
        } else {
            below = await(chain(n - 1, before, after));
        }
        if ((after >> n & 1) != 0) {
            await(sleep(1));
        }
        arr[0] += 1;
        EVENTS.add("exit " + n);
        return result(s + "(" + l + "," + d + "," + c + "," + z + "," + arr[0] + ")" + below);
    }

    static String expectedChain(int top) {
        StringBuilder sb = new StringBuilder();
        for (int k = top; k >= 0; k--) {
            sb.append("L").append(k).append("(").append(1_000_000_000_000L + k).append(",").append(k / 4.0)
                    .append(",").append((char) ('a' + k)).append(",").append(k % 2 == 0).append(",").append(k + 1)
                    .append(")");
        }
        return sb.append("leaf").toString();
    }

    @Async
    static Coroutine<String> runChain(int top, int before, int after) {
        long t = 5;
        String tag = "root";
        String r = await(chain(top, before, after));
        return result(tag + t + "|" + r);
    }

    @Test
    void aFourLevelChainSuspendingAnywhereBeforeOrAfterItsNestedCallsKeepsEveryValueAndOrder() {
        int top = 3;
        for (int before = 0; before < 16; before++) {
            for (int after = 0; after < 16; after++) {
                EVENTS.clear();
                String what = "before=" + before + " after=" + after;
                try (EventLoop loop = new EventLoop(new VirtualClock())) {
                    assertEquals("root5|" + expectedChain(top), loop.runUntilComplete(runChain(top, before, after)),
                            what);
                    assertEquals(Integer.bitCount(before) + Integer.bitCount(after), loop.time(), 1e-9, what);
                }
                // the leaf runs under every level from the lowest that suspended before its call
                int lowestSuspended = before == 0 ? top + 1 : Integer.numberOfTrailingZeros(before);
                int variants = before == 0 ? top + 1 : lowestSuspended + 1;
                List<String> expected = new ArrayList<>();
                for (int k = top; k >= 0; k--) {
                    expected.add("enter " + k);
                }
                expected.add("stack " + variants);
                for (int k = 0; k <= top; k++) {
                    expected.add("exit " + k);
                }
                assertEquals(expected, EVENTS, what);
            }
        }
    }

    // ---- try/catch/finally around the nested call of frameless levels; failures made below

    @Async
    static Coroutine<String> guarded(int n, int before, int catchAt, int pauseInCatch) {
        long kept = 100L + n;
        String name = "g" + n;
        EVENTS.add("enter " + n);
        if ((before >> n & 1) != 0) {
            await(sleep(1));
        }
        try {
            if (n == 0) {
                throw new IllegalStateException("made below at " + kept); // at:guardedThrow
            }
            String r = await(guarded(n - 1, before, catchAt, pauseInCatch)); // at:guardedCall
            return result(name + ">" + r);
        } catch (IllegalStateException e) {
            if (n != catchAt) {
                throw e;
            }
            EVENTS.add("caught at " + n + ": " + e.getMessage());
            if (pauseInCatch != 0) {
                await(sleep(1));
            }
            return result(name + " caught " + kept);
        } finally {
            EVENTS.add("finally " + n + " " + kept);
        }
    }

    @Async
    static Coroutine<String> guardedRoot(int top, int before, int catchAt, int pauseInCatch) {
        try {
            return result(await(guarded(top, before, catchAt, pauseInCatch))); // at:guardedRoot
        } catch (IllegalStateException e) {
            StackTraceElement first = e.getStackTrace()[0];
            // made below: each awaiting level shows once, on the Java stack or as an async element
            int calls = 0;
            int roots = 0;
            for (StackTraceElement el : e.getStackTrace()) {
                if (FILE.equals(el.getFileName()) && el.getLineNumber() == line("guardedCall")) {
                    calls++;
                }
                if (FILE.equals(el.getFileName()) && el.getLineNumber() == line("guardedRoot")) {
                    roots++;
                }
            }
            assertEquals(top, calls, "levels in " + java.util.Arrays.toString(e.getStackTrace()));
            assertEquals(1, roots, "root in " + java.util.Arrays.toString(e.getStackTrace()));
            return result("root caught " + e.getMessage() + " from " + first.getMethodName() + ":"
                    + first.getLineNumber());
        }
    }

    @Test
    void handlersAndFinallyOfFramelessLevelsRunOnceInOrderWhereverTheChainSuspended() {
        int top = 3;
        for (int before = 0; before < 16; before++) {
            for (int catchAt = -1; catchAt <= top; catchAt++) {
                for (int pause = 0; pause <= 1; pause++) {
                    EVENTS.clear();
                    String what = "before=" + before + " catchAt=" + catchAt + " pause=" + pause;
                    String expected;
                    if (catchAt < 0) {
                        expected = "root caught made below at 100 from guarded$resume:" + line("guardedThrow");
                    } else {
                        StringBuilder sb = new StringBuilder();
                        for (int k = top; k > catchAt; k--) {
                            sb.append("g").append(k).append(">");
                        }
                        expected = sb + "g" + catchAt + " caught " + (100 + catchAt);
                    }
                    try (EventLoop loop = new EventLoop(new VirtualClock())) {
                        assertEquals(expected, loop.runUntilComplete(guardedRoot(top, before, catchAt, pause)), what);
                        assertEquals(Integer.bitCount(before) + (catchAt >= 0 ? pause : 0), loop.time(), 1e-9, what);
                    }
                    List<String> events = new ArrayList<>();
                    for (int k = top; k >= 0; k--) {
                        events.add("enter " + k);
                    }
                    for (int k = 0; k <= top; k++) {
                        if (k == catchAt) {
                            events.add("caught at " + k + ": made below at 100");
                        }
                        events.add("finally " + k + " " + (100 + k));
                    }
                    assertEquals(events, EVENTS, what);
                }
            }
        }
    }

    // ---- a failure made elsewhere: each awaiting level's async element once, in order

    @Async
    static Coroutine<Integer> failsAtOnce() {
        throw new IllegalStateException("made elsewhere");
    }

    @Async
    static Coroutine<Integer> e4(int mask, Task<Integer> failed) {
        if ((mask & 8) != 0) {
            await(sleep(1));
        }
        return result(await(failed)); // at:e4
    }

    @Async
    static Coroutine<Integer> e3(int mask, Task<Integer> failed) {
        if ((mask & 4) != 0) {
            await(sleep(1));
        }
        int r = await(e4(mask, failed)); // at:e3
        return result(r + 1);
    }

    @Async
    static Coroutine<Integer> e2(int mask, Task<Integer> failed) {
        if ((mask & 2) != 0) {
            await(sleep(1));
        }
        int r = await(e3(mask, failed)); // at:e2
        return result(r + 1);
    }

    @Async
    static Coroutine<Integer> e1(int mask, Task<Integer> failed) {
        if ((mask & 1) != 0) {
            await(sleep(1));
        }
        int r = await(e2(mask, failed)); // at:e1
        return result(r + 1);
    }

    @Async
    static Coroutine<String> elsewhereRoot(int mask) {
        Task<Integer> failed = createTask(failsAtOnce());
        await(sleep(0));
        try {
            await(e1(mask, failed)); // at:eRoot
            return result("no failure");
        } catch (IllegalStateException e) {
            assertSame(failed.exception(), e);
            return result(e.getMessage() + ": " + asyncElements(e));
        }
    }

    @Test
    void aFailureMadeElsewhereGetsEachLevelsElementOnceWhicheverLevelsHadFrames() {
        String levels = "e3:" + line("e3") + " e2:" + line("e2") + " e1:" + line("e1") + " elsewhereRoot:"
                + line("eRoot");
        for (int mask = 0; mask < 16; mask++) {
            try (EventLoop loop = new EventLoop(new VirtualClock())) {
                String got = loop.runUntilComplete(elsewhereRoot(mask));
                // the leaf, which rethrows it, adds no element when it has a frame either
                assertEquals("made elsewhere: " + levels, got, "mask=" + mask);
                assertEquals(Integer.bitCount(mask), loop.time(), 1e-9);
            }
        }
    }

    // ---- cancellation and task dumps while suspended at the leaf of a frameless chain

    @Async
    static Coroutine<String> cancellable(int n) {
        String name = "c" + n;
        try {
            if (n == 0) {
                await(sleep(10)); // at:cancelLeaf
                return result("leaf");
            }
            String below = await(cancellable(n - 1)); // at:cancelCall
            return result(name + below);
        } catch (CancelledError e) {
            EVENTS.add(name + " sees " + e.getMessage());
            throw e;
        } finally {
            EVENTS.add("finally " + name);
        }
    }

    @Async
    static Coroutine<String> cancelRoot(int top) {
        return result(await(cancellable(top))); // at:cancelRoot
    }

    @Async
    static Coroutine<Void> sleepFor(double seconds) {
        await(sleep(seconds));
        return done();
    }

    @Test
    void aCancellationAtTheLeafOfAFramelessChainUnwindsEveryLevelInOrderAndTheDumpShowsThem() {
        int top = 4;
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            Task<String> t = loop.createTask(cancelRoot(top));
            loop.runUntilComplete(sleepFor(1));
            TaskInfo info = loop.tasks().stream().filter(i -> i.name().equals(t.getName())).findFirst().orElseThrow();
            List<String> dump = new ArrayList<>();
            dump.add(at("cancellable", "cancelLeaf"));
            for (int k = 1; k <= top; k++) {
                dump.add(at("cancellable", "cancelCall"));
            }
            dump.add(at("cancelRoot", "cancelRoot"));
            assertEquals(dump, info.suspendedAt());
            assertTrue(t.cancel("stop"));
            loop.runUntilComplete(sleepFor(1));
            assertTrue(t.cancelled());
            assertEquals(2.0, loop.time(), 1e-9);
            CancelledError e = assertThrows(CancelledError.class, t::result);
            assertEquals("stop", e.getMessage());
        }
        List<String> expected = new ArrayList<>();
        for (int k = 0; k <= top; k++) {
            expected.add("c" + k + " sees stop");
            expected.add("finally c" + k);
        }
        assertEquals(expected, EVENTS);
    }

    // ---- 16, 17 and 18 frameless levels: the inline depth limit

    @Async
    static Coroutine<Integer> deep(int n, boolean pauseLeaf, Task<Integer> failed) {
        if (n == 1) {
            EVENTS.add("stack " + onStack("deep"));
            if (pauseLeaf) {
                await(sleep(1)); // at:deepLeaf
            }
            if (failed != null) {
                return result(await(failed));
            }
            return result(1);
        }
        int r = await(deep(n - 1, pauseLeaf, failed)); // at:deepCall
        return result(r + n);
    }

    @Async
    static Coroutine<Integer> deepRoot(int levels, boolean pauseLeaf, Task<Integer> failed) {
        return result(await(deep(levels, pauseLeaf, failed))); // at:deepRoot
    }

    @Async
    static Coroutine<String> deepFailure(int levels) {
        Task<Integer> failed = createTask(failsAtOnce());
        await(sleep(0));
        try {
            await(deepRoot(levels, false, failed)); // at:deepFailure
            return result("no failure");
        } catch (IllegalStateException e) {
            return result(asyncElements(e));
        }
    }

    @Test
    void chainsOf16To18LevelsRunFramelessUpToTheLimitAndDeferPastIt() {
        for (int levels = 15; levels <= 18; levels++) {
            for (boolean pause : new boolean[] {false, true}) {
                EVENTS.clear();
                String what = levels + " levels, pause=" + pause;
                try (EventLoop loop = new EventLoop(new VirtualClock())) {
                    Task<Integer> t = loop.createTask(deepRoot(levels, pause, null));
                    if (pause) {
                        loop.runUntilComplete(sleepFor(0.5));
                        TaskInfo info = loop.tasks().stream().filter(i -> i.name().equals(t.getName())).findFirst()
                                .orElseThrow();
                        List<String> dump = new ArrayList<>();
                        dump.add(at("deep", "deepLeaf"));
                        for (int k = 2; k <= levels; k++) {
                            dump.add(at("deep", "deepCall"));
                        }
                        dump.add(at("deepRoot", "deepRoot"));
                        assertEquals(dump, info.suspendedAt(), what);
                    }
                    loop.runUntilComplete(sleepFor(2));
                    assertEquals(levels * (levels + 1) / 2, t.result(), what);
                }
                // the root's frame is the anchor at depth 0: 16 levels run frameless on one Java stack;
                // the 17th is deferred to the driver, which starts it on a fresh stack
                int expected = levels <= 16 ? levels : levels - 16;
                assertEquals(List.of("stack " + expected), EVENTS, what);
            }
            EVENTS.clear();
            StringBuilder elements = new StringBuilder();
            for (int k = 2; k <= levels; k++) {
                elements.append("deep:").append(line("deepCall")).append(" ");
            }
            elements.append("deepRoot:").append(line("deepRoot")).append(" deepFailure:").append(line("deepFailure"));
            assertEquals(elements.toString(), TestLoop.run(deepFailure(levels)), levels + " levels, failure");
        }
    }

    // ---- a level that awaits an overridable method (no direct call) after its frameless nested call

    static class Source {
        @Async
        Coroutine<Integer> value(int v, boolean pause) {
            if (pause) {
                await(sleep(1));
            }
            EVENTS.add("source " + v);
            return result(v * 10);
        }
    }

    static class Doubling extends Source {
        @Override
        @Async
        Coroutine<Integer> value(int v, boolean pause) {
            if (pause) {
                await(sleep(1));
            }
            EVENTS.add("doubling " + v);
            return result(v * 20);
        }
    }

    @Async
    static Coroutine<Integer> mixed(int n, Source src, boolean pauseLeaf, boolean pauseSource) {
        long keep = n * 3L;
        int below = 0;
        if (n > 0) {
            below = await(mixed(n - 1, src, pauseLeaf, pauseSource));
        } else if (pauseLeaf) {
            await(sleep(1));
        }
        int v = await(src.value(n, pauseSource)); // an instance method a subclass overrides: the factory
        return result((int) (below + v + keep));
    }

    @Test
    void aLevelAwaitsAnOverridableMethodAfterItsFramelessNestedCall() {
        for (Source src : new Source[] {new Source(), new Doubling()}) {
            for (int top = 1; top <= 4; top += 3) {
                for (int flags = 0; flags < 4; flags++) {
                    boolean pauseLeaf = (flags & 1) != 0;
                    boolean pauseSource = (flags & 2) != 0;
                    EVENTS.clear();
                    int factor = src instanceof Doubling ? 20 : 10;
                    String what = src.getClass().getSimpleName() + " top=" + top + " flags=" + flags;
                    try (EventLoop loop = new EventLoop(new VirtualClock())) {
                        assertEquals((factor + 3) * top * (top + 1) / 2,
                                loop.runUntilComplete(mixed(top, src, pauseLeaf, pauseSource)), what);
                        assertEquals((pauseLeaf ? 1 : 0) + (pauseSource ? top + 1 : 0), loop.time(), 1e-9, what);
                    }
                    List<String> expected = new ArrayList<>();
                    for (int k = 0; k <= top; k++) {
                        expected.add((factor == 20 ? "doubling " : "source ") + k);
                    }
                    assertEquals(expected, EVENTS, what);
                }
            }
        }
    }

    // ---- generators that emit the values of frameless chains

    @Async
    static AsyncGenerator<String> emitsChains(int count) {
        for (int i = 0; i < count; i++) {
            long k = i * 11L;
            emit(await(chain(2, i, 7 - i)) + "#" + k);
        }
        return end();
    }

    @Async
    static Coroutine<String> consumesChains(int count) {
        AsyncGenerator<String> g = emitsChains(count);
        List<String> out = new ArrayList<>();
        while (await(g.hasNext())) {
            out.add(g.next());
        }
        return result(String.join(" ", out) + " t=" + getRunningLoop().time());
    }

    @Test
    void aGeneratorEmitsTheValuesOfChainsThatSuspendAnywhere() {
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            expected.append(expectedChain(2)).append("#").append(i * 11L).append(" ");
        }
        // each i suspends at popcount(i) + popcount(7 - i) = 3 places of its chain
        assertEquals(expected + "t=24.0", TestLoop.run(consumesChains(8)));
    }

    // ---- chains of 2 to 20 levels with several suspension patterns

    @Test
    void chainsOf2To20LevelsKeepValuesAndOrderWithEveryPatternOfSuspensions() {
        for (int top = 1; top <= 19; top++) {
            int all = (1 << (top + 1)) - 1;
            int[][] patterns = {{0, 0}, {all, 0}, {0, all}, {all, all}, {0x55555 & all, 0xAAAAA & all},
                    {1 << top, 1}, {1, 1 << top}, {1 << (top / 2), 0}, {0, 1 << (top / 2)}};
            for (int[] p : patterns) {
                EVENTS.clear();
                String what = "top=" + top + " before=" + p[0] + " after=" + p[1];
                try (EventLoop loop = new EventLoop(new VirtualClock())) {
                    assertEquals("root5|" + expectedChain(top), loop.runUntilComplete(runChain(top, p[0], p[1])),
                            what);
                    assertEquals(Integer.bitCount(p[0]) + Integer.bitCount(p[1]), loop.time(), 1e-9, what);
                }
                List<String> expected = new ArrayList<>();
                for (int k = top; k >= 0; k--) {
                    expected.add("enter " + k);
                }
                for (int k = 0; k <= top; k++) {
                    expected.add("exit " + k);
                }
                EVENTS.removeIf(e -> e.startsWith("stack "));
                assertEquals(expected, EVENTS, what);
            }
        }
    }

    // ---- a level with two direct calls: the second runs with the frame the first one made

    @Async
    static Coroutine<String> tree(int n, int id, long suspendLeaves) {
        String label = "t" + id;
        if (n == 0) {
            if ((suspendLeaves >> id & 1) != 0) {
                await(sleep(1));
            }
            EVENTS.add("leaf " + id);
            return result(label);
        }
        double weight = id * 0.5;
        String left = await(tree(n - 1, id * 2, suspendLeaves));
        String right = await(tree(n - 1, id * 2 + 1, suspendLeaves));
        return result("(" + left + " " + label + ":" + weight + " " + right + ")");
    }

    static String expectedTree(int n, int id) {
        if (n == 0) {
            return "t" + id;
        }
        return "(" + expectedTree(n - 1, id * 2) + " t" + id + ":" + id * 0.5 + " " + expectedTree(n - 1, id * 2 + 1)
                + ")";
    }

    @Test
    void aTreeOfDirectCallsSuspendingAtAnySetOfLeavesKeepsInOrderResults() {
        int n = 3; // leaves have ids 8..15
        for (int leaves = 0; leaves < 256; leaves++) {
            EVENTS.clear();
            long suspend = (long) leaves << 8;
            try (EventLoop loop = new EventLoop(new VirtualClock())) {
                assertEquals(expectedTree(n, 1), loop.runUntilComplete(tree(n, 1, suspend)), "leaves=" + leaves);
                assertEquals(Integer.bitCount(leaves), loop.time(), 1e-9);
            }
            List<String> order = new ArrayList<>();
            for (int id = 8; id < 16; id++) {
                order.add("leaf " + id);
            }
            assertEquals(order, EVENTS, "leaves=" + leaves);
        }
    }

    // ---- a frameless level that returns another coroutine instead of awaiting it

    @Async
    static Coroutine<String> delegates(int n, int before, Task<Integer> failed) {
        if (failed != null) {
            return result("" + await(e4(0, failed))); // at:delegatesFail
        }
        return chain(n, before, 0); // not awaited: the returned coroutine completes this one
    }

    @Async
    static Coroutine<String> awaitsDelegate(int n, int before, Task<Integer> failed) {
        String r = await(delegates(n, before, failed)); // at:awaitsDelegate
        return result("got " + r);
    }

    @Async
    static Coroutine<String> delegateFailure() {
        Task<Integer> failed = createTask(failsAtOnce());
        await(sleep(0));
        try {
            await(awaitsDelegate(0, 0, failed)); // at:delegateFailure
            return result("no failure");
        } catch (IllegalStateException e) {
            return result(asyncElements(e));
        }
    }

    @Test
    void aFramelessLevelReturningAnotherCoroutineCompletesWithIt() {
        for (int before = 0; before < 8; before++) {
            EVENTS.clear();
            try (EventLoop loop = new EventLoop(new VirtualClock())) {
                assertEquals("got " + expectedChain(2), loop.runUntilComplete(awaitsDelegate(2, before, null)));
                assertEquals(Integer.bitCount(before), loop.time(), 1e-9);
            }
        }
        assertEquals("delegates:" + line("delegatesFail") + " awaitsDelegate:" + line("awaitsDelegate")
                + " delegateFailure:" + line("delegateFailure"), TestLoop.run(delegateFailure()));
    }

    // ---- a failure made elsewhere caught by a middle level, framed or not

    @Async
    static Coroutine<String> catchesAtE2(int mask, Task<Integer> failed) {
        if ((mask & 2) != 0) {
            await(sleep(1));
        }
        try {
            await(e3(mask, failed)); // at:catchesAtE2
            return result("no failure");
        } catch (IllegalStateException e) {
            return result("caught: " + asyncElements(e));
        }
    }

    @Async
    static Coroutine<String> callsCatcher(int mask) {
        Task<Integer> failed = createTask(failsAtOnce());
        await(sleep(0));
        if ((mask & 1) != 0) {
            await(sleep(1));
        }
        String r = await(catchesAtE2(mask, failed));
        return result(r);
    }

    @Test
    void aMiddleLevelCatchingAFailureMadeElsewhereSeesTheLevelsBelowAndItselfOnly() {
        for (int mask = 0; mask < 16; mask++) {
            assertEquals("caught: e3:" + line("e3") + " catchesAtE2:" + line("catchesAtE2"),
                    TestLoop.run(callsCatcher(mask)), "mask=" + mask);
        }
    }

    // ---- a middle level swallows the cancellation, then suspends again; outer frameless levels go on

    @Async
    static Coroutine<String> swallows(int n) {
        if (n == 0) {
            await(sleep(10));
            return result("slept");
        }
        if (n == 2) {
            try {
                return result(await(swallows(n - 1)));
            } catch (CancelledError e) {
                EVENTS.add("level 2 uncancels, left " + io.github.jawait.Asyncio.currentTask().uncancel());
                await(sleep(1));
                return result("recovered at " + getRunningLoop().time());
            }
        }
        String below = await(swallows(n - 1));
        return result(n + ":" + below);
    }

    @Test
    void aCancellationSwallowedInTheMiddleOfAFramelessChainLetsTheOuterLevelsFinish() {
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            Task<String> t = loop.createTask(swallows(4));
            loop.runUntilComplete(sleepFor(1));
            assertTrue(t.cancel("stop"));
            loop.runUntilComplete(sleepFor(5));
            assertEquals("4:3:recovered at 2.0", t.result());
            assertEquals(0, t.cancelling());
        }
        assertEquals(List.of("level 2 uncancels, left 0"), EVENTS);
    }

    // ---- a frameless level whose finally awaits while a failure made elsewhere passes through

    @Async
    static Coroutine<Integer> finMid(boolean pauseInFinally, Task<Integer> failed) {
        long kept = 77;
        try {
            return result(await(e4(0, failed))); // at:finMid
        } finally {
            if (pauseInFinally) {
                await(sleep(1));
            }
            EVENTS.add("finally kept " + kept);
        }
    }

    @Async
    static Coroutine<Integer> finTop(boolean pauseInFinally, Task<Integer> failed) {
        int r = await(finMid(pauseInFinally, failed)); // at:finTop
        return result(r + 1);
    }

    @Async
    static Coroutine<String> finRoot(boolean pauseInFinally) {
        Task<Integer> failed = createTask(failsAtOnce());
        await(sleep(0));
        try {
            await(finTop(pauseInFinally, failed)); // at:finRoot
            return result("no failure");
        } catch (IllegalStateException e) {
            assertSame(failed.exception(), e);
            return result(asyncElements(e) + " t=" + getRunningLoop().time());
        }
    }

    @Test
    void aFinallyThatSuspendsOnTheWayOutAddsNoElementTwice() {
        String elements = "finMid:" + line("finMid") + " finTop:" + line("finTop") + " finRoot:" + line("finRoot");
        assertEquals(elements + " t=0.0", TestLoop.run(finRoot(false)));
        assertEquals(elements + " t=1.0", TestLoop.run(finRoot(true)));
        assertEquals(List.of("finally kept 77", "finally kept 77"), EVENTS);
    }

    // ---- a generator awaiting a frameless chain that fails with a failure made elsewhere

    @Async
    static AsyncGenerator<Integer> genFailing(int mask, Task<Integer> failed) {
        emit(1);
        int v = await(e1(mask, failed)); // at:genAwait
        emit(v);
        return end();
    }

    @Async
    static Coroutine<String> consumesFailing(int mask) {
        Task<Integer> failed = createTask(failsAtOnce());
        await(sleep(0));
        AsyncGenerator<Integer> g = genFailing(mask, failed);
        List<Integer> got = new ArrayList<>();
        try {
            while (await(g.hasNext())) { // at:genConsumer
                got.add(g.next());
            }
            return result("no failure");
        } catch (IllegalStateException e) {
            return result(got + " " + asyncElements(e));
        }
    }

    @Test
    void aGeneratorSeesTheSameElementsWhetherItsChainWasFramelessOrNot() {
        String framed = TestLoop.run(consumesFailing(15));
        String prefix = "[1] e3:" + line("e3") + " e2:" + line("e2") + " e1:" + line("e1") + " genFailing:"
                + line("genAwait");
        assertTrue(framed.startsWith(prefix), framed);
        for (int mask = 0; mask < 15; mask++) {
            assertEquals(framed, TestLoop.run(consumesFailing(mask)), "mask=" + mask);
        }
    }

    // ---- a frameless chain under inline starts: the anchor's own depth counts toward the limit

    static class Nest {
        @Async
        Coroutine<Integer> nest(int k, int levels, boolean pause, Task<Integer> failed) {
            if (k == 0) {
                return result(await(deep(levels, pause, failed))); // at:nestBottom
            }
            return result(await(nest(k - 1, levels, pause, failed))); // at:nestLevel
        }
    }

    @Async
    static Coroutine<String> nestFailure(int k, int levels) {
        Task<Integer> failed = createTask(failsAtOnce());
        await(sleep(0));
        try {
            await(new Nest().nest(k, levels, false, failed)); // at:nestFailure
            return result("no failure");
        } catch (IllegalStateException e) {
            return result(asyncElements(e));
        }
    }

    @Test
    void aFramelessChainBelowInlineStartsDefersOnceTheirDepthsAddUpPastTheLimit() {
        int k = 10;
        int levels = 12;
        for (boolean pause : new boolean[] {false, true}) {
            EVENTS.clear();
            try (EventLoop loop = new EventLoop(new VirtualClock())) {
                Task<Integer> t = loop.createTask(new Nest().nest(k, levels, pause, null));
                if (pause) {
                    loop.runUntilComplete(sleepFor(0.5));
                    TaskInfo info = loop.tasks().stream().filter(i -> i.name().equals(t.getName())).findFirst()
                            .orElseThrow();
                    assertEquals(1 + levels + k, info.suspendedAt().size(), info.suspendedAt().toString());
                    assertEquals(at("deep", "deepLeaf"), info.suspendedAt().get(0));
                    assertEquals(Nest.class.getName() + ".nest (" + FILE + ":" + line("nestLevel") + ")",
                            info.suspendedAt().get(levels + k));
                }
                loop.runUntilComplete(sleepFor(2));
                assertEquals(levels * (levels + 1) / 2, t.result());
            }
            // nest k..1 and the bottom's frame take inline depths 0..10: 6 levels run frameless on it, the 7th is deferred
            assertEquals(List.of("stack 6"), EVENTS, "pause=" + pause);
        }
        StringBuilder elements = new StringBuilder();
        for (int i = 2; i <= levels; i++) {
            elements.append("deep:").append(line("deepCall")).append(" ");
        }
        elements.append("nestFailure:").append(line("nestFailure"));
        assertEquals(elements.toString(), TestLoop.run(nestFailure(k, levels)));
    }
}
