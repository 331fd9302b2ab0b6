package io.github.jawait.tests.asyncio;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.copyContext;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.Context;
import io.github.jawait.ContextVar;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.sync.Event;
import io.github.jawait.tests.TestLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/**
 * Explicit {@link Context}s: {@code contextvars.copy_context()}, {@code Context.run},
 * {@code create_task(coro, context=ctx)}, {@code call_soon(cb, context=ctx)}. The
 * {@code test_context_4..6} cases are CPython's {@code Lib/test/test_asyncio/test_tasks.py}; the
 * {@code Context.run} ones follow {@code Lib/test/test_context.py}.
 */
class ExplicitContextsTest {
    static final ContextVar<Integer> CVAR = new ContextVar<>("cvar");
    static final ContextVar<String> NAME = new ContextVar<>("name", "none");

    @Async
    static Coroutine<Void> setsAfterAYield(int val) {
        await(sleep(0));
        CVAR.set(val);
        return done();
    }

    // test_tasks.py: test_context_4 / test_context_5 / test_context_6 (loop.create_task, asyncio.create_task, Task(...)
    // with context=ctx): the task runs in ctx itself, so its set is seen in ctx afterwards
    @Async
    Coroutine<List<Integer>> taskRunsInTheGivenContext(boolean viaLoop) {
        List<Integer> ret = new ArrayList<>();
        Context ctx = copyContext();
        ret.add(ctx.get(CVAR, null));
        Task<Void> t1 = viaLoop ? getRunningLoop().createTask(setsAfterAYield(1), ctx) : createTask(setsAfterAYield(1), ctx);
        await(t1);
        ret.add(ctx.get(CVAR, null));
        Task<Void> t2 = viaLoop ? getRunningLoop().createTask(setsAfterAYield(2), ctx) : createTask(setsAfterAYield(2), ctx);
        await(t2);
        ret.add(ctx.get(CVAR, null));
        assertThrows(NoSuchElementException.class, CVAR::get); // the caller's own context is untouched
        return result(ret);
    }

    @Test
    void test_context_4() {
        assertEquals(java.util.Arrays.asList(null, 1, 2), TestLoop.run(taskRunsInTheGivenContext(true)));
    }

    @Test
    void test_context_5() {
        assertEquals(java.util.Arrays.asList(null, 1, 2), TestLoop.run(taskRunsInTheGivenContext(false)));
    }

    // test_context.py: test_context_run_1..3 — run() returns fn's value, sets stay in the context, the caller's is back
    @Test
    void contextRunKeepsItsSetsAndRestoresTheCaller() {
        Context ctx = new Context();
        assertEquals(0, ctx.size());
        String r = ctx.run(() -> {
            NAME.set("inside");
            return NAME.get();
        });
        assertEquals("inside", r);
        assertEquals("inside", ctx.get(NAME));
        assertTrue(ctx.contains(NAME));
        assertEquals(1, ctx.size());
        assertEquals("none", NAME.get()); // outside, the thread's context never saw the set
        Context copy = ctx.copy();
        copy.run(() -> NAME.set("copy"));
        assertEquals("inside", ctx.get(NAME));
        assertEquals("copy", copy.get(NAME));
    }

    // test_context.py: test_context_run_5 (a throw leaves the context restored) and test_context_run_6 (entered twice)
    @Test
    void aContextCannotBeEnteredTwiceAndAThrowRestoresTheCaller() {
        Context ctx = new Context();
        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> ctx.run(() -> ctx.run(() -> { })));
        assertEquals("cannot enter context: <Context 0 variables> is already entered", twice.getMessage());
        assertThrows(ArithmeticException.class, () -> ctx.run(() -> {
            NAME.set("before the throw");
            return 1 / zero();
        }));
        assertEquals("before the throw", ctx.get(NAME));
        assertEquals("none", NAME.get());
        assertThrows(NoSuchElementException.class, () -> ctx.get(CVAR));
    }

    static int zero() {
        return 0;
    }

    // call_soon(cb, context=ctx) / call_later(d, cb, context=ctx): the callback runs in ctx itself
    @Async
    Coroutine<List<String>> callbacksInAGivenContext() {
        List<String> seen = new ArrayList<>();
        Context ctx = new Context();
        ctx.run(() -> NAME.set("ctx"));
        NAME.set("task");
        Event ran = new Event();
        getRunningLoop().callSoon(() -> {
            seen.add("soon:" + NAME.get());
            NAME.set("set by soon");
        }, ctx);
        getRunningLoop().callLater(Duration.ofSeconds(1), () -> {
            seen.add("later:" + NAME.get());
            ran.set();
        }, ctx);
        getRunningLoop().callSoon(() -> seen.add("copy:" + NAME.get())); // without one: a copy of the task's
        await(ran.waitFor());
        seen.add("task:" + NAME.get());
        seen.add("ctx:" + ctx.get(NAME));
        return result(seen);
    }

    @Test
    void callbacksRunInTheContextTheyAreGiven() {
        assertEquals(List.of("soon:ctx", "copy:task", "later:set by soon", "task:task", "ctx:set by soon"),
                TestLoop.run(callbacksInAGivenContext()));
    }

    // Context.run inside a task: the task's own context is back afterwards; its context cannot be re-entered
    @Async
    Coroutine<Void> runInsideATask() {
        NAME.set("task");
        Context ctx = copyContext();
        assertEquals("task", ctx.get(NAME));
        ctx.run(() -> {
            assertEquals("task", NAME.get());
            NAME.set("in ctx");
        });
        assertEquals("task", NAME.get());
        assertEquals("in ctx", ctx.get(NAME));
        Context own = copyContext();
        assertFalse(own == ctx);
        Task<String> child = createTask(readsName(), ctx);
        assertEquals("in ctx", await(child));
        return done();
    }

    @Async
    static Coroutine<String> readsName() {
        return result(NAME.get());
    }

    @Test
    void contextRunInsideATask() {
        TestLoop.run(runInsideATask());
    }

    @Test
    void nullContextsAreRefused() {
        assertThrows(NullPointerException.class, () -> new Context().run((Runnable) null));
        assertNull(new Context().get(CVAR, null));
    }
}
