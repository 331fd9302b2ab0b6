// regression (issue 14, bug 4): 50 int locals live across 60 awaits made the rewritten method
// exceed 64 KB; the agent then refused every @Async method of the class with an internal error
package fuzz;

import static fuzz.Lib.*;
import static io.github.jawait.Asyncio.*;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;

public class Prog {
    @Async static Coroutine<Integer> entry() throws FuzzException {
        t("small " + await(small(2)));
        int w0 = 0 + sf;
        int w1 = 7 + sf;
        int w2 = 14 + sf;
        int w3 = 21 + sf;
        int w4 = 5 + sf;
        int w5 = 12 + sf;
        int w6 = 19 + sf;
        int w7 = 3 + sf;
        int w8 = 10 + sf;
        int w9 = 17 + sf;
        int w10 = 1 + sf;
        int w11 = 8 + sf;
        int w12 = 15 + sf;
        int w13 = 22 + sf;
        int w14 = 6 + sf;
        int w15 = 13 + sf;
        int w16 = 20 + sf;
        int w17 = 4 + sf;
        int w18 = 11 + sf;
        int w19 = 18 + sf;
        int w20 = 2 + sf;
        int w21 = 9 + sf;
        int w22 = 16 + sf;
        int w23 = 0 + sf;
        int w24 = 7 + sf;
        int w25 = 14 + sf;
        int w26 = 21 + sf;
        int w27 = 5 + sf;
        int w28 = 12 + sf;
        int w29 = 19 + sf;
        int w30 = 3 + sf;
        int w31 = 10 + sf;
        int w32 = 17 + sf;
        int w33 = 1 + sf;
        int w34 = 8 + sf;
        int w35 = 15 + sf;
        int w36 = 22 + sf;
        int w37 = 6 + sf;
        int w38 = 13 + sf;
        int w39 = 20 + sf;
        int w40 = 4 + sf;
        int w41 = 11 + sf;
        int w42 = 18 + sf;
        int w43 = 2 + sf;
        int w44 = 9 + sf;
        int w45 = 16 + sf;
        int w46 = 0 + sf;
        int w47 = 7 + sf;
        int w48 = 14 + sf;
        int w49 = 21 + sf;
        w0 += await(slow(w3, 1));
        w17 += await(result(w32 ^ 1));
        w34 += await(slow(w11, 1));
        w1 += await(result(w40 ^ 3));
        w18 += await(slow(w19, 1));
        w35 += await(result(w48 ^ 5));
        w2 += await(slow(w27, 1));
        w19 += await(result(w6 ^ 7));
        w36 += await(slow(w35, 1));
        w3 += await(result(w14 ^ 9));
        w20 += await(slow(w43, 1));
        w37 += await(result(w22 ^ 11));
        w4 += await(slow(w1, 1));
        w21 += await(result(w30 ^ 13));
        w38 += await(slow(w9, 1));
        w5 += await(result(w38 ^ 15));
        w22 += await(slow(w17, 1));
        w39 += await(result(w46 ^ 17));
        w6 += await(slow(w25, 1));
        w23 += await(result(w4 ^ 19));
        w40 += await(slow(w33, 1));
        w7 += await(result(w12 ^ 21));
        w24 += await(slow(w41, 1));
        w41 += await(result(w20 ^ 23));
        w8 += await(slow(w49, 1));
        w25 += await(result(w28 ^ 25));
        w42 += await(slow(w7, 1));
        w9 += await(result(w36 ^ 27));
        w26 += await(slow(w15, 1));
        w43 += await(result(w44 ^ 29));
        w10 += await(slow(w23, 1));
        w27 += await(result(w2 ^ 31));
        w44 += await(slow(w31, 1));
        w11 += await(result(w10 ^ 33));
        w28 += await(slow(w39, 1));
        w45 += await(result(w18 ^ 35));
        w12 += await(slow(w47, 1));
        w29 += await(result(w26 ^ 37));
        w46 += await(slow(w5, 1));
        w13 += await(result(w34 ^ 39));
        w30 += await(slow(w13, 1));
        w47 += await(result(w42 ^ 41));
        w14 += await(slow(w21, 1));
        w31 += await(result(w0 ^ 43));
        w48 += await(slow(w29, 1));
        w15 += await(result(w8 ^ 45));
        w32 += await(slow(w37, 1));
        w49 += await(result(w16 ^ 47));
        w16 += await(slow(w45, 1));
        w33 += await(result(w24 ^ 49));
        w0 += await(slow(w3, 1));
        w17 += await(result(w32 ^ 51));
        w34 += await(slow(w11, 1));
        w1 += await(result(w40 ^ 53));
        w18 += await(slow(w19, 1));
        w35 += await(result(w48 ^ 55));
        w2 += await(slow(w27, 1));
        w19 += await(result(w6 ^ 57));
        w36 += await(slow(w35, 1));
        w3 += await(result(w14 ^ 59));
        t("sum " + (w0 + w1 + w2 + w3 + w4 + w5 + w6 + w7 + w8 + w9 + w10 + w11 + w12 + w13 + w14 + w15 + w16 + w17 + w18 + w19 + w20 + w21 + w22 + w23 + w24 + w25 + w26 + w27 + w28 + w29 + w30 + w31 + w32 + w33 + w34 + w35 + w36 + w37 + w38 + w39 + w40 + w41 + w42 + w43 + w44 + w45 + w46 + w47 + w48 + w49));
        t("small " + await(small(3)));
        return result(w0 + w49);
    }

    /** An unrelated @Async method of the same class: it must work whatever happens to entry. */
    @Async static Coroutine<Integer> small(int k) {
        return result(await(slow(k, k)) * 2);
    }
}
