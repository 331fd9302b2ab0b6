package io.github.jawait.tests.shapes;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.tests.shapes.Aw.failLater;
import static io.github.jawait.tests.shapes.Aw.later;
import static io.github.jawait.tests.shapes.Aw.now;
import static io.github.jawait.tests.shapes.Aw.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** @Async on every kind of method and in every kind of class. */
class ShapeMethodsTest {
    final List<String> events = new ArrayList<>();
    private int field = 5;

    @Async
    static Coroutine<String> staticMethod(String s) {
        await(sleep(0.1));
        return result("static " + s);
    }

    @Async
    Coroutine<Integer> instanceMethod() {
        field += await(later(1));
        return result(field);
    }

    @Async
    private Coroutine<Integer> privateMethod(int x) {
        return result(await(later(x)) + field);
    }

    @Async
    <T extends Comparable<T>> Coroutine<T> generic(T a, T b) {
        T first = await(later(a));
        T second = await(now(b));
        return result(first.compareTo(second) >= 0 ? first : second);
    }

    @Async
    static <T> Coroutine<List<T>> genericStatic(List<? extends T> in) {
        List<T> out = new ArrayList<>();
        for (T t : in) {
            out.add(await(later(t)));
        }
        return result(out);
    }

    @Async
    Coroutine<String> varargs(String sep, int... xs) {
        StringBuilder sb = new StringBuilder();
        for (int x : xs) {
            sb.append(await(later(x))).append(sep);
        }
        return result(sb.toString() + xs.length);
    }

    @Async
    Coroutine<String> overloaded(int x) {
        return result("int " + await(later(x)));
    }

    @Async
    Coroutine<String> overloaded(String x) {
        return result("String " + await(later(x)));
    }

    @Async
    Coroutine<String> overloaded(long x, double y) {
        return result("long,double " + await(later(x + y)));
    }

    @Async
    Coroutine<String> overloaded() {
        await(failLater(new IllegalStateException("no-arg overload")));
        return result("unreachable");
    }

    @Test
    void staticInstancePrivateGenericVarargs() {
        assertEquals("static s", run(staticMethod("s")));
        assertEquals(6, run(instanceMethod()));
        assertEquals(16, run(privateMethod(10)));
        assertEquals("b", run(generic("a", "b")));
        assertEquals(9, run(generic(9, 3)));
        assertEquals(List.of(1, 2, 3), run(ShapeMethodsTest.<Number>genericStatic(List.of(1, 2, 3))));
        assertEquals("1,2,3,3", run(varargs(",", 1, 2, 3)));
        assertEquals("0", run(varargs(",")));
    }

    @Test
    void overloadsWithTheSameNameStayApart() throws Exception {
        assertEquals("int 1", run(overloaded(1)));
        assertEquals("String s", run(overloaded("s")));
        assertEquals("long,double 3.5", run(overloaded(3L, 0.5)));
        assertEquals("no-arg overload", assertThrows(IllegalStateException.class, () -> run(overloaded())).getMessage());
        List<String> resumes = new ArrayList<>();
        for (Method m : ShapeMethodsTest.class.getDeclaredMethods()) {
            if (m.getName().startsWith("overloaded$resume")) {
                resumes.add(m.getName());
                assertTrue(m.isSynthetic(), m + " is synthetic");
                assertTrue(Modifier.isStatic(m.getModifiers()), m + " is static");
            }
        }
        resumes.sort(null);
        assertEquals(List.of("overloaded$resume", "overloaded$resume$2", "overloaded$resume$3", "overloaded$resume$4"), resumes);
    }

    enum Planet {
        MERCURY(1), VENUS(2);

        final int order;

        Planet(int order) {
            this.order = order;
        }

        @Async
        Coroutine<String> describe(String prefix) {
            return result(prefix + name() + await(later(order)));
        }

        @Async
        static Coroutine<Integer> total() {
            int sum = 0;
            for (Planet p : values()) {
                sum += await(later(p.order));
            }
            return result(sum);
        }
    }

    record Point(int x, long y) {
        @Async
        Coroutine<Point> moved(int dx) {
            return result(new Point(x + await(later(dx)), y * await(now(2L))));
        }

        @Async
        static Coroutine<Point> origin() {
            await(sleep(0.1));
            return result(new Point(0, 0));
        }
    }

    interface Greeter {
        String name();

        @Async
        default Coroutine<String> greet(String greeting) {
            String n = await(later(name()));
            return result(greeting + ", " + n + helper(await(now("!"))));
        }

        @Async
        static Coroutine<String> shout(Greeter g) {
            return result(await(g.greet("HEY")).toUpperCase());
        }

        private String helper(String s) {
            return s + s;
        }
    }

    @Test
    void enumsRecordsAndInterfaces() {
        assertEquals("-VENUS2", run(Planet.VENUS.describe("-")));
        assertEquals(3, run(Planet.total()));
        assertEquals(new Point(3, 8), run(new Point(1, 4).moved(2)));
        assertEquals(new Point(0, 0), run(Point.origin()));
        Greeter g = () -> "bob";
        assertEquals("hi, bob!!", run(g.greet("hi")));
        assertEquals("HEY, BOB!!", run(Greeter.shout(g)));
    }

    class Inner {
        final int k;

        Inner(int k) {
            this.k = k;
        }

        @Async
        Coroutine<Integer> compute() {
            int v = await(later(k));
            field += v; // the enclosing instance, through this$0
            events.add("inner " + v);
            return result(field + await(instanceMethod()));
        }
    }

    @Test
    void innerClassMethodsReachTheEnclosingInstance() {
        field = 0;
        assertEquals(3 + 4, run(new Inner(3).compute()));
        assertEquals(List.of("inner 3"), events);
    }

    interface AsyncFn {
        Coroutine<String> call(int x);
    }

    @Test
    void anonymousAndLocalClasses() {
        String captured = "cap";
        long wide = 1L << 35;
        AsyncFn anon = new AsyncFn() {
            @Async
            @Override
            public Coroutine<String> call(int x) {
                String s = await(later(captured)) + x + wide;
                events.add("anon " + s);
                return result(s + field);
            }
        };
        class Local implements AsyncFn {
            final String prefix;

            Local(String prefix) {
                this.prefix = prefix;
            }

            @Async
            @Override
            public Coroutine<String> call(int x) {
                int y = await(later(x)) * 2;
                return result(prefix + y + captured + await(anon.call(y)));
            }
        }
        assertEquals("cap134359738368" + field, run(anon.call(1)));
        assertEquals("L8capcap834359738368" + field, run(new Local("L").call(4)));
        assertEquals(List.of("anon cap134359738368", "anon cap834359738368"), events);
    }

    abstract static class Base {
        abstract Coroutine<String> name();

        @Async
        Coroutine<String> hello() {
            return result("hello " + await(name()));
        }
    }

    static final class Derived extends Base {
        @Async
        @Override
        Coroutine<String> name() {
            await(sleep(0.1));
            return result("derived");
        }

        @Async
        @Override
        Coroutine<String> hello() {
            return result("[" + await(super.hello()) + "]");
        }
    }

    @Test
    void overridingAndSuperCalls() {
        assertEquals("[hello derived]", run(new Derived().hello()));
    }

    interface Handler<T> {
        Coroutine<String> handle(T t);
    }

    static final class IntHandler implements Handler<Integer> {
        @Async
        @Override
        public Coroutine<String> handle(Integer i) {
            return result("handled " + await(later(i + 1)));
        }
    }

    interface WithPrivate {
        @Async
        private Coroutine<Integer> secret(int x) {
            return result(await(later(x)) * 2);
        }

        @Async
        default Coroutine<Integer> open(int x) {
            return result(await(secret(x)) + 1);
        }
    }

    @Test
    void bridgeMethodsAndPrivateInterfaceMethods() {
        Handler<Integer> h = new IntHandler();
        assertEquals("handled 2", run(h.handle(1))); // through the erased bridge handle(Object)
        assertEquals(7, run(new WithPrivate() { }.open(3)));
    }

    @java.lang.annotation.Target({java.lang.annotation.ElementType.TYPE_USE})
    @interface Tagged {
    }

    @Async
    Coroutine<String> typeAnnotations(@Tagged Object o) {
        @Tagged String s = (@Tagged String) o;
        try {
            @Tagged String t = await(later(s + "!"));
            if (t.length() > 100) {
                throw new IllegalStateException();
            }
            return result(t + (o instanceof @Tagged String ? "" : "?") + await(later("")));
        } catch (@Tagged IllegalStateException e) {
            return result("caught");
        }
    }

    @Test
    void typeUseAnnotationsOnLocalsCastsAndCatch() {
        assertEquals("x!", run(typeAnnotations("x")));
    }

    static class Box<T> {
        final T value;

        Box(T value) {
            this.value = value;
        }

        @Async
        Coroutine<T> get() {
            return result(await(later(value)));
        }

        class Peek {
            @Async
            <R> Coroutine<String> peek(R extra) {
                T v = await(Box.this.get());
                return result(v + "+" + await(now(extra)));
            }
        }
    }

    @Test
    void genericClassesAndTheirInnerClasses() {
        Box<Long> box = new Box<>(5L);
        assertEquals(5L, run(box.get()));
        assertEquals("5+x", run(box.new Peek().peek("x")));
    }

    @Test
    void localRecordsEnumsAndInterfaces() {
        record Pair(String a, int b) {
            @Async
            Coroutine<String> show() {
                return result(a + await(later(b)));
            }
        }
        enum Mode {
            ON, OFF;

            @Async
            Coroutine<Boolean> enabled() {
                return result(await(later(this == ON)));
            }
        }
        interface Shout {
            @Async
            static Coroutine<String> shout(String s) {
                return result(await(later(s)).toUpperCase());
            }
        }
        assertEquals("a1", run(new Pair("a", 1).show()));
        assertEquals(true, run(Mode.ON.enabled()));
        assertEquals(false, run(Mode.OFF.enabled()));
        assertEquals("HI", run(Shout.shout("hi")));
    }

    enum Op {
        ADD {
            @Async
            @Override
            Coroutine<Integer> apply(int a, int b) {
                return result(await(later(a)) + b);
            }
        },
        MUL {
            @Async
            @Override
            Coroutine<Integer> apply(int a, int b) {
                return result(a * await(later(b)));
            }
        };

        abstract Coroutine<Integer> apply(int a, int b);
    }

    @Test
    void enumConstantBodies() {
        assertEquals(5, run(Op.ADD.apply(2, 3)));
        assertEquals(6, run(Op.MUL.apply(2, 3)));
    }

    @Test
    void resumeMethodsAreSyntheticAndNamedAfterTheUsersMethod() {
        List<String> names = new ArrayList<>();
        for (Method m : Planet.class.getDeclaredMethods()) {
            if (m.isSynthetic() && m.getName().contains("$resume")) {
                names.add(m.getName());
            }
        }
        names.sort(null);
        assertEquals(List.of("describe$resume", "total$resume"), names);
        assertTrue(Arrays.stream(Greeter.class.getDeclaredMethods()).anyMatch(m -> m.getName().equals("greet$resume")));
    }
}
