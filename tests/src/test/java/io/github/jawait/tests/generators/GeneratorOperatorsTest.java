package io.github.jawait.tests.generators;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.emit;
import static io.github.jawait.Asyncio.end;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.jawait.Async;
import io.github.jawait.AsyncGenerator;
import io.github.jawait.AsyncTimeoutException;
import io.github.jawait.Coroutine;
import io.github.jawait.tests.TestLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The stream operators of {@link AsyncGenerator}: {@code buffer}, {@code merge}, {@code flatMap},
 * {@code chunked}, {@code timeout}. Values, order, timing on the virtual clock, errors, and that
 * closing the result (or its failing) closes every upstream generator and leaves no task behind.
 */
class GeneratorOperatorsTest {
    final List<String> log = new ArrayList<>();
    int produced;
    int active;
    int maxActive;
    double closedAt;

    static double now() {
        return getRunningLoop().time();
    }

    /** Emits {@code name + i} for i below n, each after {@code delay}; logs its closing. */
    @Async
    AsyncGenerator<String> source(String name, int n, double delay) {
        active++;
        maxActive = Math.max(maxActive, active);
        try {
            for (int i = 0; i < n; i++) {
                await(sleep(delay));
                produced++;
                emit(name + i);
            }
        } finally {
            active--;
            log.add("closed " + name);
        }
        return end();
    }

    @Async
    AsyncGenerator<String> failsAfter(String name, int n, double delay) {
        try {
            for (int i = 0; i < n; i++) {
                await(sleep(delay));
                emit(name + i);
            }
            await(sleep(delay));
            throw new IllegalStateException(name + " broke");
        } finally {
            log.add("closed " + name);
        }
    }

    @Async
    Coroutine<List<String>> consumeSlowly(AsyncGenerator<String> g, double work) {
        List<String> out = new ArrayList<>();
        try (g) {
            while (await(g.hasNext())) {
                out.add(g.next());
                await(sleep(work));
            }
        }
        return result(out);
    }

    /** Asserts that only the test's own task is left on the loop. */
    static void noTaskLeft() {
        assertEquals(1, getRunningLoop().allTasks().size(), () -> "tasks left: " + getRunningLoop().allTasks());
    }

    // ---------------------------------------------------------------- buffer

    @Async
    Coroutine<Void> bufferOverlaps() {
        List<String> out = await(consumeSlowly(source("a", 10, 0.1).buffer(2), 0.1));
        assertEquals(List.of("a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9"), out);
        assertEquals(1.1, now(), 1e-6); // unbuffered: 2.0 (produce and consume in turn)
        assertEquals(List.of("closed a"), log);
        noTaskLeft();
        return done();
    }

    @Test
    void bufferRunsTheProducerWhileTheConsumerWorks() {
        TestLoop.run(bufferOverlaps());
    }

    @Async
    Coroutine<Void> bufferBound() {
        try (AsyncGenerator<String> g = source("a", 100, 0.1).buffer(3)) {
            assertTrue(await(g.hasNext()));
            assertEquals("a0", g.next());
            await(sleep(60)); // a slow consumer
            assertEquals(4, produced); // the one taken and 3 ahead, no more
        }
        assertEquals(List.of("closed a"), log); // closing the buffer closed the source
        noTaskLeft();
        return done();
    }

    @Test
    void bufferRunsAheadByAtMostN() {
        TestLoop.run(bufferBound());
    }

    @Async
    Coroutine<Void> bufferFailure() {
        List<String> seen = new ArrayList<>();
        try (AsyncGenerator<String> g = failsAfter("f", 3, 0.1).buffer(5)) {
            while (await(g.hasNext())) {
                seen.add(g.next());
            }
            fail("no failure");
        } catch (IllegalStateException e) {
            assertEquals("f broke", e.getMessage());
        }
        assertEquals(List.of("f0", "f1", "f2"), seen); // the values before the failure come first
        assertEquals(List.of("closed f"), log);
        noTaskLeft();
        return done();
    }

    @Test
    void bufferDeliversTheValuesBeforeAFailureThenTheFailure() {
        TestLoop.run(bufferFailure());
    }

    @Test
    void bufferOfZeroIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> source("a", 1, 0).buffer(0));
        assertEquals("buffer(0): the producer must be allowed at least one value ahead", e.getMessage());
    }

    // ---------------------------------------------------------------- merge

    @Async
    Coroutine<Void> mergeOrder() {
        List<String> out = await(source("a", 3, 0.3).merge(source("b", 3, 0.25)).toList());
        assertEquals(List.of("b0", "a0", "b1", "a1", "b2", "a2"), out); // b at .25 .5 .75, a at .3 .6 .9
        assertEquals(0.9, now(), 1e-6);
        assertEquals(Set.of("closed a", "closed b"), new HashSet<>(log));
        noTaskLeft();
        return done();
    }

    @Test
    void mergeInterleavesAsProduced() {
        TestLoop.run(mergeOrder());
    }

    @Async
    Coroutine<Void> mergeFailure() {
        List<String> seen = new ArrayList<>();
        try (AsyncGenerator<String> g = AsyncGenerator.merge(List.of(source("slow", 100, 1.2), failsAfter("f", 1, 0.5)))) {
            while (await(g.hasNext())) {
                seen.add(g.next());
            }
            fail("no failure");
        } catch (IllegalStateException e) {
            assertEquals("f broke", e.getMessage());
        }
        assertEquals(List.of("f0"), seen);
        assertEquals(1.0, now(), 1e-6); // f fails at 1.0; the slow source is closed at once
        assertEquals(Set.of("closed slow", "closed f"), new HashSet<>(log));
        noTaskLeft();
        return done();
    }

    @Test
    void aFailingSourceEndsTheMergeAndClosesTheOthers() {
        TestLoop.run(mergeFailure());
    }

    @Async
    Coroutine<Void> mergeClosedEarly() {
        List<String> out = await(source("a", 100, 1).merge(source("b", 100, 1.5)).take(3).toList());
        assertEquals(List.of("a0", "b0", "a1"), out);
        assertEquals(Set.of("closed a", "closed b"), new HashSet<>(log));
        noTaskLeft();
        return done();
    }

    @Test
    void closingAMergeClosesEverySource() {
        TestLoop.run(mergeClosedEarly());
    }

    // ---------------------------------------------------------------- flatMap

    @Async
    Coroutine<Void> flatMapLimited(int concurrency, double expectedSeconds) {
        List<String> out = await(source("o", 4, 0).flatMap(x -> source(x + "-", 2, 1), concurrency).toList());
        assertEquals(8, out.size());
        assertEquals(Set.of("o0-0", "o0-1", "o1-0", "o1-1", "o2-0", "o2-1", "o3-0", "o3-1"), new HashSet<>(out));
        if (concurrency == 1) {
            assertEquals(List.of("o0-0", "o0-1", "o1-0", "o1-1", "o2-0", "o2-1", "o3-0", "o3-1"), out); // concatMap
        }
        assertEquals(concurrency + 1, maxActive); // the outer source and at most `concurrency` inner ones
        assertEquals(expectedSeconds, now(), 1e-6);
        assertEquals(5, log.size()); // every generator closed
        noTaskLeft();
        return done();
    }

    @Test
    void flatMapRunsAtMostConcurrencyInnerGenerators() {
        TestLoop.run(flatMapLimited(2, 4.0));
        GeneratorOperatorsTest sequential = new GeneratorOperatorsTest();
        TestLoop.run(sequential.flatMapLimited(1, 8.0));
    }

    @Async
    Coroutine<Void> flatMapFailure() {
        try {
            await(source("o", 3, 0).flatMap(x -> x.equals("o1") ? failsAfter(x, 1, 0.5) : source(x + "-", 10, 1), 3).toList());
            fail("no failure");
        } catch (IllegalStateException e) {
            assertEquals("o1 broke", e.getMessage());
        }
        assertEquals(1.0, now(), 1e-6);
        assertEquals(Set.of("closed o", "closed o0-", "closed o1", "closed o2-"), new HashSet<>(log));
        noTaskLeft();
        return done();
    }

    @Test
    void anInnerFailureEndsTheFlatMapAndClosesEverything() {
        TestLoop.run(flatMapFailure());
    }

    @Async
    Coroutine<Void> flatMapClosedEarly() {
        List<String> out = await(source("o", 100, 0).flatMap(x -> source(x + "-", 100, 1), 2).take(3).toList());
        assertEquals(3, out.size());
        assertEquals(3, log.size()); // the outer source and the two running inner ones
        assertTrue(log.contains("closed o"), log::toString);
        noTaskLeft();
        return done();
    }

    @Test
    void closingAFlatMapClosesTheOuterAndInnerGenerators() {
        TestLoop.run(flatMapClosedEarly());
    }

    @Test
    void flatMapNeedsAPositiveConcurrency() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> source("o", 1, 0).flatMap(x -> source(x, 1, 0), 0));
        assertEquals("flatMap concurrency must be at least 1: 0", e.getMessage());
    }

    // ---------------------------------------------------------------- chunked

    @Async
    Coroutine<Void> chunks() {
        assertEquals(List.of(List.of("a0", "a1", "a2"), List.of("a3", "a4", "a5"), List.of("a6")),
                await(source("a", 7, 0.1).chunked(3).toList()));
        assertEquals(List.of(List.of("b0", "b1")), await(source("b", 2, 0.1).chunked(2).toList()));
        assertEquals(List.of(), await(source("c", 0, 0.1).chunked(2).toList()));
        assertEquals(List.of(List.of("d0", "d1")), await(source("d", 100, 0.1).chunked(2).take(1).toList()));
        assertEquals(List.of("closed a", "closed b", "closed c", "closed d"), log);
        return done();
    }

    @Test
    void chunkedGroupsValuesAndClosesItsSource() {
        TestLoop.run(chunks());
    }

    @Test
    void chunksHoldAtLeastOneValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> source("a", 1, 0).chunked(0));
        assertEquals("chunked(0): a chunk holds at least one value", e.getMessage());
    }

    // ---------------------------------------------------------------- timeout per item

    @Async
    AsyncGenerator<String> stalls() {
        try {
            await(sleep(0.1));
            emit("x0");
            await(sleep(0.1));
            emit("x1");
            await(sleep(5));
            emit("never");
        } finally {
            log.add("closed stalls");
            closedAt = now();
        }
        return end();
    }

    @Async
    Coroutine<Void> perItemTimeout() {
        List<String> seen = new ArrayList<>();
        try (AsyncGenerator<String> g = stalls().timeout(Duration.ofSeconds(1))) {
            while (await(g.hasNext())) {
                seen.add(g.next());
                await(sleep(3)); // the consumer's own time does not count against the deadline
            }
            fail("no timeout");
        } catch (AsyncTimeoutException expected) {
            // the third value took longer than a second
        }
        assertEquals(List.of("x0", "x1"), seen);
        assertEquals(7.2, now(), 1e-6); // x1 at 3.2, consumer until 6.2, deadline at 7.2
        assertEquals(List.of("closed stalls"), log);
        assertEquals(7.2, closedAt, 1e-6); // the pending step was cancelled at the deadline
        assertEquals(List.of("y0", "y1", "y2"), await(source("y", 3, 0.5).timeout(Duration.ofSeconds(1)).toList()));
        noTaskLeft();
        return done();
    }

    @Test
    void timeoutLimitsTheWaitForEachValue() {
        TestLoop.run(perItemTimeout());
    }
}
