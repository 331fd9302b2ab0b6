package io.github.jawait.tests.shapes;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.tests.shapes.Aw.later;
import static io.github.jawait.tests.shapes.Aw.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jawait.Async;
import io.github.jawait.AsyncCloseable;
import io.github.jawait.Coroutine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Only the {@code close()} calls the compiler emits for try-with-resources become
 * {@code await(closeAsync())}; a {@code close()} the user wrote runs as written (issue 14,
 * bug 7). A resource variable typed {@code AutoCloseable} that holds an {@code AsyncCloseable}
 * is closed with {@code closeAsync()} too.
 */
class ShapeCloseTest {
    static final List<String> EVENTS = new ArrayList<>();

    /** An AsyncCloseable whose asynchronous close also runs its synchronous cleanup. */
    static final class Connection implements AsyncCloseable {
        final String name;
        int closes;

        Connection(String name) {
            this.name = name;
        }

        @Async
        @Override
        public Coroutine<Void> closeAsync() {
            EVENTS.add(name + " closeAsync " + await(later("flushed")));
            close(); // explicit: the synchronous cleanup, not a recursive closeAsync
            return done();
        }

        @Override
        public void close() {
            closes++;
            EVENTS.add(name + " close " + closes);
        }
    }

    @Async
    static Coroutine<Integer> explicitCloseInAsyncMethod() {
        Connection c = new Connection("a");
        await(later(0));
        c.close();
        return result(c.closes);
    }

    @Test
    void anExplicitCloseCallRunsCloseNotCloseAsync() {
        EVENTS.clear();
        assertEquals(1, run(explicitCloseInAsyncMethod()));
        assertEquals(List.of("a close 1"), EVENTS);
    }

    @Test
    void closeAsyncCallingItsOwnCloseDoesNotRecurse() {
        EVENTS.clear();
        run(Coroutine.class.cast(new Connection("b").closeAsync()));
        assertEquals(List.of("b closeAsync flushed", "b close 1"), EVENTS);
    }

    @Async
    static Coroutine<String> explicitCloseInsideTryWithResources(boolean fail) {
        Connection kept;
        try (Connection c = new Connection("c")) {
            kept = c;
            c.close(); // the user's own call, inside the body
            if (fail) {
                throw new IllegalStateException("body failed");
            }
        } catch (IllegalStateException e) {
            EVENTS.add("caught " + e.getMessage());
            return result("failed");
        }
        return result("closes " + kept.closes);
    }

    @Test
    void tryWithResourcesAwaitsCloseAsyncAndTheBodysExplicitCloseRunsAsWritten() {
        EVENTS.clear();
        assertEquals("closes 2", run(explicitCloseInsideTryWithResources(false)));
        assertEquals(List.of("c close 1", "c closeAsync flushed", "c close 2"), EVENTS);
        EVENTS.clear();
        assertEquals("failed", run(explicitCloseInsideTryWithResources(true)));
        assertEquals(List.of("c close 1", "c closeAsync flushed", "c close 2", "caught body failed"), EVENTS);
    }

    @Async
    static Coroutine<String> resourceTypedAutoCloseable() throws Exception {
        try (AutoCloseable r = new Connection("d")) {
            EVENTS.add("body " + await(later("d")));
        }
        try (AutoCloseable plain = () -> EVENTS.add("plain closed")) {
            EVENTS.add("body plain");
        }
        return result("done");
    }

    @Test
    void aResourceTypedAutoCloseableHoldingAnAsyncCloseableIsClosedAsynchronously() throws Exception {
        EVENTS.clear();
        assertEquals("done", run(resourceTypedAutoCloseable()));
        assertEquals(List.of("body d", "d closeAsync flushed", "d close 1", "body plain", "plain closed"), EVENTS);
    }
}
