package io.github.jawait.samples.streamprocessing;

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
import java.util.function.Supplier;

/**
 * "异步流处理": a nested async generator filtered while it streams. The nested
 * {@code async def data_stream()} is a lambda: the agent rewrites a lambda returning an
 * AsyncGenerator whose body awaits and emits, like an {@code @Async} method.
 */
public final class StreamProcessing {

    private StreamProcessing() {
    }

    /** async def process_stream() */
    @Async
    public static Coroutine<Void> processStream() {
        Supplier<AsyncGenerator<Integer>> dataStream = () -> { // async def data_stream():
            for (int i = 0; i < 10; i++) {
                await(sleep(0.1));
                emit(i);
            }
            return end();
        };

        // filter: keep the even numbers (dataStream.get().filter(n -> n % 2 == 0) does the same)
        try (AsyncGenerator<Integer> stream = dataStream.get()) {
            while (await(stream.hasNext())) { // async for num in data_stream():
                int num = stream.next();
                if (num % 2 == 0) {
                    System.out.println("Even: " + num);
                }
            }
        }
        return done();
    }

    public static void run(LoopClock clock) {
        Asyncio.run(processStream(), clock);
    }

    public static void main(String[] args) {
        run(LoopClock.system());
    }
}
