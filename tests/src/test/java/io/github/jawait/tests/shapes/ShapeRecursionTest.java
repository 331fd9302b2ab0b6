package io.github.jawait.tests.shapes;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.tests.shapes.Aw.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Deep await chains run without Java stack (the surefire JVM runs with -Xss512k). */
class ShapeRecursionTest {
    static final int DEPTH = 100_000;
    int caught;

    @Async
    static Coroutine<Long> sum(int n) {
        if (n == 0) {
            return result(0L);
        }
        return result(await(sum(n - 1)) + n);
    }

    @Test
    void awaitingItselfOneHundredThousandDeep() {
        assertEquals((long) DEPTH * (DEPTH + 1) / 2, run(sum(DEPTH)));
    }

    @Async
    static Coroutine<Long> sumSuspendingAtTheBottom(int n, long acc) {
        if (n == 0) {
            await(sleep(1));
            return result(acc);
        }
        long below = await(sumSuspendingAtTheBottom(n - 1, acc + 1));
        if (n % 1000 == 0) {
            await(sleep(0)); // suspend on the way up too
        }
        return result(below);
    }

    @Test
    void innermostSuspendsAndTheChainResumes() {
        assertEquals(DEPTH, run(sumSuspendingAtTheBottom(DEPTH, 0)));
    }

    @Async
    static Coroutine<Integer> tail(int n) {
        if (n == 0) {
            return result(-1);
        }
        return tail(n - 1); // returns another coroutine: awaited as a tail call
    }

    @Test
    void tailCallsOneHundredThousandDeep() {
        assertEquals(-1, run(tail(DEPTH)));
    }

    @Async
    Coroutine<Integer> failingDeep(int n) {
        if (n == 0) {
            await(sleep(0.1));
            throw new IllegalStateException("bottom");
        }
        try {
            return result(await(failingDeep(n - 1)));
        } finally {
            if (n % 10_000 == 0) {
                caught++;
            }
        }
    }

    @Test
    void failurePropagatesThroughOneHundredThousandFramesAndFinallies() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(failingDeep(DEPTH)));
        assertEquals("bottom", e.getMessage());
        assertEquals(DEPTH / 10_000, caught);
    }

    @Test
    void asyncLambdaRecursion() {
        IntFunction<Coroutine<Integer>>[] self = new IntFunction[1];
        self[0] = n -> n == 0 ? result(0) : result(await(self[0].apply(n - 1)) + 1);
        assertEquals(DEPTH, run(self[0].apply(DEPTH)));
    }
}
