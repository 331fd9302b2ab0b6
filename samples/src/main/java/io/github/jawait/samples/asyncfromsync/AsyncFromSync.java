package io.github.jawait.samples.asyncfromsync;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.LoopClock;

/**
 * "在同步中运行异步代码": from ordinary code, run a coroutine with {@code Asyncio.run}, or
 * manage an {@link EventLoop} by hand; try-with-resources closes it as
 * {@code finally: loop.close()} does.
 */
public final class AsyncFromSync {

    private AsyncFromSync() {
    }

    /** async def async_operation() */
    @Async
    static Coroutine<String> asyncOperation() {
        await(sleep(1));
        return result("async result");
    }

    public static void run(LoopClock clock) {
        // method 1: asyncio.run (recommended)
        String result = Asyncio.run(asyncOperation(), clock);
        System.out.println("asyncio.run: " + result); // the Python prints nothing

        // method 2: manage the event loop by hand. new_event_loop(); no set_event_loop needed:
        // a loop is the current one on its thread while it runs
        try (EventLoop loop = new EventLoop(clock)) {
            result = loop.runUntilComplete(asyncOperation());
        } // finally: loop.close()
        System.out.println("run_until_complete: " + result);
    }

    public static void main(String[] args) {
        run(LoopClock.system());
    }
}
