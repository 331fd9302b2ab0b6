package io.github.jawait.tests.asyncio;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.jawait.Async;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.tests.TestLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code task.cancel(msg)} with a message of any type (asyncio: {@code cancel(msg=None)} takes
 * any object, and {@code CancelledError.args[0]} is that object): the object travels as it is
 * through the task, the things it awaits and a gather; {@code getMessage()} is its text.
 */
class CancelMessageObjectsTest {
    enum Reason { SHUTDOWN }

    record Deadline(String who, int seconds) {
    }

    final List<Object> seen = new ArrayList<>();

    @Async
    Coroutine<Void> sleeper() {
        try {
            await(sleep(10));
        } catch (CancelledError e) {
            seen.add(e.messageObject());
            throw e;
        }
        return done();
    }

    @Async
    Coroutine<Void> awaitsAGather() {
        await(gather(sleeper(), sleeper()));
        return done();
    }

    @Async
    Coroutine<Void> cancelsWithObjects() {
        Task<Void> t = createTask(sleeper());
        await(sleep(1));
        t.cancel(Reason.SHUTDOWN);
        try {
            await(t);
            fail("not cancelled");
        } catch (CancelledError e) {
            assertSame(Reason.SHUTDOWN, e.messageObject());
            assertEquals("SHUTDOWN", e.getMessage());
        }
        Deadline d = new Deadline("db", 5);
        Task<Void> g = createTask(awaitsAGather());
        await(sleep(1));
        g.cancel(d); // travels inward into the gather and its children
        try {
            await(g);
            fail("not cancelled");
        } catch (CancelledError e) {
            assertEquals(d, e.messageObject());
            assertEquals("Deadline[who=db, seconds=5]", e.getMessage());
        }
        assertEquals(List.of(Reason.SHUTDOWN, d, d), seen);
        return done();
    }

    @Test
    void aCancelMessageMayBeAnyObject() {
        TestLoop.run(cancelsWithObjects());
    }

    @Test
    void aStringMessageStillSelectsTheStringOverload() {
        CancelledError e = new CancelledError("text");
        assertEquals("text", e.messageObject());
        assertEquals(null, new CancelledError().messageObject());
    }
}
