package io.github.jawait.tests.shapes;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.tests.shapes.Aw.failLater;
import static io.github.jawait.tests.shapes.Aw.finishedTask;
import static io.github.jawait.tests.shapes.Aw.later;
import static io.github.jawait.tests.shapes.Aw.now;
import static io.github.jawait.tests.shapes.Aw.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Awaits in the middle of expressions, with values (even unconstructed objects) on the operand stack. */
class ShapeExpressionsTest {
    final List<String> events = new ArrayList<>();

    static final class Foo {
        static final List<String> LOG = new ArrayList<>();
        final int v;

        Foo(int v) {
            this.v = v;
            LOG.add("Foo(" + v + ")");
        }

        @Override
        public String toString() {
            return "Foo" + v;
        }
    }

    record B(Object inner) {
    }

    record A(B b, long y, String s) {
    }

    int mark(String what, int v) {
        events.add(what);
        return v;
    }

    @Async
    Coroutine<Integer> addition(int a) {
        int r = a + await(later(2));
        r = mark("left", r) + await(now(3)) + mark("right", 4);
        return result(r);
    }

    @Test
    void plusWithOperandOnStackAndLeftToRightOrder() {
        assertEquals(10, run(addition(1)));
        assertEquals(List.of("left", "right"), events);
    }

    @Async
    Coroutine<Integer> mathMax() {
        int m = Math.max(await(later(3)), await(now(9)));
        int n = Math.min(await(later(-1)), Math.max(await(later(5)), await(await(finishedTask(7)))));
        return result(m * 100 + n);
    }

    @Test
    void methodArgumentsAwaitedOneAfterTheOther() {
        assertEquals(899, run(mathMax()));
    }

    @Async
    Coroutine<List<Object>> listAdd() {
        List<Object> list = new ArrayList<>();
        list.add(await(later("a")));
        list.add(await(now(1)));
        list.add(0, await(later('c')));
        list.add(list.size(), await(later(2.5)));
        Map<String, Integer> map = new TreeMap<>();
        map.put(await(later("k")), await(later(5)));
        list.add(map);
        return result(list);
    }

    @Test
    void receiverAndArgumentsOnTheStack() {
        assertEquals(List.of('c', "a", 1, 2.5, Map.of("k", 5)), run(listAdd()));
    }

    @Async
    Coroutine<String> concat(int n, String s, long l, char c, double d) {
        String a = "s" + await(later("X")) + n;
        String b = s + await(now(n)) + l + c + await(later(d)) + "!";
        String e = s + c + l + await(later(true)) + d + await(later('z')) + await(later(null));
        return result(a + "|" + b + "|" + e);
    }

    @Test
    void indyStringConcatWithPrimitivesOnTheStack() {
        assertEquals("sX7|str7123456789012q0.5!|strq123456789012true0.5znull", run(concat(7, "str", 123456789012L, 'q', 0.5)));
    }

    @Async
    Coroutine<String> constructors() {
        Foo f = new Foo(await(later(1)));
        A a = new A(new B(await(later("inner"))), await(now(2L)), "s" + await(later(3)));
        A a2 = new A(new B(new Foo(mark("arg", 4) + await(later(5)))), 7L, String.valueOf(new Foo(await(now(8)))));
        StringBuilder sb = new StringBuilder(await(later("sb"))).append(new Foo(await(later(9))));
        return result(f + " " + a + " " + a2 + " " + sb);
    }

    @Test
    void newWithAwaitedArgumentsIncludingNestedNews() {
        Foo.LOG.clear();
        assertEquals("Foo1 A[b=B[inner=inner], y=2, s=s3] A[b=B[inner=Foo9], y=7, s=Foo8] sbFoo9",
                run(constructors()));
        assertEquals(List.of("Foo(1)", "Foo(9)", "Foo(8)", "Foo(9)"), Foo.LOG);
        assertEquals(List.of("arg"), events);
    }

    @Async
    Coroutine<String> constructorWithFailingArgument() {
        try {
            return result(String.valueOf(new Foo(await(failLater(new IllegalStateException("no foo"))))));
        } catch (IllegalStateException e) {
            return result("caught " + e.getMessage());
        }
    }

    @Test
    void failureWhileBuildingArgumentsConstructsNothing() {
        Foo.LOG.clear();
        assertEquals("caught no foo", run(constructorWithFailingArgument()));
        assertEquals(List.of(), Foo.LOG);
    }

    @Async
    Coroutine<Object[]> arrayStores() {
        int[] ints = new int[3];
        long[] longs = new long[2];
        double[] doubles = new double[2];
        String[] strs = new String[2];
        byte[] bytes = new byte[1];
        char[] chars = new char[1];
        boolean[] bools = new boolean[1];
        int i = 0;
        ints[i++] = await(later(10));
        ints[i++] = await(now(20));
        ints[await(later(2))] = await(later(30));
        longs[await(later(1))] = await(later(Long.MIN_VALUE));
        doubles[i - 1] = await(later(Math.PI));
        strs[1] = await(later("one"));
        bytes[0] = await(later((byte) -3));
        chars[0] = await(later('x'));
        bools[0] = await(later(true));
        ints[0] += await(later(5));
        long[][] grid = new long[2][await(later(2))];
        grid[1][await(now(1))] = await(later(99L)) * 2;
        return result(new Object[] {ints, longs, doubles, strs, bytes, chars, bools, grid});
    }

    @Test
    void arrayStoresWithAwaitedIndexAndValue() {
        Object[] r = run(arrayStores());
        assertArrayEquals(new int[] {15, 20, 30}, (int[]) r[0]);
        assertArrayEquals(new long[] {0, Long.MIN_VALUE}, (long[]) r[1]);
        assertArrayEquals(new double[] {0, Math.PI}, (double[]) r[2]);
        assertArrayEquals(new String[] {null, "one"}, (String[]) r[3]);
        assertArrayEquals(new byte[] {-3}, (byte[]) r[4]);
        assertArrayEquals(new char[] {'x'}, (char[]) r[5]);
        assertArrayEquals(new boolean[] {true}, (boolean[]) r[6]);
        assertArrayEquals(new long[][] {{0, 0}, {0, 198}}, (long[][]) r[7]);
    }

    @Async
    Coroutine<String> wideArithmetic(long a, double b) {
        long x = a * await(later(3L)) - a / await(now(2L)) + (a << await(later(2)));
        double y = b * await(later(2.0)) + b / await(later(4.0)) - await(later(1)) * b;
        long z = (long) (a + b * await(later(1L)));
        double w = Math.pow(await(later(2.0)), await(now(10.0))) + a % await(later(7L));
        return result(x + " " + y + " " + z + " " + w);
    }

    @Test
    void longAndDoubleArithmeticAroundAwaits() {
        long a = 10_000_000_000L;
        double b = 8.0;
        assertEquals((a * 3 - a / 2 + (a << 2)) + " " + (b * 2 + b / 4 - b) + " " + (long) (a + b) + " "
                + (1024.0 + a % 7), run(wideArithmetic(a, b)));
    }

    @Async
    Coroutine<Integer> compoundAndIncrements() {
        int[] counter = {0};
        int local = 1;
        local += await(later(2));
        local *= await(now(3)) + local;
        counter[0] += await(later(local));
        local = local++ + await(later(1)) + ++local;
        return result(local * 1000 + counter[0]);
    }

    @Test
    void compoundAssignmentsAndIncrements() {
        // local: 1 -> 3 -> 3 * (3 + 3) = 18; counter 18; local = 18 + 1 + 20 = 39
        assertEquals(39018, run(compoundAndIncrements()));
    }

    @Async
    Coroutine<String> conditionalsInExpressions(int x) {
        boolean b = x > 0 && await(later(x > 5)) || await(now(x == -1));
        String s = (b ? "yes" : "no") + (await(later(x)) > 3 ? await(later("+big")) : "+small");
        int c = x + (b ? await(later(100)) : -await(later(100)));
        return result(s + c + (((Object) x) instanceof Integer ? "" : "?") + (await(later((Object) "str")) instanceof String t ? t.length() : -1));
    }

    @Test
    void shortCircuitTernaryAndPatternMatch() {
        assertEquals("yes+big1073", run(conditionalsInExpressions(7)));
        assertEquals("no+small-983", run(conditionalsInExpressions(2 + 15 - 15)));
        assertEquals("yes+small99" + "3", run(conditionalsInExpressions(-1)));
    }

    long longField = 1;
    static double staticDouble = 0.5;

    @Async
    Coroutine<String> fieldsAndDupShapes() {
        longField += await(later(1L << 40));
        staticDouble *= await(now(4.0));
        long[] longs = {1, 2};
        int k = 1;
        longs[k] += await(later(10L));
        int v = (this.intField = await(later(3))) + 1;
        long w = (longs[0] = await(later(-5L))) * 2;
        String chained = await(later("x")) + (this.stringField = await(later("y")));
        return result(longField + " " + staticDouble + " " + longs[0] + "," + longs[1] + " " + intField + " "
                + v + " " + w + " " + chained + stringField);
    }

    int intField;
    String stringField;

    @Test
    void compoundAssignmentsToFieldsArraysAndAssignmentExpressions() {
        staticDouble = 0.5;
        assertEquals((1 + (1L << 40)) + " 2.0 -5,12 3 4 -10 xyy", run(fieldsAndDupShapes()));
    }

    @Async
    Coroutine<String> constructorArgumentShapes(int k) {
        Foo a = new Foo(k > 0 ? await(later(k)) : -k);
        Foo b = new Foo(switch (k) {
            case 1 -> {
                try {
                    yield await(later(10));
                } catch (IllegalStateException e) {
                    yield -1;
                }
            }
            case 2 -> {
                int t = 0;
                for (int i = 0; i < 3; i++) {
                    t += await(later(i));
                }
                yield t;
            }
            default -> await(now(0));
        });
        return result(a + " " + b);
    }

    @Test
    void constructorArgumentsWithTernaryLoopAndTryInsideSwitchExpression() {
        Foo.LOG.clear();
        assertEquals("Foo1 Foo10", run(constructorArgumentShapes(1)));
        assertEquals("Foo2 Foo3", run(constructorArgumentShapes(2)));
        assertEquals("Foo5 Foo0", run(constructorArgumentShapes(-5)));
        assertEquals(List.of("Foo(1)", "Foo(10)", "Foo(2)", "Foo(3)", "Foo(5)", "Foo(0)"), Foo.LOG);
    }

    @Async
    Coroutine<Integer> forUpdateAndAssert() {
        int n = 0;
        for (int i = 0; i < 10; i += await(later(3))) {
            n++;
        }
        assert await(later(true)) : "assert with await";
        return result(n);
    }

    @Test
    void awaitInForUpdateAndInAssert() {
        assertEquals(4, run(forUpdateAndAssert()));
    }

    @Async
    Coroutine<String> returnsNullAndOthers(int mode) {
        if (mode == 0) {
            return null; // MARK:return-null
        }
        if (mode == 1) {
            return now("from helper");
        }
        Coroutine<String> ready = result(await(later("ready")));
        return ready;
    }

    @Test
    void returnNullFailsAtItsLineHelperOrStoredCoroutineAreAwaited() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> run(returnsNullAndOthers(0)));
        assertTrue(e.getMessage().endsWith("returnsNullAndOthers returned null: an @Async method returns result(value)"
                + " (result(null) for a null value), done() for Coroutine<Void>, end() for AsyncGenerator, or"
                + " another coroutine, never null"), e.getMessage());
        StackTraceElement user = java.util.Arrays.stream(e.getStackTrace())
                .filter(f -> f.getMethodName().startsWith("returnsNullAndOthers")).findFirst().orElseThrow();
        assertEquals(SourceLines.lineOf(ShapeExpressionsTest.class, "MARK:" + "return-null"), user.getLineNumber());
        assertEquals("from helper", run(returnsNullAndOthers(1)));
        assertEquals("ready", run(returnsNullAndOthers(2)));
    }

    @Async
    Coroutine<Integer> chainedCalls() {
        return result(await(later("hello world")).substring(await(now(6))).toUpperCase().indexOf(await(later("R"))) + await(later(List.of(1, 2, 3))).size());
    }

    @Test
    void awaitedReceiversInAChain() {
        assertEquals(2 + 3, run(chainedCalls()));
    }

    @Async
    Coroutine<Integer> returnsAnotherCoroutine(int n) {
        if (n == 0) {
            return later(await(later(42)));
        }
        return n > 0 ? returnsAnotherCoroutine(n - 1) : failLater(new IllegalStateException("negative"));
    }

    @Test
    void returnOfAnyCoroutineExpression() {
        assertEquals(42, run(returnsAnotherCoroutine(3)));
        assertEquals("negative", assertThrows(IllegalStateException.class, () -> run(returnsAnotherCoroutine(-1))).getMessage());
    }
}
