package io.github.jawait.tests.shapes;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.tests.shapes.Aw.later;
import static io.github.jawait.tests.shapes.Aw.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code synchronized} blocks next to awaits: an await after the block, in the catch or the
 * finally of a try around it, holds no monitor and is rewritten (issue 14, bug 1). An await
 * inside the block is refused ({@link MisuseAwaitInSynchronized}).
 */
class ShapeSynchronizedTest {
    final List<String> events = new ArrayList<>();
    private final Object lock = new Object();

    private void locked(String what, boolean fail) {
        events.add(what + " holds lock " + Thread.holdsLock(lock));
        if (fail) {
            throw new IllegalStateException("failed in " + what);
        }
    }

    @Async
    Coroutine<String> awaitAfterTryAroundSynchronized() {
        try {
            synchronized (lock) {
                locked("block", false);
            }
        } catch (IllegalStateException e) {
            events.add("caught " + e.getMessage());
        }
        String s = await(later("after"));
        events.add("resumed holds lock " + Thread.holdsLock(lock));
        return result(s);
    }

    @Test
    void awaitAfterATryAroundASynchronizedBlock() {
        assertEquals("after", run(awaitAfterTryAroundSynchronized()));
        assertEquals(List.of("block holds lock true", "resumed holds lock false"), events);
    }

    @Async
    Coroutine<String> awaitInCatchAndFinally(boolean fail) {
        try {
            synchronized (lock) {
                locked("block", fail);
            }
            return result("no failure");
        } catch (IllegalStateException e) {
            String s = await(later("caught " + e.getMessage()));
            events.add(s + ", holds lock " + Thread.holdsLock(lock));
            return result(s);
        } finally {
            events.add("finally " + await(later("awaited")) + ", holds lock " + Thread.holdsLock(lock));
        }
    }

    @Test
    void awaitInTheCatchAndFinallyOfATryAroundASynchronizedBlock() {
        assertEquals("caught failed in block", run(awaitInCatchAndFinally(true)));
        assertEquals(List.of("block holds lock true", "caught failed in block, holds lock false",
                "finally awaited, holds lock false"), events);
        events.clear();
        assertEquals("no failure", run(awaitInCatchAndFinally(false)));
        assertEquals(List.of("block holds lock true", "finally awaited, holds lock false"),
                events);
    }

    @Async
    Coroutine<Integer> nestedSynchronizedInLoop(int n) {
        int total = 0;
        for (int i = 0; i < n; i++) {
            try {
                synchronized (lock) {
                    synchronized (events) {
                        locked("inner " + i, i == 1);
                    }
                }
            } catch (IllegalStateException e) {
                total += 100;
            }
            total += await(later(i));
        }
        return result(total);
    }

    @Test
    void nestedSynchronizedBlocksInALoopWithAwaitsBetweenThem() {
        assertEquals(100 + 0 + 1 + 2, run(nestedSynchronizedInLoop(3)));
        assertEquals(List.of("inner 0 holds lock true", "inner 1 holds lock true", "inner 2 holds lock true"), events);
    }
}
