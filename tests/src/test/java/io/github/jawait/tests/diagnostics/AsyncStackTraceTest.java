package io.github.jawait.tests.diagnostics;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.tests.TestLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A failure crossing awaits carries, below its real frames, the coroutines that awaited it. */
public class AsyncStackTraceTest {

    @Async
    static Coroutine<Integer> inner() {
        await(sleep(1));
        throw new IllegalStateException("boom");
    }

    @Async
    static Coroutine<Integer> middle() {
        int v = await(inner());
        return result(v + 1);
    }

    @Async
    static Coroutine<Integer> outer() {
        int v = await(middle());
        return result(v * 2);
    }

    public static List<String> asyncFrames(Throwable t) { // shared with InlineStartAdversarialTest
        List<String> out = new ArrayList<>();
        for (StackTraceElement e : t.getStackTrace()) {
            if ("async".equals(e.getClassLoaderName())) {
                out.add(e.toString());
            }
        }
        return out;
    }

    @Test
    void theAwaitingCoroutinesAppearWithTheLinesOfTheirAwaits() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestLoop.run(outer()));
        assertEquals("boom", e.getMessage());
        StackTraceElement top = e.getStackTrace()[0];
        assertEquals("inner$resume", top.getMethodName());
        assertEquals(22, top.getLineNumber());
        String cls = AsyncStackTraceTest.class.getName();
        assertEquals(List.of(
                "async//" + cls + ".middle(AsyncStackTraceTest.java:27)",
                "async//" + cls + ".outer(AsyncStackTraceTest.java:33)"), asyncFrames(e));
    }

    @Async
    static Coroutine<Integer> deep(int n) {
        if (n == 0) {
            await(sleep(0));
            throw new IllegalArgumentException("bottom");
        }
        return result(await(deep(n - 1)));
    }

    @Test
    void aDeepChainAddsAtMostSixtyFourAsyncFrames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TestLoop.run(deep(10_000)));
        List<String> frames = asyncFrames(e);
        assertEquals(64, frames.size());
        assertEquals("async//" + AsyncStackTraceTest.class.getName() + ".deep(AsyncStackTraceTest.java:66)", frames.get(0));
    }
}
