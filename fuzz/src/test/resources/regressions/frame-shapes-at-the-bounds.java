// frame shapes (issue 17): methods on each side of the inline bound (4 references, 2
// primitives), wide types in fields and in arrays, values on the stack under the awaitable,
// a reference slot that is live at one await and dead at the next, an instance method
// (this counts as a reference), and a failure while values are saved
package fuzz;

import static fuzz.Lib.*;
import static io.github.jawait.Asyncio.*;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;

public class Prog {
    final String name = "p";

    @Async static Coroutine<Integer> entry() throws FuzzException {
        int n = 0;
        n += await(refs4("a", "b", "c", "d"));
        n += await(refs5("a", "b", "c", "d", "e"));
        n += await(prims2(Long.MIN_VALUE + 7, -0.5));
        n += await(prims3(Long.MAX_VALUE, 1.5, 'z'));
        n += await(new Prog().instance(3, 4L));
        n += await(stackUnderAwait(9L, 2.25f));
        n += await(deadLater("gone", "kept"));
        try {
            n += await(failsHolding("x", 5L));
        } catch (FuzzException e) {
            t("caught " + e.getMessage());
        }
        n += await(nothingKept());
        return result(n);
    }

    @Async static Coroutine<Integer> refs4(String a, String b, String c, String d) {
        int k = await(slow(1, 1));
        t("refs4 " + a + b + c + d + k);
        return result(a.length() + d.length() + k);
    }

    @Async static Coroutine<Integer> refs5(String a, String b, String c, String d, String e) {
        String ab = a + b;
        int k = await(slow(2, 2));
        t("refs5 " + ab + c + d + e + k);
        return result(ab.length() + e.length() + k);
    }

    @Async static Coroutine<Integer> prims2(long l, double d) {
        int k = await(slow(3, 1));
        t("prims2 " + l + " " + d + " " + Double.doubleToRawLongBits(d) + " " + k);
        return result((int) (l & 0xff) + k);
    }

    @Async static Coroutine<Integer> prims3(long l, double d, char c) {
        float f = (float) d * 2;
        int k = await(slow(4, 2));
        t("prims3 " + l + " " + d + " " + c + " " + f + " " + k);
        return result((int) (l & 0xff) + c + k);
    }

    @Async Coroutine<Integer> instance(int i, long l) {
        int k = await(slow(5, 1));
        t("instance " + name + " " + i + " " + l + " " + k);
        return result(i + (int) l + k);
    }

    @Async static Coroutine<Integer> stackUnderAwait(long l, float f) {
        long sum = l + await(slow(6, 1)) + (long) (f * await(slow(7, 2)));
        String s = "s" + l + await(slowT("t", 1)) + f;
        t("stack " + sum + " " + s);
        return result((int) sum + s.length());
    }

    @Async static Coroutine<Integer> deadLater(String gone, String kept) {
        int k = await(slow(gone.length(), 1));
        int j = await(slow(kept.length(), 2));
        t("deadLater " + kept + " " + k + " " + j);
        return result(k + j);
    }

    @Async static Coroutine<Integer> failsHolding(String s, long l) throws FuzzException {
        int k = await(slow(8, 1));
        t("failsHolding " + s + " " + l + " " + k);
        int j = await(fail(9, 1));
        return result(k + j);
    }

    @Async static Coroutine<Integer> nothingKept() {
        return result(await(slow(10, 1)));
    }
}
