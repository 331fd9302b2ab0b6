package io.github.jawait.tests.shapes;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.tests.shapes.Aw.finishedTask;
import static io.github.jawait.tests.shapes.Aw.later;
import static io.github.jawait.tests.shapes.Aw.now;
import static io.github.jawait.tests.shapes.Aw.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Values of every type live across awaits, as locals and as operand-stack entries. */
class ShapeValuesTest {
    final List<String> events = new ArrayList<>();
    final String tag = "T";

    @Async
    Coroutine<String> everyPrimitiveLocal(int i, long l, double d, float f, boolean z, char c, byte b, short s) {
        int i2 = i * 2;
        long l2 = l + 1;
        double d2 = d / 2;
        float f2 = f * 3;
        boolean z2 = !z;
        char c2 = (char) (c + 1);
        byte b2 = (byte) (b - 1);
        short s2 = (short) (s + 1);
        await(sleep(0.1));
        int i3 = i2 + await(later(1));
        await(result("fast path")); // done before it is awaited
        long l3 = l2 + await(later(1L));
        await(finishedTask("x"));
        return result(i + "," + l + "," + d + "," + f + "," + z + "," + c + "," + b + "," + s
                + "|" + i2 + "," + l2 + "," + d2 + "," + f2 + "," + z2 + "," + c2 + "," + b2 + "," + s2
                + "|" + i3 + "," + l3);
    }

    @Test
    void primitivesOfEveryTypeAsLocalsAndParameters() {
        assertEquals("2147483647,9223372036854775806,-0.0,NaN,true,\uffff,-128,32767"
                        + "|-2,9223372036854775807,-0.0,NaN,false,\u0000,127,-32768"
                        + "|-1,-9223372036854775808",
                run(everyPrimitiveLocal(Integer.MAX_VALUE, Long.MAX_VALUE - 1, -0.0, Float.NaN, true,
                        '\uffff', Byte.MIN_VALUE, Short.MAX_VALUE)));
    }

    @Test
    void exactBitsOfFloatingPointSurvive() {
        float nanWithPayload = Float.intBitsToFloat(0x7fc00001);
        double tiny = Double.MIN_VALUE;
        String r = run(everyPrimitiveLocal(0, Long.MIN_VALUE, tiny, nanWithPayload, false, 'a', (byte) 0, (short) 0));
        assertEquals("0,-9223372036854775808,4.9E-324,NaN,false,a,0,0|0,-9223372036854775807,0.0,NaN,true,b,-1,1|1,-9223372036854775806", r);
    }

    @Async
    Coroutine<Object[]> references(Object o) {
        int[] ints = {1, 2, 3};
        long[][] longs = {{1L}, {2L, 3L}};
        String[] strings = {"a", null};
        Object nothing = null;
        String str = "str";
        ShapeValuesTest self = this;
        Runnable r = () -> events.add("ran " + str);
        await(later(0));
        ints[1] = await(later(20));
        longs[1][1] = await(result(30L));
        strings[1] = await(later("b"));
        await(sleep(0.1));
        r.run();
        return result(new Object[] {o, ints, longs, strings, nothing, str, self, this, tag});
    }

    @Test
    void referencesArraysNullThisAndStrings() {
        Object o = new Object();
        Object[] r = run(references(o));
        assertSame(o, r[0]);
        assertEquals("[1, 20, 3]", Arrays.toString((int[]) r[1]));
        assertEquals("[[1], [2, 30]]", Arrays.deepToString((long[][]) r[2]));
        assertEquals("[a, b]", Arrays.toString((String[]) r[3]));
        assertEquals(null, r[4]);
        assertEquals("str", r[5]);
        assertSame(this, r[6]);
        assertSame(this, r[7]);
        assertEquals("T", r[8]);
        assertEquals(List.of("ran str"), events);
    }

    @Async
    Coroutine<String> nullInManyPlaces(String maybe) {
        String a = null;
        Object b = maybe;
        int[] c = null;
        await(later(1));
        String s = String.valueOf(a) + b + Arrays.toString(c);
        Object d = null;
        await(sleep(0));
        return result(s + d + await(later(null)));
    }

    @Test
    void nullLocalsAndNullResults() {
        assertEquals("nullnullnullnullnull", run(nullInManyPlaces(null)));
        assertEquals("nullxnullnullnull", run(nullInManyPlaces("x")));
    }

    @Async
    Coroutine<String> capturedLambdas(int n, long big, double ratio) {
        char c = 'q';
        boolean flag = true;
        String word = "w";
        IntSupplier counter = () -> n + c;
        Supplier<String> all = () -> word + n + big + ratio + c + flag + tag;
        await(later(0));
        await(sleep(0.1));
        int x = counter.getAsInt();
        String s = all.get();
        await(now(0));
        return result(x + ":" + s + ":" + all.get());
    }

    @Test
    void lambdasCreatedBeforeAndCalledAfterAwaits() {
        assertEquals((3 + 'q') + ":w3123456789000.25qtrueT:w3123456789000.25qtrueT", run(capturedLambdas(3, 12345678900L, 0.25)));
    }

    @Async
    Coroutine<String> wideOnTheStack(long a, double b) {
        // long and double operands below the awaitable, and a mix of sizes
        long x = a * await(later(3L)) + await(now(1L));
        double y = b - await(later(0.5)) * await(later(2.0));
        long z = a + (long) (b * await(later(10))) + (x - await(later(x)));
        double w = (double) await(later(7)) / await(later(2L)) + a + b;
        float f = 1.5f * await(later(2f)) + await(now(0.25f));
        return result(x + " " + y + " " + z + " " + w + " " + f);
    }

    @Test
    void longAndDoubleAsStackEntries() {
        assertEquals("3000000000001 -0.5 1000000000005 1.000000000004E12 3.25", run(wideOnTheStack(1_000_000_000_000L, 0.5)));
    }

    @Async
    Coroutine<String> mergedTypes(boolean sb) {
        // the verifier's type here is the common superclass AbstractStringBuilder, which is
        // package-private in java.lang: restoring it must not cast to an inaccessible class
        CharSequence text = sb ? new StringBuilder("builder") : new StringBuffer("buffer");
        Number num = sb ? Integer.valueOf(1) : Long.valueOf(2);
        await(later(0));
        return result(text + "/" + num + "/" + text.length());
    }

    @Test
    void valuesWhoseMergedTypeIsInaccessible() {
        assertEquals("builder/1/7", run(mergedTypes(true)));
        assertEquals("buffer/2/6", run(mergedTypes(false)));
    }

    @Async
    Coroutine<String> inaccessibleDeclaredType() {
        // a package-private class of another package, as a local and as a stack entry
        Object hidden = io.github.jawait.tests.shapes.other.Api.make("h");
        await(later(0));
        String s = java.util.Objects.toString(io.github.jawait.tests.shapes.other.Api.make("s"), await(later("!")));
        return result(hidden + s);
    }

    @Test
    void valuesOfAClassTheOwnerCannotName() {
        assertEquals("Hidden(h)Hidden(s)", run(inaccessibleDeclaredType()));
    }

    @Async
    Coroutine<String> mergedArrayTypes(boolean nested) {
        // the common type of String[][] and Integer[] is Object[], not Object
        Object[] arr = nested ? new String[][] {{"a", "b"}} : new Integer[] {7};
        Object first = arr[0];
        await(later(0));
        Object firstAgain = arr[0];
        await(sleep(0.1));
        return result(arr.length + ":" + (first instanceof String[] s ? String.join("", s) : first) + ":" + (first == firstAgain));
    }

    @Test
    void valuesWhoseMergedTypeIsAnArrayOfDifferentDimensions() {
        assertEquals("1:ab:true", run(mergedArrayTypes(true)));
        assertEquals("1:7:true", run(mergedArrayTypes(false)));
    }

    @Async
    Coroutine<Integer> holdsBigValues(boolean fail) {
        byte[] big = new byte[1 << 20];
        String name = "kept";
        await(later(0)); // big and name are saved in the frame here
        int n = big.length + name.length();
        await(sleep(0.1));
        if (fail) {
            throw new IllegalStateException("failed with " + n);
        }
        return result(n);
    }

    @Test
    void savedValuesAreReleasedWhenTheCoroutineFinishes() {
        for (boolean fail : new boolean[] {false, true}) {
            Coroutine<Integer> c = holdsBigValues(fail);
            io.github.jawait.core.CoroutineFrame<?> frame = (io.github.jawait.core.CoroutineFrame<?>) c;
            try {
                assertEquals((1 << 20) + 4, run(c));
            } catch (IllegalStateException e) {
                assertEquals("failed with " + ((1 << 20) + 4), e.getMessage());
            }
            // a finished coroutine (still reachable from its task or caller) keeps nothing alive
            assertEquals(List.of(), Arrays.stream(FrameSlots.refs(frame)).filter(java.util.Objects::nonNull).toList(), "fail=" + fail);
        }
    }

    @Async
    Coroutine<Integer> manyLocals() {
        int a0 = 0, a1 = 1, a2 = 2, a3 = 3, a4 = 4, a5 = 5, a6 = 6, a7 = 7, a8 = 8, a9 = 9;
        long b0 = 10, b1 = 11, b2 = 12, b3 = 13;
        double c0 = 14, c1 = 15, c2 = 16;
        String d0 = "17", d1 = "18";
        await(later(0));
        int t = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9;
        await(later(0));
        return result((int) (t + b0 + b1 + b2 + b3 + c0 + c1 + c2) + Integer.parseInt(d0) + Integer.parseInt(d1));
    }

    @Test
    void manyLiveLocals() {
        assertEquals(45 + 46 + 45 + 35, run(manyLocals()));
    }
}
