package io.github.jawait.tests.asyncio;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.result;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.tests.TestLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A task's {@code toString} when its result contains the task: {@code ...} where it recurs, as
 * asyncio's reprs ({@code reprlib.recursive_repr}), not a {@code StackOverflowError}.
 */
class TaskReprTest {
    @Async
    static Coroutine<Task<?>> itself() {
        return result(Asyncio.currentTask());
    }

    @Async
    static Coroutine<String> selfResult() {
        Task<Task<?>> t = createTask(itself(), "self");
        await(t);
        return result(t.toString());
    }

    @Test
    void aTaskWhoseResultIsItselfPrintsDotsWhereItRecurs() {
        String s = TestLoop.run(selfResult());
        assertEquals("<Task self finished result=... coro=" + s.substring(s.indexOf(" coro=") + 6), s);
    }

    @Async
    static Coroutine<List<Object>> holder(List<Object> box) {
        return result(box);
    }

    @Async
    static Coroutine<String> cycle() {
        List<Object> box = new ArrayList<>();
        Task<List<Object>> a = createTask(holder(box), "a");
        await(a);
        box.add(a); // a's result is a list holding a
        return result(a.toString());
    }

    @Test
    void aCycleThroughItsResultPrintsDotsToo() {
        String s = TestLoop.run(cycle());
        assertEquals("<Task a finished result=[...] coro=", s.substring(0, s.indexOf(" coro=") + 6));
    }
}
