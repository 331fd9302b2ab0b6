package io.github.jawait.tests.generators;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.emit;
import static io.github.jawait.Asyncio.end;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jawait.Async;
import io.github.jawait.AsyncGenerator;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.GeneratorExit;
import io.github.jawait.Task;
import io.github.jawait.tests.TestLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** Async generators and async iteration: the guide's 异步生成器 section and the shapes around it. */
class AsyncGeneratorsTest {
    final List<String> events = new ArrayList<>();

    void log(String e) {
        events.add(e + " @" + EventLoop.current().time());
    }

    @Async
    AsyncGenerator<Integer> asyncRange(int n) {
        for (int i = 0; i < n; i++) {
            await(sleep(0.1));
            emit(i);
        }
        return end();
    }

    @Async
    Coroutine<List<Integer>> asyncFor() {
        List<Integer> seen = new ArrayList<>();
        try (var g = asyncRange(5)) {
            while (await(g.hasNext())) {
                seen.add(g.next());
            }
        }
        return result(seen);
    }

    @Test
    void asyncForOverTheGuidesAsyncRange() {
        VirtualClockRun run = new VirtualClockRun();
        assertEquals(List.of(0, 1, 2, 3, 4), run.run(asyncFor()));
        assertEquals(0.5, run.seconds(), 1e-9);
    }

    @Async
    Coroutine<List<Integer>> comprehension() {
        return result(await(asyncRange(5).toList()));
    }

    @Test
    void asyncComprehension() {
        assertEquals(List.of(0, 1, 2, 3, 4), TestLoop.run(comprehension()));
    }

    @Async
    AsyncGenerator<Integer> dataStream() {
        for (int i = 0; i < 10; i++) {
            await(sleep(0.1));
            emit(i);
        }
        return end();
    }

    @Async
    Coroutine<List<String>> processStream() {
        List<String> out = new ArrayList<>();
        try (var g = dataStream()) {
            while (await(g.hasNext())) {
                int num = g.next();
                if (num % 2 == 0) {
                    out.add("Even: " + num);
                }
            }
        }
        List<String> viaOperators = await(dataStream().filter(n -> n % 2 == 0).map(n -> "Even: " + n).toList());
        assertEquals(out, viaOperators);
        return result(out);
    }

    @Test
    void theGuidesStreamFilteringExampleByHandAndWithOperators() {
        assertEquals(List.of("Even: 0", "Even: 2", "Even: 4", "Even: 6", "Even: 8"), TestLoop.run(processStream()));
    }

    @Async
    AsyncGenerator<String> lazy() {
        log("body starts");
        emit("a");
        log("after a");
        emit("b");
        log("after b");
        return end();
    }

    @Async
    Coroutine<Void> pullBased() {
        AsyncGenerator<String> g = lazy();
        log("created");
        await(sleep(1));
        log("asks");
        await(g.hasNext());
        log("got " + g.next());
        await(sleep(1));
        await(g.hasNext());
        log("got " + g.next());
        boolean more = await(g.hasNext());
        log("more=" + more);
        boolean again = await(g.hasNext());
        log("again=" + again);
        return done();
    }

    @Test
    void theBodyRunsOnlyWhenTheConsumerAsks() {
        TestLoop.run(pullBased());
        assertEquals(List.of("created @0.0", "asks @1.0", "body starts @1.0", "got a @1.0", "after a @2.0",
                "got b @2.0", "after b @2.0", "more=false @2.0", "again=false @2.0"), events);
    }

    @Async
    AsyncGenerator<Integer> withCleanup() {
        try {
            for (int i = 0; ; i++) {
                emit(i);
            }
        } finally {
            log("generator finally starts");
            await(sleep(1)); // cleanup may await
            log("generator finally ends");
        }
    }

    @Async
    Coroutine<Integer> breakEarly() {
        int last = -1;
        try (var g = withCleanup()) {
            while (await(g.hasNext())) {
                last = g.next();
                if (last == 3) {
                    break;
                }
            }
        }
        log("after loop");
        return result(last);
    }

    @Test
    void breakingOutOfTryWithResourcesClosesTheGeneratorAndItsFinallyMayAwait() {
        assertEquals(3, TestLoop.run(breakEarly()));
        assertEquals(List.of("generator finally starts @0.0", "generator finally ends @1.0", "after loop @1.0"), events);
    }

    @Async
    Coroutine<String> consumerFails() {
        try (var g = withCleanup()) {
            while (await(g.hasNext())) {
                if (g.next() == 2) {
                    throw new IllegalStateException("consumer failed");
                }
            }
        } catch (IllegalStateException e) {
            log("caught " + e.getMessage());
        }
        return result("ok");
    }

    @Test
    void anExceptionInTheConsumerClosesTheGeneratorFirst() {
        TestLoop.run(consumerFails());
        assertEquals(List.of("generator finally starts @0.0", "generator finally ends @1.0", "caught consumer failed @1.0"), events);
    }

    @Async
    AsyncGenerator<Integer> failsAfterTwo() {
        emit(1);
        await(sleep(1));
        emit(2);
        throw new UnsupportedOperationException("generator failed");
    }

    @Async
    Coroutine<List<String>> generatorFails() {
        List<String> out = new ArrayList<>();
        AsyncGenerator<Integer> g = failsAfterTwo();
        try {
            while (await(g.hasNext())) {
                out.add("v" + g.next());
            }
        } catch (UnsupportedOperationException e) {
            out.add("caught " + e.getMessage());
        }
        out.add("then hasNext=" + await(g.hasNext()));
        return result(out);
    }

    @Test
    void anExceptionInTheGeneratorReachesTheConsumerAtHasNext() {
        assertEquals(List.of("v1", "v2", "caught generator failed", "then hasNext=false"), TestLoop.run(generatorFails()));
    }

    @Async
    AsyncGenerator<Integer> catchesExit() {
        try {
            emit(1);
        } catch (GeneratorExit e) {
            log("saw GeneratorExit");
            throw e;
        }
        return end();
    }

    @Async
    Coroutine<Void> explicitClose() {
        AsyncGenerator<Integer> g = catchesExit();
        await(g.hasNext());
        await(g.closeAsync());
        log("closed, hasNext=" + await(g.hasNext()));
        AsyncGenerator<Integer> never = catchesExit();
        await(never.closeAsync()); // never started: nothing to run
        log("closed unstarted, hasNext=" + await(never.hasNext()));
        return done();
    }

    @Test
    void closeThrowsGeneratorExitAtThePendingEmit() {
        TestLoop.run(explicitClose());
        assertEquals(List.of("saw GeneratorExit @0.0", "closed, hasNext=false @0.0", "closed unstarted, hasNext=false @0.0"), events);
    }

    @Async
    AsyncGenerator<Integer> ignoresExit() {
        while (true) {
            try {
                emit(1);
            } catch (GeneratorExit e) {
                log("ignoring exit");
            }
        }
    }

    @Async
    Coroutine<String> closeIgnored() {
        AsyncGenerator<Integer> g = ignoresExit();
        await(g.hasNext());
        try {
            await(g.closeAsync());
            return result("closed");
        } catch (IllegalStateException e) {
            return result(e.getMessage());
        }
    }

    @Test
    void aGeneratorThatEmitsWhileBeingClosedIsAnError() {
        assertEquals("<async generator io.github.jawait.tests.generators.AsyncGeneratorsTest.ignoresExit> emitted a value"
                + " while being closed; an async generator must not emit after GeneratorExit", TestLoop.run(closeIgnored()));
    }

    @Async
    Coroutine<String> nextWithoutHasNext() {
        AsyncGenerator<Integer> g = asyncRange(1);
        try {
            g.next();
            return result("no error");
        } catch (NoSuchElementException e) {
            return result(e.getMessage());
        }
    }

    @Test
    void nextWithoutASuccessfulHasNextFailsClearly() {
        assertEquals("next() needs a preceding await(hasNext()) that returned true", TestLoop.run(nextWithoutHasNext()));
    }

    @Async
    Coroutine<Integer> drain(AsyncGenerator<Integer> g) {
        int n = 0;
        while (await(g.hasNext())) {
            g.next();
            n++;
        }
        return result(n);
    }

    @Async
    Coroutine<String> twoConsumers() {
        AsyncGenerator<Integer> g = asyncRange(3);
        Task<Integer> first = createTask(drain(g));
        await(sleep(0.05)); // first is inside the generator, sleeping
        try {
            await(drain(g));
            return result("second consumer accepted");
        } catch (IllegalStateException e) {
            return result(e.getMessage() + " / first got " + await(first));
        }
    }

    @Test
    void oneConsumerAtATime() {
        assertEquals("<async generator io.github.jawait.tests.generators.AsyncGeneratorsTest.asyncRange> is already being"
                + " consumed: await its hasNext() from one task at a time / first got 3", TestLoop.run(twoConsumers()));
    }

    @Async
    AsyncGenerator<Long> mixed(long start, double factor) {
        long acc = start;
        String label = "x";
        for (int i = 0; i < 3; i++) {
            double d = await(sleep(0.1)) == null ? factor * i : 0;
            acc += (long) d;
            emit(acc);
            label = label + i;
        }
        emit((long) label.length());
        return end();
    }

    @Async
    Coroutine<List<Long>> mixedValues() {
        return result(await(mixed(10, 2.5).toList()));
    }

    @Test
    void localsOfEveryKindSurviveEmitsAndAwaits() {
        assertEquals(List.of(10L, 12L, 17L, 4L), TestLoop.run(mixedValues()));
    }

    @Async
    Coroutine<List<Object>> operators() {
        List<Integer> taken = await(asyncRange(100).take(3).toList());
        List<Integer> doubled = await(asyncRange(4).mapAsync(i -> twice(i)).toList());
        List<Integer> each = new ArrayList<>();
        await(asyncRange(3).forEach(i -> record(each, i)));
        return result(List.of(taken, doubled, each));
    }

    @Async
    Coroutine<Integer> twice(int i) {
        await(sleep(0.01));
        return result(2 * i);
    }

    @Async
    Coroutine<Void> record(List<Integer> into, int i) {
        await(sleep(0));
        into.add(i);
        return done();
    }

    @Test
    void takeMapAsyncAndForEach() {
        assertEquals(List.of(List.of(0, 1, 2), List.of(0, 2, 4, 6), List.of(0, 1, 2)), TestLoop.run(operators()));
    }

    @Async
    Coroutine<String> cancelWhileInsideTheGenerator() {
        Task<Integer> t = createTask(drain(withCleanupSlow()));
        await(sleep(1.5));
        t.cancel();
        try {
            await(t);
            return result("finished");
        } catch (CancelledError e) {
            return result("cancelled");
        }
    }

    @Async
    AsyncGenerator<Integer> withCleanupSlow() {
        try {
            for (int i = 0; ; i++) {
                await(sleep(1));
                emit(i);
            }
        } finally {
            log("slow generator finally");
        }
    }

    @Test
    void cancellingTheConsumerRaisesInsideTheGeneratorAndRunsItsFinally() {
        assertEquals("cancelled", TestLoop.run(cancelWhileInsideTheGenerator()));
        assertEquals(List.of("slow generator finally @1.5"), events);
    }
}
