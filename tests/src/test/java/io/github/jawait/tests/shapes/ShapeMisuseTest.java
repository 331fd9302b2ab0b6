package io.github.jawait.tests.shapes;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.tests.shapes.Aw.later;
import static io.github.jawait.tests.shapes.Aw.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.AsyncTransformError;
import io.github.jawait.Awaitable;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.tests.ExpectedRefusals;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Misuse refused at transformation time with class, method, line and reason; and misuse at run time. */
class ShapeMisuseTest {
    final List<String> events = new ArrayList<>();

    private static void assertRefused(Executable call, Class<?> cls, String method, String marker, String reason) {
        AsyncTransformError e = assertThrows(AsyncTransformError.class, call);
        int line = SourceLines.lineOf(cls, marker);
        String where = cls.getName() + "." + method + " (" + cls.getSimpleName() + ".java:" + line + "): ";
        assertTrue(e.getMessage().startsWith(where), () -> "expected '" + where + "...' but was: " + e.getMessage());
        assertTrue(e.getMessage().contains(reason), () -> "expected reason '" + reason + "' in: " + e.getMessage());
        // the same message was logged when the class loaded (captured, so a green run stays quiet)
        assertTrue(ExpectedRefusals.captured().contains("jawait: cannot rewrite " + e.getMessage()),
                () -> "not logged: " + e.getMessage() + " in " + ExpectedRefusals.captured());
    }

    @Test
    void awaitInsideSynchronizedIsRefused() {
        MisuseAwaitInSynchronized m = new MisuseAwaitInSynchronized();
        assertRefused(m::awaitHoldingLock, MisuseAwaitInSynchronized.class, "awaitHoldingLock",
                "MARK:await-in-synchronized", "await inside synchronized");
        assertRefused(m::emitHoldingLock, MisuseAwaitInSynchronized.class, "emitHoldingLock",
                "MARK:emit-in-synchronized", "emit(...) inside synchronized: the loop thread would hold the monitor");
        assertEquals("fine", run(m.fine()));
    }

    /** A user class implementing Awaitable: the runtime cannot park a task on it. */
    static final class MyAwaitable implements Awaitable<String> {
        final boolean done;

        MyAwaitable(boolean done) {
            this.done = done;
        }

        @Override
        public boolean isDone() {
            return done;
        }
    }

    @Async
    Coroutine<String> awaitUserAwaitable(boolean done) {
        try {
            return result(await(new MyAwaitable(done)));
        } catch (IllegalArgumentException e) {
            return result(e.getMessage());
        }
    }

    @Test
    void aUserAwaitableIsRefusedWithWhatToDoInstead() {
        String expected = "cannot await " + MyAwaitable.class.getName() + ": it implements Awaitable, which only"
                + " the runtime's own types may implement (a task must be able to park on it); to await your own"
                + " operation, complete a CompletableFuture and await that (any CompletionStage), or write it as"
                + " an @Async method";
        assertEquals(expected, run(awaitUserAwaitable(false)));
        assertEquals(expected, run(awaitUserAwaitable(true)));
    }

    @Test
    void synchronizedAsyncMethodIsRefused() {
        MisuseSynchronizedMethod m = new MisuseSynchronizedMethod();
        // the refusal names the method's first line
        assertRefused(m::locked, MisuseSynchronizedMethod.class, "locked", "MARK:synchronized-method",
                "an @Async method cannot be synchronized");
    }

    @Test
    void nonCoroutineReturnTypeIsRefused() {
        MisuseWrongReturnType m = new MisuseWrongReturnType();
        assertRefused(m::notACoroutine, MisuseWrongReturnType.class, "notACoroutine", "MARK:wrong-return-type",
                "but this one returns java.lang.String");
        assertRefused(m::notACoroutine, MisuseWrongReturnType.class, "notACoroutine", "MARK:wrong-return-type",
                "@Async methods must return io.github.jawait.Coroutine<T>");
        assertRefused(m::aFuture, MisuseWrongReturnType.class, "aFuture", "MARK:future-return-type",
                "but this one returns java.util.concurrent.CompletableFuture");
    }

    @Test
    void awaitOutsideAsyncIsRefused() {
        MisuseAwaitOutsideAsync m = new MisuseAwaitOutsideAsync();
        assertRefused(m::plain, MisuseAwaitOutsideAsync.class, "plain", "MARK:await-outside-async",
                "await(...) is only allowed in methods annotated @Async");
        Runnable r = m.voidLambda(); // creating the lambda is fine; running its body is not
        AsyncTransformError e = assertThrows(AsyncTransformError.class, r::run);
        int line = SourceLines.lineOf(MisuseAwaitOutsideAsync.class, "MARK:await-in-void-lambda");
        assertTrue(e.getMessage().startsWith(MisuseAwaitOutsideAsync.class.getName() + ".lambda$voidLambda$")
                && e.getMessage().contains("(MisuseAwaitOutsideAsync.java:" + line + "): await(...) is only allowed"),
                e.getMessage());
        assertEquals("ok", run(m.fine()));
    }

    @Test
    void awaitMethodReferenceIsRefused() {
        MisuseAwaitMethodReference m = new MisuseAwaitMethodReference();
        assertRefused(() -> m.viaReference(List.<Awaitable<Integer>>of(later(1))), MisuseAwaitMethodReference.class,
                "viaReference", "MARK:await-reference", "a method reference to Asyncio::await cannot suspend");
        assertEquals(3, run(m.fine()));
    }

    @Test
    void valueOfAnUnnameableClassNeededAfterAnAwaitIsRefused() {
        MisuseUnnameableType m = new MisuseUnnameableType();
        assertRefused(m::needsTheExactClass, MisuseUnnameableType.class, "needsTheExactClass", "MARK:unnameable",
                "a value of class io.github.jawait.tests.shapes.other.Hidden, which this class may not name,"
                        + " is live across an await");
        assertEquals("Hidden(y)?", run(m.fine()));
    }

    @Async
    Coroutine<Integer> slow(int v) {
        events.add("slow start " + v);
        await(sleep(1));
        events.add("slow end " + v);
        return result(v);
    }

    @Async
    Coroutine<String> awaitTwiceWhileRunning() {
        Coroutine<Integer> c = slow(1);
        Task<Integer> t = createTask(c);
        await(sleep(0.1)); // t is now suspended inside c
        String second;
        try {
            await(c);
            second = "no error";
        } catch (IllegalStateException e) {
            second = e.getMessage();
        }
        int first = await(t);
        int again = await(c); // finished: awaiting it again gives the same outcome
        return result(first + " " + again + " | " + second);
    }

    @Test
    void coroutineAwaitedTwiceWhileRunningFailsClearly() {
        String r = run(awaitTwiceWhileRunning());
        assertTrue(r.startsWith("1 1 | "), r);
        assertTrue(r.contains("is already being awaited; a coroutine runs once: wrap it in Asyncio.createTask(...)"), r);
        assertEquals(List.of("slow start 1", "slow end 1"), events);
    }

    @Async
    Coroutine<String> awaitWhileATaskWaitsToStartIt() {
        Coroutine<Integer> c = slow(2);
        Task<Integer> t = createTask(c); // claims c; it starts on the next loop turn
        String direct;
        try {
            await(c);
            direct = "no error";
        } catch (IllegalStateException e) {
            direct = e.getMessage();
        }
        return result(await(t) + " | " + direct);
    }

    @Test
    void aCoroutineWrappedInATaskCannotAlsoBeAwaitedDirectly() {
        String r = run(awaitWhileATaskWaitsToStartIt());
        assertTrue(r.startsWith("2 | "), r);
        assertTrue(r.contains("a coroutine runs once: wrap it in Asyncio.createTask(...)"), r);
        assertEquals(List.of("slow start 2", "slow end 2"), events);
    }

    @Async
    Coroutine<String> awaitNull(Awaitable<String> aw) {
        events.add("before");
        try {
            return result(await(aw));
        } finally {
            events.add("finally");
        }
    }

    @Test
    void awaitNullThrowsNullPointerExceptionInTheUsersCode() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> run(awaitNull(null)));
        assertEquals("await(null): there is nothing to await", e.getMessage());
        assertEquals(List.of("before", "finally"), events);
    }
}
