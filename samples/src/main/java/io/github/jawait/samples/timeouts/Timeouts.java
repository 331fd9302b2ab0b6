package io.github.jawait.samples.timeouts;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.timeout;
import static io.github.jawait.Asyncio.waitFor;

import io.github.jawait.Async;
import io.github.jawait.AsyncTimeoutException;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.LoopClock;
import java.time.Duration;

/**
 * "超时控制": {@code asyncio.wait_for} is {@code waitFor}, {@code async with asyncio.timeout(t)}
 * is a {@code timeout(t, body)} scope; {@code asyncio.TimeoutError} is
 * {@link AsyncTimeoutException}.
 */
public final class Timeouts {

    private Timeouts() {
    }

    /** async def slow_operation() */
    @Async
    static Coroutine<String> slowOperation() {
        await(sleep(5));
        return result("Done");
    }

    @Async
    public static Coroutine<Void> main() {
        // method 1: wait_for
        try {
            String result = await(waitFor(slowOperation(), Duration.ofSeconds(2))); // timeout=2.0
        } catch (AsyncTimeoutException e) { // except asyncio.TimeoutError
            System.out.println("Operation timed out!");
        }

        // method 2: async with asyncio.timeout(2.0): -- the body is an async lambda. As in the
        // Python, nothing catches this timeout: it leaves main and asyncio.run raises it.
        String result = await(timeout(Duration.ofSeconds(2), t -> {
            String r = await(slowOperation());
            return result(r);
        }));
        return done();
    }

    public static void run(LoopClock clock) {
        try {
            Asyncio.run(main(), clock);
        } catch (AsyncTimeoutException e) {
            // Python ends here with a TimeoutError traceback; printed instead, so that
            // running all the samples goes on
            System.out.println("asyncio.run raised " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    public static void main(String[] args) {
        run(LoopClock.system());
    }
}
