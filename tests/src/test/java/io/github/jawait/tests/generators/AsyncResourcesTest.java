package io.github.jawait.tests.generators;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.emit;
import static io.github.jawait.Asyncio.end;
import static io.github.jawait.Asyncio.enter;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.jawait.Async;
import io.github.jawait.AsyncCloseable;
import io.github.jawait.AsyncGenerator;
import io.github.jawait.Awaitable;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.Task;
import io.github.jawait.tests.TestLoop;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** async with: AsyncCloseable in try-with-resources, and the @asynccontextmanager form. */
class AsyncResourcesTest {
    final List<String> events = new ArrayList<>();

    void log(String e) {
        events.add(e + " @" + EventLoop.current().time());
    }

    /** The guide's AsyncResource: __aenter__ is an @Async factory, __aexit__ is closeAsync. */
    final class AsyncResource implements AsyncCloseable {
        final String failOnClose;

        AsyncResource(String failOnClose) {
            this.failOnClose = failOnClose;
        }

        @Override
        public Awaitable<Void> closeAsync() {
            return release();
        }

        @Async
        Coroutine<Void> release() {
            log("Releasing resource");
            await(sleep(0.1));
            if (failOnClose != null) {
                throw new IllegalStateException(failOnClose);
            }
            return done();
        }
    }

    @Async
    Coroutine<AsyncResource> acquire(String failOnClose) {
        log("Acquiring resource");
        await(sleep(0.1));
        return result(new AsyncResource(failOnClose));
    }

    @Async
    Coroutine<Void> guideExample() {
        try (AsyncResource resource = await(acquire(null))) {
            log("Using resource");
        }
        log("after");
        return done();
    }

    @Test
    void theGuidesAsyncWithExample() {
        TestLoop.run(guideExample());
        assertEquals(List.of("Acquiring resource @0.0", "Using resource @0.1", "Releasing resource @0.1", "after @0.2"), events);
    }

    @Async
    Coroutine<String> bodyThrows() {
        try (AsyncResource r = await(acquire(null))) {
            throw new UnsupportedOperationException("body failed");
        } catch (UnsupportedOperationException e) {
            log("caught " + e.getMessage() + ", suppressed " + e.getSuppressed().length);
            return result("ok");
        }
    }

    @Test
    void closeIsAwaitedWhenTheBodyThrows() {
        TestLoop.run(bodyThrows());
        assertEquals(List.of("Acquiring resource @0.0", "Releasing resource @0.1", "caught body failed, suppressed 0 @0.2"), events);
    }

    @Async
    Coroutine<String> bothThrow() {
        try (AsyncResource r = await(acquire("close failed"))) {
            throw new UnsupportedOperationException("body failed");
        } catch (UnsupportedOperationException e) {
            return result(e.getMessage() + " + suppressed " + Arrays.stream(e.getSuppressed()).map(Throwable::getMessage).toList());
        }
    }

    @Test
    void aFailingCloseIsSuppressedIntoTheBodysException() {
        assertEquals("body failed + suppressed [close failed]", TestLoop.run(bothThrow()));
    }

    @Async
    Coroutine<String> onlyCloseThrows() {
        try (AsyncResource r = await(acquire("close failed"))) {
            log("body ok");
        } catch (IllegalStateException e) {
            return result("close threw: " + e.getMessage());
        }
        return result("no error");
    }

    @Test
    void aFailingCloseAfterANormalBodyPropagates() {
        assertEquals("close threw: close failed", TestLoop.run(onlyCloseThrows()));
    }

    @Async
    Coroutine<Void> longBody() {
        try (AsyncResource r = await(acquire(null))) {
            await(sleep(10));
        }
        return done();
    }

    @Async
    Coroutine<String> cancelInside() {
        Task<Void> t = createTask(longBody());
        await(sleep(1));
        t.cancel();
        try {
            await(t);
            return result("finished");
        } catch (CancelledError e) {
            log("cancelled");
            return result("cancelled");
        }
    }

    @Test
    void closeIsAwaitedWhenTheTaskIsCancelled() {
        assertEquals("cancelled", TestLoop.run(cancelInside()));
        assertEquals(List.of("Acquiring resource @0.0", "Releasing resource @1.0", "cancelled @1.1"), events);
    }

    @Test
    void closingSynchronouslyOutsideAsyncCodeFailsClearly() {
        AsyncResource r = new AsyncResource(null);
        IllegalStateException e = assertThrows(IllegalStateException.class, r::close);
        assertEquals(AsyncResource.class.getName() + " is an AsyncCloseable: close it with await(closeAsync()),"
                + " or with try-with-resources inside an @Async method", e.getMessage());
    }

    /** The guide's @asynccontextmanager async_timer. */
    @Async
    AsyncGenerator<Double> asyncTimer(String name) {
        double start = EventLoop.current().time();
        log(name + " started");
        try {
            emit(start);
        } finally {
            double elapsed = EventLoop.current().time() - start;
            log(String.format("%s took %.2fs", name, elapsed));
        }
        return end();
    }

    @Async
    Coroutine<Double> timerExample() {
        await(sleep(0.5));
        try (var t = await(enter(asyncTimer("Operation")))) {
            await(sleep(1));
            return result(t.value());
        }
    }

    @Test
    void theGuidesAsyncContextManagerExample() {
        assertEquals(0.5, TestLoop.run(timerExample()), 1e-9);
        assertEquals(List.of("Operation started @0.5", "Operation took 1.00s @1.5"), events);
    }

    @Async
    AsyncGenerator<String> emitsTwice() {
        emit("one");
        emit("two");
        return end();
    }

    @Async
    Coroutine<String> misusedContextManager() {
        try (var t = await(enter(emitsTwice()))) {
            log("body " + t.value());
        } catch (IllegalStateException e) {
            return result(e.getMessage());
        }
        return result("no error");
    }

    @Test
    void aContextManagerGeneratorMustEmitExactlyOnce() {
        assertEquals("<async generator io.github.jawait.tests.generators.AsyncResourcesTest.emitsTwice> emitted twice:"
                + " an async context manager must emit exactly once", TestLoop.run(misusedContextManager()));
    }
}
