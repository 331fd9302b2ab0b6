package io.github.jawait.samples.asyncwith;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.AsyncCloseable;
import io.github.jawait.Asyncio;
import io.github.jawait.Awaitable;
import io.github.jawait.Coroutine;
import io.github.jawait.LoopClock;

/**
 * "async with 语句": {@code __aenter__} is an {@code @Async} method awaited in the
 * try-with-resources header, {@code __aexit__} is {@link AsyncCloseable#closeAsync()}, which
 * the agent awaits on every way out of the block.
 */
public final class AsyncWith {

    private AsyncWith() {
    }

    /** class AsyncResource */
    static final class AsyncResource implements AsyncCloseable {

        /** async def __aenter__(self) */
        @Async
        Coroutine<AsyncResource> aenter() {
            System.out.println("Acquiring resource");
            await(sleep(0.1));
            return result(this);
        }

        /** async def __aexit__(self, exc_type, exc_val, exc_tb) */
        @Async
        Coroutine<Void> aexit() {
            System.out.println("Releasing resource");
            await(sleep(0.1));
            return done();
        }

        @Override
        public Awaitable<Void> closeAsync() {
            return aexit();
        }
    }

    @Async
    public static Coroutine<Void> main() {
        try (AsyncResource resource = await(new AsyncResource().aenter())) { // async with AsyncResource() as resource:
            System.out.println("Using resource");
        } // await resource.closeAsync()
        return done();
    }

    public static void run(LoopClock clock) {
        Asyncio.run(main(), clock);
    }

    public static void main(String[] args) {
        run(LoopClock.system());
    }
}
