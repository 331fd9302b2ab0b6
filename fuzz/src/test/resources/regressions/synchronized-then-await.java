// regression (issue 14, bug 1): an await after, or in the catch of, a try around a synchronized
// block was refused as "await inside synchronized"
package fuzz;

import static fuzz.Lib.*;
import static io.github.jawait.Asyncio.*;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;

public class Prog {
    static final Object LOCK = new Object();

    @Async static Coroutine<Integer> entry() throws FuzzException {
        int n = 0;
        for (int i = 0; i < 3; i++) {
            try {
                synchronized (LOCK) {
                    t("locked " + i + " " + Thread.holdsLock(LOCK));
                    if (i == 1) {
                        throw new IllegalStateException("in block " + i);
                    }
                }
            } catch (IllegalStateException e) {
                n += await(slow(10, 1));
                t("caught " + e.getMessage() + " " + Thread.holdsLock(LOCK));
            } finally {
                n += await(slow(1, i));
            }
            n += await(slow(100, 1));
            t("after " + i + " " + Thread.holdsLock(LOCK));
        }
        return result(n);
    }
}
