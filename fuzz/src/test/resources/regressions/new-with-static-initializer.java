// regression (issue 14, bug 6): new Foo(await(x)) ran Foo's static initializer after the
// arguments' side effects; Java initializes Foo first (JLS 15.9.4)
package fuzz;

import static fuzz.Lib.*;
import static io.github.jawait.Asyncio.*;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;

public class Prog {
    static class Base {
        static {
            t("Base.<clinit>");
        }
    }

    static final class Foo extends Base {
        static {
            t("Foo.<clinit>");
        }

        final int v;

        Foo(int v, String s) {
            this.v = v;
            t("Foo(" + v + ", " + s + ")");
        }
    }

    static int arg(int v) {
        t("arg " + v);
        return v;
    }

    @Async static Coroutine<Integer> entry() throws FuzzException {
        Foo a = new Foo(await(slow(arg(1), 1)), "a");
        Foo b = new Foo(await(slow(arg(2), 0)), "b");
        return result(a.v + b.v);
    }
}
