package io.github.jawait.samples.coroutinevsfunction;

import static io.github.jawait.Asyncio.result;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.LoopClock;

/**
 * "协程 (Coroutine) vs 函数": calling an ordinary method runs it; calling an {@code @Async}
 * method only makes a coroutine object and runs nothing until it is awaited or run.
 */
public final class CoroutineVsFunction {

    private CoroutineVsFunction() {
    }

    /** def regular_function() */
    static String regularFunction() {
        return "result";
    }

    /** async def coroutine_function() */
    @Async
    static Coroutine<String> coroutineFunction() {
        return result("result");
    }

    public static void run(LoopClock clock) {
        String result = regularFunction(); // called directly
        System.out.println(result); // result

        Coroutine<String> coro = coroutineFunction(); // returns a coroutine object, runs nothing
        System.out.println(coro); // <coroutine object coroutine_function>  (Java: <coroutine ... created>)

        // it has to be awaited or run by Asyncio.run
        result = Asyncio.run(coro, clock);
        System.out.println(result); // result
    }

    public static void main(String[] args) {
        run(LoopClock.system());
    }
}
