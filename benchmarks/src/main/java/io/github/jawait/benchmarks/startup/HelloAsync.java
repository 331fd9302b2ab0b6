package io.github.jawait.benchmarks.startup;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;

/**
 * Start-up scenario (issue 17): the asyncio guide's first program, one {@code @Async} method
 * that awaits once, run on a loop. The agent rewrites this one class; see benchmarks/startup.py.
 */
public final class HelloAsync {
    private HelloAsync() {
    }

    @Async
    static Coroutine<Void> hello() {
        System.out.print("hello, ");
        await(sleep(0));
        System.out.println("world");
        return done();
    }

    public static void main(String[] args) {
        Asyncio.run(hello());
    }
}
