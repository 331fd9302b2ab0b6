package io.github.jawait.tests.attach;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Asyncio;
import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.agent.JawaitAgent;

/**
 * The mistake the README warns about: install() called from the class that holds the
 * {@code @Async} method, which was loaded (un-rewritten) before install() ran.
 */
public final class SelfAttachTooLateMain {
    private SelfAttachTooLateMain() {
    }

    @Async
    static Coroutine<Integer> compute() {
        await(sleep(0.01));
        return result(42);
    }

    public static void main(String[] args) {
        JawaitAgent.install();
        try {
            System.out.println("result: " + Asyncio.run(compute()));
        } catch (IllegalStateException e) {
            System.out.println("error: " + e.getMessage());
        }
    }
}
