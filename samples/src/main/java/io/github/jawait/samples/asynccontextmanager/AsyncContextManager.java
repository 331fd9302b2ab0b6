package io.github.jawait.samples.asynccontextmanager;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.emit;
import static io.github.jawait.Asyncio.end;
import static io.github.jawait.Asyncio.enter;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.AsyncGenerator;
import io.github.jawait.Asyncio;
import io.github.jawait.ContextResource;
import io.github.jawait.Coroutine;
import io.github.jawait.LoopClock;
import java.util.Locale;

/**
 * "@asynccontextmanager": an async generator that emits once; the code before the emit is the
 * setup, the finally block after it the cleanup. {@code enter(...)} turns it into a resource
 * for try-with-resources.
 */
public final class AsyncContextManager {

    private AsyncContextManager() {
    }

    /** @asynccontextmanager async def async_timer(name) */
    @Async
    static AsyncGenerator<Void> asyncTimer(String name) {
        double start = getRunningLoop().time(); // asyncio.get_event_loop().time()
        System.out.println(name + " started");
        try {
            emit(null); // yield
        } finally {
            double elapsed = getRunningLoop().time() - start;
            System.out.printf(Locale.ROOT, "%s took %.2fs%n", name, elapsed);
        }
        return end();
    }

    @Async
    public static Coroutine<Void> main() {
        try (ContextResource<Void> timer = await(enter(asyncTimer("Operation")))) { // async with async_timer("Operation"):
            await(sleep(1));
        }
        return done();
    }

    public static void run(LoopClock clock) {
        Asyncio.run(main(), clock);
    }

    public static void main(String[] args) {
        run(LoopClock.system());
    }
}
