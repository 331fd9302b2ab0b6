package io.github.jawait.tests.debugger;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;

/** The program {@link DebuggerTest} runs under a debugger: the lines below are the test's anchors. */
public final class DebuggeeProgram {
    private DebuggeeProgram() {
    }

    @Async
    static Coroutine<Integer> add(int a, String label) {
        int sum = a * 2;
        await(sleep(0.01)); // suspends: the method returns to the loop, its locals spilled
        int after = sum + 1; // BREAKPOINT_LINE
        String text = label + after;
        await(sleep(0.01)); // STEP_OVER_LINE: suspends again
        int last = after + text.length(); // LANDING_LINE
        return result(last);
    }

    public static void main(String[] args) {
        System.out.println("result " + (args.length == 0 ? Asyncio.run(add(20, "x")) : Asyncio.run(awaitsAdd(20))));
    }

    /** With an argument: add runs in its direct variant up to its first await, then in add$resume. */
    @Async
    static Coroutine<Integer> awaitsAdd(int a) {
        return result(await(add(a, "y")));
    }
}
