// regression (fuzz seed 651): ECJ compiles a try-with-resources with an empty body as a plain
// close() call with no handler, which the agent did not recognise as the resource's close and
// left calling AsyncCloseable's throwing default instead of awaiting closeAsync()
package fuzz;

import static fuzz.Lib.*;
import static io.github.jawait.Asyncio.*;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;

public class Prog {
    @Async static Coroutine<Integer> entry() throws FuzzException {
        try (ARes r = new ARes(0, false)) {
        }
        try (ARes r = new ARes(1, false)) {
            t("body");
        }
        return result(0);
    }
}
