package io.github.jawait.tests.shapes;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.tests.shapes.Aw.failChecked;
import static io.github.jawait.tests.shapes.Aw.failLater;
import static io.github.jawait.tests.shapes.Aw.later;
import static io.github.jawait.tests.shapes.Aw.now;
import static io.github.jawait.tests.shapes.Aw.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.jawait.Async;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** try/catch/finally in every combination, with awaits in each part. */
class ShapeTryTest {
    final List<String> events = new ArrayList<>();

    @Async
    Coroutine<String> checkedLandsInOwnCatch() {
        try {
            events.add("try");
            String s = await(failChecked("checked!"));
            events.add("not reached " + s);
            return result(s);
        } catch (MyCheckedException e) {
            events.add("caught " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return result(await(later("from catch")));
        }
    }

    @Test
    void awaitedCheckedExceptionLandsInTheUsersCatchUnwrapped() {
        assertEquals("from catch", run(checkedLandsInOwnCatch()));
        assertEquals(List.of("try", "caught MyCheckedException: checked!"), events);
    }

    @Async
    Coroutine<Void> failedFutureUnwrapped() throws IOException {
        CompletableFuture<String> f = new CompletableFuture<>();
        f.completeExceptionally(new CompletionException(new IOException("io")));
        try {
            await(f);
        } catch (RuntimeException e) {
            events.add("wrong: " + e);
        }
        return done();
    }

    @Test
    void completionExceptionIsUnwrappedToTheOriginal() {
        IOException e = assertThrows(IOException.class, () -> run(failedFutureUnwrapped()));
        assertEquals("io", e.getMessage());
        assertEquals(List.of(), events);
    }

    @Async
    Coroutine<Integer> finallyRunsOnce(int mode) throws MyCheckedException {
        int x = 0;
        try {
            events.add("try " + mode);
            x = await(later(1));
            if (mode == 1) {
                await(failChecked("mode 1"));
            }
            if (mode == 2) {
                return result(await(later(x + 100)));
            }
            if (mode == 3) {
                throw new IllegalArgumentException("sync " + mode);
            }
            x += await(result(10));
        } finally {
            events.add("finally " + mode + " x=" + x);
            await(later("in finally"));
            events.add("finally done " + mode);
        }
        events.add("after " + mode);
        return result(x);
    }

    @Test
    void finallyRunsExactlyOnceOnEveryExitPath() throws Exception {
        assertEquals(11, run(finallyRunsOnce(0)));
        assertEquals(List.of("try 0", "finally 0 x=11", "finally done 0", "after 0"), events);
        events.clear();
        MyCheckedException e = assertThrows(MyCheckedException.class, () -> run(finallyRunsOnce(1)));
        assertEquals("mode 1", e.getMessage());
        assertEquals(List.of("try 1", "finally 1 x=1", "finally done 1"), events);
        events.clear();
        assertEquals(101, run(finallyRunsOnce(2)));
        assertEquals(List.of("try 2", "finally 2 x=1", "finally done 2"), events);
        events.clear();
        IllegalArgumentException i = assertThrows(IllegalArgumentException.class, () -> run(finallyRunsOnce(3)));
        assertEquals("sync 3", i.getMessage());
        assertEquals(List.of("try 3", "finally 3 x=1", "finally done 3"), events);
    }

    @Async
    Coroutine<String> nested(int mode) {
        StringBuilder sb = new StringBuilder();
        try {
            sb.append('a');
            try {
                sb.append(await(later("b")));
                try {
                    if (mode == 0) {
                        await(failLater(new IllegalStateException("inner")));
                    } else if (mode == 1) {
                        await(failChecked("checked"));
                    } else {
                        await(failLater(new ArithmeticException("outer")));
                    }
                } catch (IllegalStateException e) {
                    sb.append("[ise:").append(await(later(e.getMessage()))).append(']');
                } finally {
                    sb.append(await(now("F1")));
                }
                sb.append("c");
            } catch (MyCheckedException e) {
                sb.append("[checked:").append(e.getMessage()).append(']');
                await(sleep(0.5));
                throw new IllegalStateException("rethrown " + e.getMessage(), e);
            } finally {
                sb.append(await(later("F2")));
            }
        } catch (IllegalStateException | ArithmeticException e) {
            sb.append("[outer:").append(e.getMessage()).append(']');
        } finally {
            sb.append("F3");
        }
        return result(sb.toString());
    }

    @Test
    void nestedTryBlocksCatchAtTheRightLevel() {
        assertEquals("ab[ise:inner]F1cF2F3", run(nested(0)));
        assertEquals("abF1[checked:checked]F2[outer:rethrown checked]F3", run(nested(1)));
        assertEquals("abF1F2[outer:outer]F3", run(nested(2)));
    }

    @Async
    Coroutine<String> exceptionFromCatchAndFinallyOverride(boolean finallyThrows) {
        try {
            try {
                await(failLater(new IllegalStateException("first")));
            } catch (IllegalStateException e) {
                events.add("catch " + e.getMessage());
                await(failLater(new IllegalArgumentException("second")));
            } finally {
                events.add("finally");
                if (finallyThrows) {
                    await(failLater(new UnsupportedOperationException("third")));
                }
            }
        } catch (RuntimeException e) {
            return result(e.getClass().getSimpleName() + ":" + e.getMessage());
        }
        return result("none");
    }

    @Test
    void exceptionsReplacedByCatchAndFinally() {
        assertEquals("IllegalArgumentException:second", run(exceptionFromCatchAndFinallyOverride(false)));
        assertEquals("UnsupportedOperationException:third", run(exceptionFromCatchAndFinallyOverride(true)));
        assertEquals(List.of("catch first", "finally", "catch first", "finally"), events);
    }

    static final class Res implements AutoCloseable {
        final String name;
        final List<String> log;
        final boolean failClose;

        Res(String name, List<String> log, boolean failClose) {
            this.name = name;
            this.log = log;
            this.failClose = failClose;
            log.add("open " + name);
        }

        @Override
        public void close() {
            log.add("close " + name);
            if (failClose) {
                throw new IllegalStateException("close " + name + " failed");
            }
        }
    }

    @Async
    Coroutine<String> tryWithResources(int mode) {
        try (Res a = new Res(await(later("A")), events, mode == 2);
             Res b = new Res(await(now("B")), events, false)) {
            events.add("body " + a.name + b.name);
            String v = await(later("v"));
            if (mode == 1) {
                await(failLater(new IllegalStateException("body failed")));
            }
            return result(v + a.name + b.name);
        } catch (IllegalStateException e) {
            events.add("catch " + e.getMessage() + " suppressed=" + e.getSuppressed().length);
            return result(await(later("caught")));
        } finally {
            events.add("finally");
        }
    }

    @Test
    void tryWithResourcesClosesInReverseOrderOnEveryPath() {
        assertEquals("vAB", run(tryWithResources(0)));
        assertEquals(List.of("open A", "open B", "body AB", "close B", "close A", "finally"), events);
        events.clear();
        assertEquals("caught", run(tryWithResources(1)));
        assertEquals(List.of("open A", "open B", "body AB", "close B", "close A",
                "catch body failed suppressed=0", "finally"), events);
        events.clear();
        assertEquals("caught", run(tryWithResources(2)));
        assertEquals(List.of("open A", "open B", "body AB", "close B", "close A",
                "catch close A failed suppressed=0", "finally"), events);
    }

    @Async
    Coroutine<String> suppressed() {
        try (Res a = new Res("S", events, true)) {
            await(failLater(new IllegalArgumentException("primary")));
            return result("no");
        } catch (IllegalArgumentException e) {
            Throwable[] s = e.getSuppressed();
            return result(e.getMessage() + "+" + s.length + ":" + s[0].getMessage());
        }
    }

    @Test
    void closeFailureIsSuppressedIntoTheAwaitedFailure() {
        assertEquals("primary+1:close S failed", run(suppressed()));
    }

    @Async
    Coroutine<Integer> returnInFinallyOverrides() {
        try {
            await(failLater(new IllegalStateException("lost")));
            return result(1);
        } finally {
            await(later(0));
            events.add("finally");
            //noinspection ReturnInsideFinallyBlock
            if (events.size() > 0) {
                return result(2);
            }
        }
    }

    @Test
    void returnInFinallyDiscardsTheException() {
        assertEquals(2, run(returnInFinallyOverrides()));
        assertEquals(List.of("finally"), events);
    }

    @Async
    Coroutine<Void> cancelled() {
        try {
            events.add("start");
            await(sleep(10));
            events.add("not reached");
        } catch (Exception e) {
            events.add("catch Exception must not see " + e);
        } finally {
            events.add("finally");
            await(later("cleanup"));
            events.add("cleanup done");
        }
        return done();
    }

    @Async
    Coroutine<String> cancelMain() {
        Task<Void> t = createTask(cancelled());
        await(sleep(1));
        t.cancel();
        try {
            await(t);
            return result("no");
        } catch (CancelledError e) {
            return result("cancelled " + t.cancelled());
        }
    }

    @Test
    void cancellationRunsFinallyWithAwaitsAndSkipsCatchException() {
        assertEquals("cancelled true", run(cancelMain()));
        assertEquals(List.of("start", "finally", "cleanup done"), events);
    }

    @Async
    Coroutine<String> futureFailingOnAnotherThread() {
        List<String> parts = new ArrayList<>();
        try {
            parts.add("before");
            parts.add(await(CompletableFuture.supplyAsync(() -> {
                throw new IllegalArgumentException("from pool");
            })));
        } catch (IllegalArgumentException e) {
            parts.add("caught " + e.getMessage());
        } finally {
            parts.add(await(CompletableFuture.supplyAsync(() -> "async finally")));
        }
        return result(String.join(", ", parts));
    }

    @Test
    void futuresCompletedByOtherThreadsResumeInTheUsersTryBlocks() {
        assertEquals("before, caught from pool, async finally", run(futureFailingOnAnotherThread()));
    }

    @Async
    Coroutine<String> cancelledMidExpression() {
        List<String> list = new ArrayList<>();
        long wide = 1L << 50;
        try {
            list.add("x" + wide + await(sleep(10)));
        } finally {
            events.add("finally " + list + " " + wide + " " + await(later("still async")));
        }
        return result("unreachable");
    }

    @Async
    Coroutine<String> cancelMidExpressionMain() {
        Task<String> t = createTask(cancelledMidExpression());
        await(sleep(1));
        t.cancel("stop");
        try {
            return result(await(t));
        } catch (CancelledError e) {
            return result("cancelled: " + e.getMessage());
        }
    }

    @Test
    void cancellationArrivesAtAnAwaitWithValuesOnTheStack() {
        assertEquals("cancelled: stop", run(cancelMidExpressionMain()));
        assertEquals(List.of("finally [] 1125899906842624 still async"), events);
    }

    @Async
    Coroutine<Object[]> catchKeepsIdentity() {
        IllegalStateException original = new IllegalStateException("same");
        try {
            await(failLater(original));
            return result(null);
        } catch (IllegalStateException e) {
            return result(new Object[] {original, e});
        }
    }

    @Test
    void awaitRethrowsTheSameObject() {
        Object[] r = run(catchKeepsIdentity());
        assertSame(r[0], r[1]);
    }

    @Async
    Coroutine<String> tryInsideLoopWithBreakContinueInFinally() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            try {
                if (i == 1) {
                    continue;
                }
                if (i == 3) {
                    break;
                }
                sb.append(await(later(i)));
            } finally {
                sb.append(await(now("f")));
            }
        }
        return result(sb.toString());
    }

    @Test
    void breakAndContinueThroughFinallyCopies() {
        assertEquals("0ff2ff", run(tryInsideLoopWithBreakContinueInFinally()));
    }

    @Test
    void uncaughtFailureAfterFinallyKeepsItsType() {
        Object[] holder = new Object[1];
        assertThrows(MyCheckedException.class, () -> holder[0] = run(finallyRunsOnce(1)));
        assertNull(holder[0]);
        assertArrayEquals(new Object[] {"try 1", "finally 1 x=1", "finally done 1"}, events.toArray());
    }
}
