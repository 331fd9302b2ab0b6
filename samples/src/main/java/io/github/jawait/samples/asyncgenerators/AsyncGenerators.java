package io.github.jawait.samples.asyncgenerators;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.emit;
import static io.github.jawait.Asyncio.end;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.AsyncGenerator;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.LoopClock;
import java.util.List;

/**
 * "async for 循环": an async generator ({@code async def} with {@code yield}) is an
 * {@code @Async} method returning {@link AsyncGenerator} that calls {@code emit} ({@code yield}
 * is a restricted word in Java); {@code async for} is a while loop over {@code hasNext()}.
 */
public final class AsyncGenerators {

    private AsyncGenerators() {
    }

    /** async def async_range(n) */
    @Async
    static AsyncGenerator<Integer> asyncRange(int n) {
        for (int i = 0; i < n; i++) {
            await(sleep(0.1));
            emit(i); // yield i
        }
        return end();
    }

    @Async
    public static Coroutine<Void> main() {
        // async for num in async_range(5): try-with-resources closes the generator on early exit
        try (AsyncGenerator<Integer> g = asyncRange(5)) {
            while (await(g.hasNext())) {
                int num = g.next();
                System.out.println(num);
            }
        }
        return done();
    }

    /** The async list comprehension [num async for num in async_range(5)]. */
    @Async
    public static Coroutine<Void> mainComprehension() {
        List<Integer> result = await(asyncRange(5).toList());
        System.out.println(result); // [0, 1, 2, 3, 4]
        return done();
    }

    public static void run(LoopClock clock) {
        Asyncio.run(main(), clock);
        Asyncio.run(mainComprehension(), clock);
    }

    public static void main(String[] args) {
        run(LoopClock.system());
    }
}
