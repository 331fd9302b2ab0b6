package io.github.jawait.tests.shapes;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.tests.shapes.Aw.later;
import static io.github.jawait.tests.shapes.Aw.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.core.ArrayFrame;
import io.github.jawait.core.CoroutineFrame;
import io.github.jawait.core.InlineFrames;
import java.lang.reflect.Field;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The frame class the agent picks per method (docs/transformation.md, "Frame shapes"): the
 * base frame when nothing is kept, inline fields up to 4 references and 2 primitives, arrays
 * past that; and values of every type survive a suspension in both kinds of shape.
 */
class FrameShapesTest {

    @Async
    static Coroutine<Void> keepsNothing() {
        return done();
    }

    @Async
    static Coroutine<Void> sleeper(double seconds) {
        await(sleep(seconds));
        return done();
    }

    @Async
    static Coroutine<String> oneRef(String a) {
        await(later(0));
        return result(a);
    }

    @Async
    static Coroutine<String> fourRefs(String a, String b, String c, String d) {
        await(later(0));
        return result(a + b + c + d);
    }

    @Async
    static Coroutine<String> fiveRefs(String a, String b, String c, String d, String e) {
        await(later(0));
        return result(a + b + c + d + e);
    }

    @Async
    static Coroutine<Long> twoLongs(long a, long b) {
        await(later(0));
        return result(a + b);
    }

    @Async
    static Coroutine<Long> threeLongs(long a, long b, long c) {
        await(later(0));
        return result(a + b + c);
    }

    @Async
    Coroutine<Long> instanceWithTwoInts(int a, int b) { // this + 2 primitives
        await(later(0));
        return result((long) a + b + hashCode() * 0L);
    }

    @Test
    void eachMethodGetsTheSmallestShapeThatHoldsItsValues() {
        assertSame(CoroutineFrame.class, keepsNothing().getClass());
        assertSame(InlineFrames.P1.class, sleeper(1.0).getClass());
        assertSame(InlineFrames.R2.class, oneRef("a").getClass(), "references come in pairs");
        assertSame(InlineFrames.R4.class, fourRefs("a", "b", "c", "d").getClass());
        assertSame(ArrayFrame.class, fiveRefs("a", "b", "c", "d", "e").getClass());
        assertSame(InlineFrames.P2.class, twoLongs(1, 2).getClass());
        assertSame(ArrayFrame.class, threeLongs(1, 2, 3).getClass());
        assertSame(InlineFrames.R2P2.class, new FrameShapesTest().instanceWithTwoInts(1, 2).getClass());
    }

    @Test
    void inlineShapesHoldNoArray() {
        for (Class<?> shape : List.of(CoroutineFrame.class, InlineFrames.R2.class, InlineFrames.R4.class,
                InlineFrames.P1.class, InlineFrames.P2.class, InlineFrames.R2P1.class, InlineFrames.R2P2.class,
                InlineFrames.R4P1.class, InlineFrames.R4P2.class)) {
            for (Class<?> c = shape; c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (!java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                        assertFalse(f.getType().isArray(), shape.getName() + " has an array field " + f);
                    }
                }
            }
        }
    }

    @Test
    void shapesAtTheBoundsRunAndKeepTheirValues() {
        assertEquals("a", run(oneRef("a")));
        assertEquals("abcd", run(fourRefs("a", "b", "c", "d")));
        assertEquals("abcde", run(fiveRefs("a", "b", "c", "d", "e")));
        assertEquals(Long.MAX_VALUE, run(twoLongs(Long.MAX_VALUE - 1, 1)));
        assertEquals(Long.MIN_VALUE + 3, run(threeLongs(Long.MIN_VALUE, 1, 2)));
        assertEquals(3L, run(new FrameShapesTest().instanceWithTwoInts(1, 2)));
    }

    @Test
    void theSleeperKeepsItsArgumentInAFieldUntilTheFirstAwait() {
        Coroutine<Void> c = sleeper(2.5);
        assertArrayEquals(new long[] {Double.doubleToRawLongBits(2.5)}, FrameSlots.prims(c));
        run(c);
    }

    // ---- every primitive type across a suspension, in an inline shape (two at a time) ----

    @Async
    static Coroutine<String> everyTypeTwoAtATime(String sep) {
        StringBuilder sb = new StringBuilder();
        boolean z = true;
        byte b = Byte.MIN_VALUE;
        await(later(0));
        sb.append(z).append(sep).append(b).append(sep);
        char c = Character.MAX_VALUE;
        short s = Short.MIN_VALUE;
        await(later(0));
        sb.append((int) c).append(sep).append(s).append(sep);
        int i = Integer.MIN_VALUE;
        float f = -0.0f;
        await(later(0));
        sb.append(i).append(sep).append(Float.floatToRawIntBits(f)).append(sep);
        long l = Long.MIN_VALUE;
        double d = -Double.MIN_VALUE;
        await(later(0));
        sb.append(l).append(sep).append(Double.doubleToRawLongBits(d)).append(sep);
        double onStack = -0.0;
        String last = "" + (onStack + (double) await(later(-0.0))); // a double under the awaitable
        return result(sb.append(last).toString());
    }

    static String expected(String sep) {
        return "true" + sep + Byte.MIN_VALUE + sep + (int) Character.MAX_VALUE + sep + Short.MIN_VALUE + sep
                + Integer.MIN_VALUE + sep + Float.floatToRawIntBits(-0.0f) + sep + Long.MIN_VALUE + sep
                + Double.doubleToRawLongBits(-Double.MIN_VALUE) + sep + "-0.0";
    }

    @Test
    void everyPrimitiveTypeSurvivesInAnInlineShape() {
        Coroutine<String> c = everyTypeTwoAtATime("|");
        assertSame(InlineFrames.R2P2.class, c.getClass());
        assertEquals(expected("|"), run(c));
    }

    // ---- every primitive type across one suspension: past the bound, in arrays ----

    @Async
    static Coroutine<String> everyTypeAtOnce(String sep) {
        boolean z = true;
        byte b = Byte.MIN_VALUE;
        char c = Character.MAX_VALUE;
        short s = Short.MIN_VALUE;
        int i = Integer.MIN_VALUE;
        float f = -0.0f;
        long l = Long.MIN_VALUE;
        double d = -Double.MIN_VALUE;
        double onStack = -0.0;
        String last = "" + (onStack + (double) await(later(-0.0)));
        return result(z + sep + b + sep + (int) c + sep + s + sep + i + sep + Float.floatToRawIntBits(f) + sep + l + sep
                + Double.doubleToRawLongBits(d) + sep + last);
    }

    @Test
    void everyPrimitiveTypeSurvivesInTheArrayShape() {
        Coroutine<String> c = everyTypeAtOnce("|");
        assertSame(ArrayFrame.class, c.getClass());
        assertEquals(expected("|"), run(c));
    }

    @Async
    Coroutine<String> thisAndHeldValues(List<Object> held) {
        Object first = held.get(0);
        await(later(0));
        return result(first + "/" + held.size() + "/" + (this == null));
    }

    @Test
    void aFinishedInlineFrameKeepsNoReference() {
        List<Object> held = List.of("x", "y");
        Coroutine<String> c = new FrameShapesTest().thisAndHeldValues(held);
        assertSame(InlineFrames.R4.class, c.getClass()); // this, held, first (3 -> 4)
        assertEquals("x/2/false", run(c));
        assertEquals(java.util.Arrays.asList(null, null, null, null), java.util.Arrays.asList(FrameSlots.refs(c)));
    }
}
