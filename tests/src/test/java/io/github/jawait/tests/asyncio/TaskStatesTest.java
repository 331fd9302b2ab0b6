package io.github.jawait.tests.asyncio;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.jawait.Async;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.tests.TestLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The state table in Task's Javadoc, row by row. */
class TaskStatesTest {

    @Async
    Coroutine<String> value() {
        await(sleep(1));
        return result("v");
    }

    @Async
    Coroutine<String> failure() {
        await(sleep(1));
        throw new IllegalStateException("boom");
    }

    static String row(Task<?> t) {
        String result;
        try {
            result = String.valueOf(t.result());
        } catch (IllegalStateException e) {
            result = "IllegalStateException" + (e.getMessage().contains("not done yet") ? " (pending)" : ": " + e.getMessage());
        } catch (CancelledError e) {
            result = "CancelledError";
        }
        return "done=" + t.done() + " cancelled=" + t.cancelled() + " result=" + result;
    }

    @Async
    Coroutine<List<String>> table() {
        List<String> rows = new ArrayList<>();
        Task<String> pending = createTask(value());
        rows.add(row(pending));
        Task<String> ok = createTask(value());
        Task<String> failed = createTask(failure());
        Task<String> cancelled = createTask(value());
        await(sleep(0.5));
        cancelled.cancel();
        await(sleep(1));
        rows.add(row(ok));
        rows.add(row(failed));
        rows.add(row(cancelled));
        assertEquals(IllegalStateException.class, failed.exception().getClass());
        assertEquals(null, ok.exception());
        assertThrows(CancelledError.class, cancelled::exception);
        return result(rows);
    }

    @Test
    void theStateTable() {
        assertEquals(List.of(
                "done=false cancelled=false result=IllegalStateException (pending)",
                "done=true cancelled=false result=v",
                "done=true cancelled=false result=IllegalStateException: boom",
                "done=true cancelled=true result=CancelledError"), TestLoop.run(table()));
    }
}
