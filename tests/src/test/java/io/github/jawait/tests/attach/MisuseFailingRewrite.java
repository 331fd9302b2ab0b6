package io.github.jawait.tests.attach;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;

/**
 * The class whose rewrite {@link RewriteFailureIsolationTest} makes fail inside the agent (through
 * the agent's test hook): loaded only by that test, by name, after it set the hook.
 */
public final class MisuseFailingRewrite implements RewriteFailureIsolationTest.Probe {
    static int initialized;

    static {
        initialized++;
    }

    @Async
    @Override
    public Coroutine<String> asyncPart() {
        await(sleep(0.01)); // MARK:failing-first-line
        return result("rewritten after all");
    }

    @Override
    public String plainPart() {
        return "plain " + initialized;
    }
}
