package io.github.jawait.tests.shapes;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.tests.shapes.Aw.failLater;
import static io.github.jawait.tests.shapes.Aw.later;
import static io.github.jawait.tests.shapes.Aw.now;
import static io.github.jawait.tests.shapes.Aw.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Loops and conditionals with awaits in their conditions and bodies. */
class ShapeLoopsTest {
    final List<String> events = new ArrayList<>();

    @Async
    Coroutine<Integer> forLoop(int n) {
        int sum = 0;
        for (int i = await(result(0)); i < await(later(n)); i++) {
            events.add("i=" + i);
            sum += await(i % 2 == 0 ? later(i) : now(i));
        }
        return result(sum);
    }

    @Test
    void forLoopWithAwaitsInInitConditionAndBody() {
        assertEquals(10, run(forLoop(5)));
        assertEquals(List.of("i=0", "i=1", "i=2", "i=3", "i=4"), events);
    }

    @Async
    Coroutine<String> forEach(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            sb.append(await(later(w.toUpperCase())));
            events.add(w);
        }
        for (String w : await(later(words))) {
            sb.append(await(now(w.length())));
        }
        return result(sb.toString());
    }

    @Test
    void enhancedForOverListsAndAwaitedIterable() {
        assertEquals("ABBCCC123", run(forEach(List.of("a", "bb", "ccc"))));
        assertEquals(List.of("a", "bb", "ccc"), events);
    }

    @Async
    Coroutine<Integer> whileLoop(int limit) {
        int i = 0;
        while (await(later(i)) < limit) {
            events.add("w" + i);
            if (await(now(i % 3 == 1))) {
                i += 2;
            } else {
                i++;
            }
        }
        return result(i);
    }

    @Test
    void whileWithAwaitInCondition() {
        assertEquals(6, run(whileLoop(6)));
        assertEquals(List.of("w0", "w1", "w3", "w4"), events);
    }

    @Async
    Coroutine<Integer> doWhile(int n) {
        int count = 0;
        do {
            count = await(later(count + 1));
            events.add("d" + count);
        } while (await(result(count)) < n && await(later(true)));
        return result(count);
    }

    @Test
    void doWhileRunsBodyFirstAndAwaitsInCondition() {
        assertEquals(3, run(doWhile(3)));
        assertEquals(List.of("d1", "d2", "d3"), events);
        events.clear();
        assertEquals(1, run(doWhile(0)));
        assertEquals(List.of("d1"), events);
    }

    @Async
    Coroutine<String> nestedLabeled() {
        StringBuilder sb = new StringBuilder();
        outer:
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                int v = await(j % 2 == 0 ? later(i * 10 + j) : now(i * 10 + j));
                if (j > i) {
                    continue outer;
                }
                if (v == 32) {
                    break outer;
                }
                if (await(later(j == 1 && i == 1))) {
                    continue;
                }
                sb.append(v).append(',');
            }
            sb.append('|');
        }
        sb.append("end");
        return result(sb.toString());
    }

    @Test
    void nestedLoopsWithLabeledBreakAndContinue() {
        // i=0: 0 then j=1>0 continue outer; i=1: 10, (11 skipped by continue), j=2>1 continue outer;
        // i=2: 20,21,22 then j=3 continue outer; i=3: 30,31 then 32 break outer
        assertEquals("0,10,20,21,22,30,31,end", run(nestedLabeled()));
    }

    @Async
    Coroutine<String> ifElseChain(int x) {
        String s;
        if (await(later(x)) < 0) {
            s = "neg";
        } else if (await(now(x)) == 0) {
            s = await(later("zero"));
        } else if (x < 10 && await(later(x % 2 == 0))) {
            s = "small even";
        } else if (x < 10 || await(later(false))) {
            s = "small odd";
        } else {
            s = "big";
        }
        events.add(s);
        return result(s);
    }

    @Test
    void ifElseChainsWithShortCircuit() {
        assertEquals("neg", run(ifElseChain(-1)));
        assertEquals("zero", run(ifElseChain(0)));
        assertEquals("small even", run(ifElseChain(4)));
        assertEquals("small odd", run(ifElseChain(5)));
        assertEquals("big", run(ifElseChain(50)));
        assertEquals(List.of("neg", "zero", "small even", "small odd", "big"), events);
    }

    @Async
    Coroutine<String> ternaries(int x) {
        String a = x > 0 ? await(later("pos")) : await(now("nonpos"));
        int b = await(later(x)) > 5 ? await(later(x * 2)) : x < 0 ? await(now(-x)) : 0;
        long c = x > 0 ? await(later(1L << 40)) : -1L;
        double d = (x > 2 ? await(later(0.5)) : 1.5) + (x > 3 ? await(later(0.25)) : 0.0);
        return result(a + " " + b + " " + c + " " + d);
    }

    @Test
    void ternariesWithAwaitsInEachBranchAndCondition() {
        assertEquals("pos 20 1099511627776 0.75", run(ternaries(10)));
        assertEquals("nonpos 3 -1 1.5", run(ternaries(-3)));
        assertEquals("pos 0 1099511627776 0.5", run(ternaries(3)));
    }

    @Async
    Coroutine<Integer> loopWithFailure(int failAt) {
        int done = 0;
        for (int i = 0; i < 5; i++) {
            try {
                if (i == failAt) {
                    await(failLater(new IllegalStateException("boom at " + i)));
                }
                done += await(later(1));
            } catch (IllegalStateException e) {
                events.add(e.getMessage());
            }
        }
        return result(done);
    }

    @Test
    void failureInsideLoopIsCaughtAndLoopContinues() {
        assertEquals(4, run(loopWithFailure(2)));
        assertEquals(List.of("boom at 2"), events);
    }

    @Async
    Coroutine<Integer> longLoop(int n) {
        int i = 0;
        long total = 0;
        while (i < n) {
            total += await(i % 100 == 0 ? later(i) : now(i));
            await(sleep(0));
            i++;
        }
        return result((int) (total % 1_000_000_007L));
    }

    @Test
    void tenThousandIterationsWithSuspensionsAndVirtualTime() {
        VirtualClock clock = new VirtualClock();
        try (EventLoop loop = new EventLoop(clock)) {
            assertEquals((int) (49_995_000L % 1_000_000_007L), loop.runUntilComplete(longLoop(10_000)));
        }
        assertEquals(10.0, clock.seconds(), 1e-6);
    }

    @Async
    Coroutine<Integer> uncaughtInLoop() {
        for (int i = 0; ; i++) {
            events.add("it" + i);
            if (i == 2) {
                await(failLater(new UnsupportedOperationException("loop " + i)));
            }
            await(later(i));
        }
    }

    @Test
    void failureEscapesAnInfiniteLoop() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> run(uncaughtInLoop()));
        assertEquals("loop 2", e.getMessage());
        assertEquals(List.of("it0", "it1", "it2"), events);
    }
}
