// regression (issue #7): see RegressionTest
package fuzz;

import static fuzz.Lib.*;
import static io.github.jawait.Asyncio.*;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import java.util.Arrays;
import java.util.function.Supplier;

public class Prog {
    static final Prog INST = new Prog();
    int fld;
    @Async static Coroutine<Integer> entry() throws FuzzException {
        new Box(await(slow(1, 1)), "");
        return result(1);
    }
}
