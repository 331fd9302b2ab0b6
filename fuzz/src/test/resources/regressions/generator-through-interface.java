// regression (issue 14, bug 3): an @Async AsyncGenerator implementing a generic interface method
// (javac and ECJ add a bridge items(Object) carrying @Async), called through the interface, failed
// at run time with "cannot await ...FrameGenerator". The generator bodies are marked as the
// grammar marks them (GeneratorGrammar.BODY and BODY_END) so that the reference run pulls them
// lazily, as the loop does: start, emits, finally at an early break, a failure after an emit.
package fuzz;

import static fuzz.Lib.*;
import static io.github.jawait.Asyncio.*;

import io.github.jawait.Async;
import io.github.jawait.AsyncGenerator;
import io.github.jawait.Coroutine;

public class Prog {
    static final Source<String> LETTERS = new Letters(); static final class Letters implements Source<String> { @Async @Override public AsyncGenerator<String> items(String x) throws FuzzException { /* generator body */
        t("letters start " + x);
        try {
            for (int i = 0; i < 3; i++) {
                emit(x + await(slowT("abc".charAt(i), 1)));
                t("letters resumed " + i);
            }
        } finally {
            t("letters finally");
            await(sleep(0));
            t("letters finally after await");
        }
        return end();
    } /* generator body end */ }

    static final Source<Integer> FAILING = new Failing(); static final class Failing implements Source<Integer> { @Async @Override public AsyncGenerator<Integer> items(Integer x) throws FuzzException { /* generator body */
        emit(x);
        await(fail(x, 1));
        emit(x + 1);
        return end();
    } /* generator body end */ }

    @Async static Coroutine<Integer> entry() throws FuzzException {
        try (AsyncGenerator<String> g = LETTERS.items("x")) {
            while (await(g.hasNext())) {
                t("got " + g.next());
            }
        }
        try (AsyncGenerator<String> g = LETTERS.items("y")) {
            while (await(g.hasNext())) {
                t("got " + g.next());
                break;
            }
        }
        t("after the early break");
        try (AsyncGenerator<Integer> g = FAILING.items(7)) {
            while (await(g.hasNext())) {
                t("got " + g.next());
            }
        } catch (FuzzException e) {
            t("caught " + ex(e));
        }
        return result(1);
    }
}
