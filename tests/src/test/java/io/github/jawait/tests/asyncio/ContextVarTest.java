package io.github.jawait.tests.asyncio;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.taskGroup;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.jawait.Async;
import io.github.jawait.ContextVar;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.tests.TestLoop;
import io.github.jawait.sync.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** Task-local context variables (Python's contextvars as asyncio tasks use them). */
class ContextVarTest {
    static final ContextVar<String> CVAR = new ContextVar<>("cvar", "nope");
    static final ContextVar<Integer> REQUEST = new ContextVar<>("request");
    final List<String> seen = new ArrayList<>();

    // CPython test_tasks.py: test_context_1
    @Async
    Coroutine<Void> sub() {
        await(sleep(0.01));
        assertEquals("nope", CVAR.get()); // a copy made when the task was created, before the set
        CVAR.set("something else");
        return done();
    }

    @Async
    Coroutine<Void> context1() {
        assertEquals("nope", CVAR.get());
        Task<Void> subtask = createTask(sub());
        CVAR.set("yes");
        assertEquals("yes", CVAR.get());
        await(subtask);
        assertEquals("yes", CVAR.get()); // the child's set stayed in the child
        return done();
    }

    @Test
    void test_context_1() {
        TestLoop.run(context1());
    }

    // CPython test_tasks.py: test_context_3 (many tasks, each with its own value)
    @Async
    Coroutine<Integer> worker(int i) {
        REQUEST.set(i);
        await(sleep(0.001 * (i % 7)));
        return result(REQUEST.get());
    }

    @Async
    Coroutine<List<Integer>> manyTasks() {
        List<Coroutine<Integer>> all = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            all.add(worker(i));
        }
        return result(await(gather(all)));
    }

    @Test
    void eachTaskSeesOnlyItsOwnSets() {
        List<Integer> r = TestLoop.run(manyTasks());
        for (int i = 0; i < 100; i++) {
            assertEquals(i, r.get(i));
        }
    }

    @Async
    Coroutine<Void> child(String name) {
        seen.add(name + " sees " + REQUEST.get(-1));
        return done();
    }

    @Async
    Coroutine<Void> inherited() {
        assertThrows(NoSuchElementException.class, REQUEST::get);
        assertEquals(-1, REQUEST.get(-1));
        ContextVar.Token<Integer> token = REQUEST.set(7);
        await(taskGroup(tg -> {
            tg.createTask(child("a"));
            tg.createTask(child("b"));
            return done();
        }));
        getRunningLoop().callSoon(() -> seen.add("callback sees " + REQUEST.get(-1)));
        getRunningLoop().callLater(Duration.ofSeconds(1), () -> seen.add("timer sees " + REQUEST.get(-1)));
        REQUEST.reset(token);
        assertEquals(-1, REQUEST.get(-1)); // back to unset
        assertEquals("has already been used once", assertThrows(IllegalStateException.class, () -> REQUEST.reset(token))
                .getMessage().replaceAll(".* has", "has"));
        await(sleep(2));
        return done();
    }

    @Test
    void childrenAndCallbacksSeeTheContextTheyWereCreatedIn() {
        TestLoop.run(inherited());
        assertEquals(List.of("a sees 7", "b sees 7", "callback sees 7", "timer sees 7"), seen);
    }

    @Async
    Coroutine<Void> setInCallback(Event ev) {
        REQUEST.set(1);
        getRunningLoop().callSoon(() -> {
            REQUEST.set(2); // in the callback's copy
            seen.add("callback set " + REQUEST.get());
            ev.set();
        });
        await(ev.waitFor());
        seen.add("task still sees " + REQUEST.get());
        return done();
    }

    @Test
    void aSetInACallbackStaysInTheCallbacksCopy() {
        TestLoop.run(setInCallback(new Event()));
        assertEquals(List.of("callback set 2", "task still sees 1"), seen);
    }

    // issue 13: a callback's copy of its scheduler's context is made only when it sets, and a
    // callback scheduled where nothing is set is not wrapped at all; neither may leak a set
    @Async
    Coroutine<Void> callbacksKeepTheirSetsToThemselves() {
        ContextVar.Token<String> other = CVAR.set("elsewhere"); // variables are in use in this JVM
        CVAR.reset(other);
        // scheduled where nothing is set: each sees nothing, and the first one's set stays its own
        getRunningLoop().callSoon(() -> {
            seen.add("first sees " + REQUEST.get(-1));
            REQUEST.set(1);
            seen.add("first set " + REQUEST.get());
        });
        getRunningLoop().callSoon(() -> seen.add("second sees " + REQUEST.get(-1)));
        getRunningLoop().callLater(Duration.ofSeconds(1), () -> {
            REQUEST.set(3);
            seen.add("timer set " + REQUEST.get());
        });
        getRunningLoop().callLater(Duration.ofSeconds(1), () -> seen.add("next timer sees " + REQUEST.get(-1)));
        await(sleep(2));
        seen.add("task sees " + REQUEST.get(-1));
        // scheduled where a value is set: each reads it, and a set replaces it in its own copy only
        REQUEST.set(7);
        getRunningLoop().callSoon(() -> {
            seen.add("third sees " + REQUEST.get());
            REQUEST.set(8);
            seen.add("third set " + REQUEST.get());
        });
        getRunningLoop().callSoon(() -> seen.add("fourth sees " + REQUEST.get()));
        await(sleep(0));
        seen.add("task sees " + REQUEST.get());
        return done();
    }

    @Test
    void aCallbacksSetNeverReachesTheNextCallbackOrTheTask() {
        TestLoop.run(callbacksKeepTheirSetsToThemselves());
        assertEquals(List.of("first sees -1", "first set 1", "second sees -1", "timer set 3", "next timer sees -1",
                "task sees -1", "third sees 7", "third set 8", "fourth sees 7", "task sees 7"), seen);
    }

    @Test
    void theFirstTaskCopiesTheThreadsContext() {
        ContextVar<String> v = new ContextVar<>("outside", "default");
        ContextVar.Token<String> t = v.set("from main");
        try {
            assertEquals("from main", TestLoop.run(readVar(v)));
        } finally {
            v.reset(t);
        }
        assertEquals("default", v.get());
    }

    @Async
    Coroutine<String> readVar(ContextVar<String> v) {
        return result(v.get());
    }
}
