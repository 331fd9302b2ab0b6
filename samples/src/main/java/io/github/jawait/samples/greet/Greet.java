package io.github.jawait.samples.greet;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.LoopClock;

/** "定义异步函数": an {@code async def} awaited from {@code main}, run by {@code asyncio.run}. */
public final class Greet {

    private Greet() {
    }

    /** async def greet(name): an @Async method returning a Coroutine is a coroutine function. */
    @Async
    static Coroutine<String> greet(String name) {
        await(sleep(1)); // await pauses this coroutine for 1 s
        return result("Hello, " + name + "!");
    }

    /** async def main() */
    @Async
    public static Coroutine<Void> main() {
        String result = await(greet("Alice")); // result = await greet("Alice")
        System.out.println(result);
        return done();
    }

    public static void run(LoopClock clock) {
        Asyncio.run(main(), clock); // asyncio.run(main())
    }

    public static void main(String[] args) {
        run(LoopClock.system());
    }
}
