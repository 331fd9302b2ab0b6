package io.github.jawait.tests.diagnostics;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.toThread;

import io.github.jawait.Async;
import io.github.jawait.AsyncTransformError;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;

/**
 * An {@code @Async} method with one blocking call on the loop and one on another thread, for
 * {@link BlockingCallWarningTest}: loaded in the test's JVM and run as a program in JVMs
 * started with each {@code blocking=} option.
 */
public final class BlockingFixture {
    private BlockingFixture() {
    }

    @Async
    public static Coroutine<String> nap() throws InterruptedException {
        Thread.sleep(1); // MARK:blocking-sleep
        // runs on a worker thread: not reported
        String off = await(toThread(() -> {
            Thread.sleep(1);
            return "off the loop";
        }));
        return result(off);
    }

    public static void main(String[] args) throws InterruptedException {
        try {
            System.out.println("result: " + Asyncio.run(nap()));
        } catch (AsyncTransformError e) {
            System.out.println("refused: " + e.getMessage());
        }
    }
}
