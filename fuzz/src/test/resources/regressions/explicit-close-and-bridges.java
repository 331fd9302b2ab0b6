// regression (issue 14, bugs 2, 3 and 7): an explicit close() was lowered to
// await(closeAsync()) (a closeAsync() calling close() looped forever); the bridge javac adds
// for closeAsync() returning Coroutine (Awaitable in AsyncCloseable), and the one of a generic
// interface method, carried @Async and were refused or rewritten
package fuzz;

import static fuzz.Lib.*;
import static io.github.jawait.Asyncio.*;

import io.github.jawait.Async;
import io.github.jawait.AsyncCloseable;
import io.github.jawait.Coroutine;

public class Prog {
    interface Producer<T> {
        Coroutine<T> produce(T seed);
    }

    static final class Doubler implements Producer<String> {
        @Async
        public Coroutine<String> produce(String seed) {
            return result(seed + await(slowT(seed, 1)));
        }
    }

    static final class Conn implements AsyncCloseable {
        int closes;

        @Async
        public Coroutine<Void> closeAsync() {
            t("closeAsync " + await(slow(7, 1)));
            close();
            return done();
        }

        @Override
        public void close() {
            closes++;
            t("close " + closes);
        }
    }

    static <T> Coroutine<T> through(Producer<T> p, T seed) {
        return p.produce(seed);
    }

    @Async static Coroutine<Integer> entry() throws FuzzException {
        Conn c = new Conn();
        await(slow(1, 1));
        c.close();
        await(c.closeAsync());
        t(await(through(new Doubler(), "x")));
        return result(c.closes);
    }
}
