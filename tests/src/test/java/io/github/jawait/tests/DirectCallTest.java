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
import io.github.jawait.EventLoop;
import io.github.jawait.Task;
import io.github.jawait.TaskInfo;
import io.github.jawait.VirtualClock;
import io.github.jawait.core.CoroutineFrame;
import io.github.jawait.tests.shapes.SourceLines;
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
        assertEquals(List.of(CoroutineFrame.class, int.class), List.of(variant.getParameterTypes()));
        assertTrue(Modifier.isStatic(variant.getModifiers()) && Modifier.isPrivate(variant.getModifiers())
                && variant.isSynthetic());
        assertEquals(Object.class, DirectCallTest.class
                .getDeclaredMethod("suspendsHalfway$resume", long.class, double.class, String.class, CoroutineFrame.class,
                        int.class)
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
                .getDeclaredMethod("withdraw$resume", Account.class, int.class, boolean.class, CoroutineFrame.class,
                        int.class)
                .getReturnType());
        assertEquals(Object.class, Account.class
                .getDeclaredMethod("withdrawTwice$resume", Account.class, int.class, CoroutineFrame.class, int.class)
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

    /** A private instance method whose receiver and 254 ints take the 255 parameter slots a method may have. */
    static class AtTheLimit {
        @Async
        private Coroutine<Integer> sum(
                int a0, int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, int a9, int a10, int
                a11, int a12, int a13, int a14, int a15, int a16, int a17, int a18, int a19, int a20, int
                a21, int a22, int a23, int a24, int a25, int a26, int a27, int a28, int a29, int a30, int
                a31, int a32, int a33, int a34, int a35, int a36, int a37, int a38, int a39, int a40, int
                a41, int a42, int a43, int a44, int a45, int a46, int a47, int a48, int a49, int a50, int
                a51, int a52, int a53, int a54, int a55, int a56, int a57, int a58, int a59, int a60, int
                a61, int a62, int a63, int a64, int a65, int a66, int a67, int a68, int a69, int a70, int
                a71, int a72, int a73, int a74, int a75, int a76, int a77, int a78, int a79, int a80, int
                a81, int a82, int a83, int a84, int a85, int a86, int a87, int a88, int a89, int a90, int
                a91, int a92, int a93, int a94, int a95, int a96, int a97, int a98, int a99, int a100, int
                a101, int a102, int a103, int a104, int a105, int a106, int a107, int a108, int a109, int
                a110, int a111, int a112, int a113, int a114, int a115, int a116, int a117, int a118, int
                a119, int a120, int a121, int a122, int a123, int a124, int a125, int a126, int a127, int
                a128, int a129, int a130, int a131, int a132, int a133, int a134, int a135, int a136, int
                a137, int a138, int a139, int a140, int a141, int a142, int a143, int a144, int a145, int
                a146, int a147, int a148, int a149, int a150, int a151, int a152, int a153, int a154, int
                a155, int a156, int a157, int a158, int a159, int a160, int a161, int a162, int a163, int
                a164, int a165, int a166, int a167, int a168, int a169, int a170, int a171, int a172, int
                a173, int a174, int a175, int a176, int a177, int a178, int a179, int a180, int a181, int
                a182, int a183, int a184, int a185, int a186, int a187, int a188, int a189, int a190, int
                a191, int a192, int a193, int a194, int a195, int a196, int a197, int a198, int a199, int
                a200, int a201, int a202, int a203, int a204, int a205, int a206, int a207, int a208, int
                a209, int a210, int a211, int a212, int a213, int a214, int a215, int a216, int a217, int
                a218, int a219, int a220, int a221, int a222, int a223, int a224, int a225, int a226, int
                a227, int a228, int a229, int a230, int a231, int a232, int a233, int a234, int a235, int
                a236, int a237, int a238, int a239, int a240, int a241, int a242, int a243, int a244, int
                a245, int a246, int a247, int a248, int a249, int a250, int a251, int a252, int a253) {
            await(sleep(0));
            return result(
                    a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 + a13 + a14 + a15 + a16
                    + a17 + a18 + a19 + a20 + a21 + a22 + a23 + a24 + a25 + a26 + a27 + a28 + a29 + a30 + a31
                    + a32 + a33 + a34 + a35 + a36 + a37 + a38 + a39 + a40 + a41 + a42 + a43 + a44 + a45 + a46
                    + a47 + a48 + a49 + a50 + a51 + a52 + a53 + a54 + a55 + a56 + a57 + a58 + a59 + a60 + a61
                    + a62 + a63 + a64 + a65 + a66 + a67 + a68 + a69 + a70 + a71 + a72 + a73 + a74 + a75 + a76
                    + a77 + a78 + a79 + a80 + a81 + a82 + a83 + a84 + a85 + a86 + a87 + a88 + a89 + a90 + a91
                    + a92 + a93 + a94 + a95 + a96 + a97 + a98 + a99 + a100 + a101 + a102 + a103 + a104 + a105
                    + a106 + a107 + a108 + a109 + a110 + a111 + a112 + a113 + a114 + a115 + a116 + a117 +
                    a118 + a119 + a120 + a121 + a122 + a123 + a124 + a125 + a126 + a127 + a128 + a129 + a130
                    + a131 + a132 + a133 + a134 + a135 + a136 + a137 + a138 + a139 + a140 + a141 + a142 +
                    a143 + a144 + a145 + a146 + a147 + a148 + a149 + a150 + a151 + a152 + a153 + a154 + a155
                    + a156 + a157 + a158 + a159 + a160 + a161 + a162 + a163 + a164 + a165 + a166 + a167 +
                    a168 + a169 + a170 + a171 + a172 + a173 + a174 + a175 + a176 + a177 + a178 + a179 + a180
                    + a181 + a182 + a183 + a184 + a185 + a186 + a187 + a188 + a189 + a190 + a191 + a192 +
                    a193 + a194 + a195 + a196 + a197 + a198 + a199 + a200 + a201 + a202 + a203 + a204 + a205
                    + a206 + a207 + a208 + a209 + a210 + a211 + a212 + a213 + a214 + a215 + a216 + a217 +
                    a218 + a219 + a220 + a221 + a222 + a223 + a224 + a225 + a226 + a227 + a228 + a229 + a230
                    + a231 + a232 + a233 + a234 + a235 + a236 + a237 + a238 + a239 + a240 + a241 + a242 +
                    a243 + a244 + a245 + a246 + a247 + a248 + a249 + a250 + a251 + a252 + a253);
        }

        @Async
        Coroutine<Integer> callsIt() {
            return result(await(sum(
                    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
                    25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46,
                    47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68,
                    69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90,
                    91, 92, 93, 94, 95, 96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109,
                    110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127,
                    128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 140, 141, 142, 143, 144, 145,
                    146, 147, 148, 149, 150, 151, 152, 153, 154, 155, 156, 157, 158, 159, 160, 161, 162, 163,
                    164, 165, 166, 167, 168, 169, 170, 171, 172, 173, 174, 175, 176, 177, 178, 179, 180, 181,
                    182, 183, 184, 185, 186, 187, 188, 189, 190, 191, 192, 193, 194, 195, 196, 197, 198, 199,
                    200, 201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211, 212, 213, 214, 215, 216, 217,
                    218, 219, 220, 221, 222, 223, 224, 225, 226, 227, 228, 229, 230, 231, 232, 233, 234, 235,
                    236, 237, 238, 239, 240, 241, 242, 243, 244, 245, 246, 247, 248, 249, 250, 251, 252,
                    253)));
        }
    }

    @Test
    void anInstanceMethodWithNoSlotLeftForTheCallersFrameKeepsItsFactory() {
        // its variant would take the receiver, 254 ints and the caller's frame: 256 slots
        assertTrue(Arrays.stream(AtTheLimit.class.getDeclaredMethods())
                .noneMatch(m -> m.getName().equals("sum$resume") && m.getParameterCount() > 1));
        assertEquals(253 * 254 / 2, TestLoop.run(new AtTheLimit().callsIt()));
    }

    // ---- chains of direct calls: only the levels that suspend make a frame

    @Async
    static Coroutine<Integer> level3(int v, boolean suspend, Task<Integer> failed) {
        if (suspend) {
            await(sleep(1)); // at:level3
        }
        if (failed != null) {
            return result(await(failed)); // rethrows another task's failure without suspending
        }
        return result(v + 3);
    }

    @Async
    static Coroutine<Integer> level2(int v, boolean suspend, Task<Integer> failed) {
        int r = await(level3(v, suspend, failed)); // at:level2
        return result(r + 2);
    }

    @Async
    static Coroutine<Integer> level1(int v, boolean suspend, Task<Integer> failed) {
        int r = await(level2(v, suspend, failed)); // at:level1
        return result(r + 1);
    }

    @Async
    static Coroutine<Long> callsChains(int n) {
        long before = allocatedBytes();
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += await(level1(1, false, null)) - 7; // values up to 127: boxes from the cache
        }
        return result(allocatedBytes() - before + sum);
    }

    @Test
    void aChainOfDirectCallsThatNeverSuspendAllocatesNothing() {
        int n = 100_000;
        long bytes = TestLoop.run(callsChains(n));
        assertTrue(bytes < n, "a 3-deep chain allocated " + bytes + " bytes for " + n + " calls");
    }

    @Async
    static Coroutine<String> awaitsASuspendingChain() {
        createTask(record("other task"));
        int v = await(level1(10, true, null)); // at:chainCaller
        events.add("caller got " + v);
        return result("done");
    }

    @Test
    void aChainOfDirectCallsSuspendingAtItsLeafMakesEachLevelsFrameAndResumesThemInOrder() {
        events.clear();
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            Task<String> t = loop.createTask(awaitsASuspendingChain());
            loop.runUntilComplete(InlineStartTest.pause(0.5));
            // suspended in level3: every level has its frame now, each at its await
            TaskInfo info = loop.tasks().stream().filter(i -> i.name().equals(t.getName())).findFirst().orElseThrow();
            String cls = DirectCallTest.class.getName();
            String file = "DirectCallTest.java:";
            assertEquals(List.of(cls + ".level3 (" + file + lineOf("level3") + ")",
                    cls + ".level2 (" + file + lineOf("level2") + ")",
                    cls + ".level1 (" + file + lineOf("level1") + ")",
                    cls + ".awaitsASuspendingChain (" + file + lineOf("chainCaller") + ")"),
                    info.suspendedAt());
            assertEquals("done", loop.runUntilComplete(InlineStartTest.awaitTask(t)));
        }
        assertEquals(List.of("other task", "caller got 16"), events);
    }

    @Async
    static Coroutine<String> failsThroughAChain() {
        Task<Integer> failed = createTask(failsAtOnce());
        await(sleep(0));
        try {
            await(level1(0, false, failed)); // at:failingChain
            return result("no failure");
        } catch (IllegalStateException e) {
            assertSame(failed.exception(), e);
            List<String> mine = new ArrayList<>();
            for (StackTraceElement s : e.getStackTrace()) {
                if ("async".equals(s.getClassLoaderName()) && s.getMethodName().matches("level.|failsThroughAChain")) {
                    mine.add(s.getMethodName() + ":" + s.getLineNumber());
                }
            }
            return result(String.join(" ", mine));
        }
    }

    @Test
    void aFailureMadeElsewhereThroughAFramelessChainGetsEachLevelsElementOnceInOrder() {
        assertEquals("level2:" + lineOf("level2") + " level1:" + lineOf("level1")
                + " failsThroughAChain:" + lineOf("failingChain"),
                TestLoop.run(failsThroughAChain()));
    }

    @Async
    static Coroutine<String> catchesInTheMiddle(Task<Integer> failed) {
        try {
            await(level3(0, false, failed)); // at:middleCatch
            return result("no failure");
        } catch (IllegalStateException e) {
            List<String> mine = new ArrayList<>();
            for (StackTraceElement s : e.getStackTrace()) {
                if ("async".equals(s.getClassLoaderName())) {
                    mine.add(s.getMethodName() + ":" + s.getLineNumber());
                }
            }
            return result("caught with " + String.join(" ", mine));
        }
    }

    @Async
    static Coroutine<String> callsTheCatcher() {
        Task<Integer> failed = createTask(failsAtOnce());
        await(sleep(0));
        return result(await(catchesInTheMiddle(failed)));
    }

    @Test
    void aFramelessLevelThatCatchesAFailureMadeElsewhereSeesItsOwnElementAlready() {
        // as a frame's catch would, after the driver handed it the callee's failure
        assertEquals("caught with catchesInTheMiddle:" + lineOf("middleCatch"), TestLoop.run(callsTheCatcher()));
    }

    static int lineOf(String name) {
        return SourceLines.lineOf(DirectCallTest.class, "// at:" + name);
    }
}
