package io.github.jawait.fuzz;

/**
 * The fixed part of every generated program: the trace, the fuel that bounds calls, the
 * awaitable helpers (done, done after k loop turns, failed after k turns), a checked and an
 * unchecked exception, a class with an {@code @Async} instance method, a synchronous and an
 * asynchronous resource, and the functional interface of throwing async lambdas.
 */
final class Prelude {
    private Prelude() {
    }

    static final String LIB = """
            // the library of every generated program (io.github.jawait.fuzz.Prelude.LIB)
            package fuzz;

            import static io.github.jawait.Asyncio.*;

            import io.github.jawait.Async;
            import io.github.jawait.AsyncCloseable;
            import io.github.jawait.AsyncGenerator;
            import io.github.jawait.Awaitable;
            import io.github.jawait.Coroutine;
            import java.util.Arrays;

            public final class Lib {
                public static final StringBuilder TR = new StringBuilder();
                public static int fuel = 250;
                public static int sf;
                public static boolean yes = true;

                private Lib() {
                }

                public static void t(String s) {
                    if (TR.length() > 200_000) {
                        throw new FuzzError("trace full");
                    }
                    TR.append(s).append('\\n');
                }

                public static void fuel() {
                    if (--fuel < 0) {
                        throw new FuzzError("out of fuel");
                    }
                }

                public static String ex(Throwable e) {
                    StringBuilder sb = new StringBuilder(e.getClass().getSimpleName());
                    if (!(e instanceof NullPointerException) && !(e instanceof ClassCastException)) {
                        sb.append(": ").append(e.getMessage());
                    }
                    for (Throwable s : e.getSuppressed()) {
                        sb.append(" [suppressed ").append(ex(s)).append(']');
                    }
                    if (e.getCause() != null && e.getCause() != e) {
                        sb.append(" [cause ").append(ex(e.getCause())).append(']');
                    }
                    return sb.toString();
                }

                public static String str(Object o) {
                    return o instanceof int[] a ? Arrays.toString(a) : String.valueOf(o);
                }

                public static int mix(int a, long b, String c, double d, boolean e) {
                    t("mix " + a + " " + b + " " + c + " " + d + " " + e);
                    return a * 31 + (int) b + c.length() + (int) d + (e ? 1 : 0);
                }

                public static String cat(String a, int b, char c) {
                    return a + b + c;
                }

                /** Issue 14 bug 6: {@code new Init0(await(x))} must initialize the class before the arguments run. */
                public static final class Init0 {
                    static {
                        t("clinit Init0 " + sf);
                    }

                    public final int v;

                    public Init0(int v) {
                        this.v = v;
                        t("new Init0 " + v);
                    }
                }

                /** Issue 14 bug 6: {@code new Init1(await(x))} must initialize the class before the arguments run. */
                public static final class Init1 {
                    static {
                        t("clinit Init1 " + sf);
                    }

                    public final int v;

                    public Init1(int v) {
                        this.v = v;
                        t("new Init1 " + v);
                    }
                }

                /** Issue 14 bug 6: {@code new Init2(await(x))} must initialize the class before the arguments run. */
                public static final class Init2 {
                    static {
                        t("clinit Init2 " + sf);
                    }

                    public final int v;

                    public Init2(int v) {
                        this.v = v;
                        t("new Init2 " + v);
                    }
                }

                /** Issue 14 bugs 2 and 3: an @Async implementation of a generic interface method has a bridge. */
                public interface Fetch<T> {
                    Coroutine<T> fetch(T x);
                }

                public static final class Doubler implements Fetch<Integer> {
                    @Async
                    @Override
                    public Coroutine<Integer> fetch(Integer x) {
                        await(sleep(0));
                        t("fetch " + x);
                        return result(x * 2);
                    }
                }

                /**
                 * Issue 14 bug 3: the programs' generators implement this generic method (so
                 * javac and ECJ add a bridge {@code items(Object)}) and are called through it.
                 */
                public interface Source<T> {
                    AsyncGenerator<T> items(T x) throws FuzzException;
                }

                /** Deconstructed by record patterns in the programs compiled for Java 21. */
                public record Pair(int a, String b) {
                }

                /** Called through the interface, so through the bridge. */
                public static final Fetch<Integer> FETCH = new Doubler();

                public static final class FuzzException extends Exception {
                    public FuzzException(String message) {
                        super(message);
                    }
                }

                public static final class FuzzError extends RuntimeException {
                    public FuzzError(String message) {
                        super(message);
                    }
                }

                public interface IntFn {
                    Coroutine<Integer> call(int x) throws FuzzException;
                }

                public static final class Box {
                    public int a;
                    public final String b;

                    public Box(int a, String b) {
                        this.a = a;
                        this.b = b;
                        t("new Box " + a + " " + b);
                    }

                    public int twice(int k) {
                        return a * 2 + k;
                    }

                    @Async
                    public Coroutine<Integer> bump(int k) {
                        for (int i = 0; i < k; i++) {
                            await(sleep(0));
                        }
                        a += k;
                        t("bump " + a);
                        return result(a);
                    }

                    @Override
                    public String toString() {
                        return "Box(" + a + ", " + b + ")";
                    }
                }

                public static final class Res implements AutoCloseable {
                    public final int id;
                    public final boolean failClose;

                    public Res(int id, boolean failClose) {
                        this.id = id;
                        this.failClose = failClose;
                        t("open " + id);
                    }

                    @Override
                    public void close() {
                        t("close " + id);
                        if (failClose) {
                            throw new FuzzError("close " + id);
                        }
                    }
                }

                public static final class ARes implements AsyncCloseable {
                    public final int id;
                    public final boolean failClose;

                    public ARes(int id, boolean failClose) {
                        this.id = id;
                        this.failClose = failClose;
                        t("aopen " + id);
                    }

                    @Override
                    public Awaitable<Void> closeAsync() {
                        t("closeAsync " + id);
                        return aclose(id, failClose);
                    }
                }

                @Async
                public static Coroutine<Void> aclose(int id, boolean fail) {
                    await(sleep(0));
                    t("aclosed " + id);
                    if (fail) {
                        throw new FuzzError("aclose " + id);
                    }
                    return done();
                }

                @Async
                public static Coroutine<Integer> slow(int v, int k) {
                    for (int i = 0; i < k; i++) {
                        await(sleep(0));
                    }
                    return result(v);
                }

                @Async
                public static <T> Coroutine<T> slowT(T v, int k) {
                    for (int i = 0; i < k; i++) {
                        await(sleep(0));
                    }
                    return result(v);
                }

                @Async
                public static Coroutine<Integer> fail(int v, int k) throws FuzzException {
                    for (int i = 0; i < k; i++) {
                        await(sleep(0));
                    }
                    throw new FuzzException("fail " + v);
                }

                @Async
                public static <T> Coroutine<T> failT(T v, int k) throws FuzzException {
                    for (int i = 0; i < k; i++) {
                        await(sleep(0));
                    }
                    throw new FuzzException("failT " + str(v));
                }
            }
            """;

    static final String PREFIX = """
            // generated by io.github.jawait.fuzz.ProgramGenerator from seed @SEED@
            package fuzz;

            import static fuzz.Lib.*;
            import static io.github.jawait.Asyncio.*;

            import io.github.jawait.Async;
            import io.github.jawait.AsyncGenerator;
            import io.github.jawait.Coroutine;
            import java.util.Arrays;
            import java.util.function.Supplier;

            public class Prog {
                static final Prog INST = new Prog();
                int fld;
            """;

    static final String SUFFIX = "}\n";
}
