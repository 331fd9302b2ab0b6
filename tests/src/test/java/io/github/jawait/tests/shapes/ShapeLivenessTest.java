package io.github.jawait.tests.shapes;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.tests.shapes.Aw.failLater;
import static io.github.jawait.tests.shapes.Aw.later;
import static io.github.jawait.tests.shapes.Aw.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.core.ArrayFrame;
import io.github.jawait.core.CoroutineFrame;
import io.github.jawait.core.InlineFrames;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Only values live after an await are saved in the frame: a dead local, parameter or
 * {@code this} is neither kept in the frame's slots nor kept reachable while the coroutine is
 * suspended, and live values come back intact. Each test looks at the suspended frame from
 * another task (its slots through {@link FrameSlots}, and whether a dead object can be
 * collected).
 */
class ShapeLivenessTest {
    static final int BIG = 1 << 20;
    String tag = "T"; // not a constant: reading it reads this

    /** Runs {@code c} as a task; at virtual time {@code at}, while it is suspended, probes its frame. */
    @Async
    static <T> Coroutine<T> probing(Coroutine<T> c, double at, Consumer<CoroutineFrame<?>> probe) {
        Task<T> task = createTask(c);
        await(sleep(at));
        CoroutineFrame<?> frame = (CoroutineFrame<?>) c;
        assertTrue(frame.toString().contains("suspended"), frame::toString);
        probe.accept(frame);
        return result(await(task));
    }

    /** Whether the referent goes away: GC is a hint, so ask up to 50 times. */
    static boolean collectable(WeakReference<?> ref) {
        List<byte[]> garbage = new ArrayList<>();
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            garbage.add(new byte[1 << 12]);
        }
        return ref.get() == null;
    }

    static List<Object> nonNull(Object[] refs) {
        return Arrays.stream(refs).filter(java.util.Objects::nonNull).toList();
    }

    // ---- a dead local is not saved, a live one is ----

    @Async
    static Coroutine<String> deadAndLiveLocals(List<WeakReference<Object>> refs) {
        Object dead = new byte[BIG];
        Object live = new byte[BIG + 1];
        refs.add(new WeakReference<>(dead));
        refs.add(new WeakReference<>(live));
        String kept = "dead had " + ((byte[]) dead).length;
        await(sleep(1.0)); // dead is never read again
        return result(kept + ", live has " + ((byte[]) live).length);
    }

    @Test
    void aDeadLocalIsCollectableWhileSuspendedAndALiveOneSurvives() {
        List<WeakReference<Object>> refs = new ArrayList<>();
        boolean[] probed = {false};
        String r = run(probing(deadAndLiveLocals(refs), 0.5, frame -> {
            assertEquals(2, FrameSlots.refs(frame).length, "live and kept, not dead");
            assertSame(refs.get(1).get(), FrameSlots.refs(frame)[0]);
            assertEquals("dead had " + BIG, FrameSlots.refs(frame)[1]);
            assertTrue(collectable(refs.get(0)), "the dead local's object was kept reachable");
            assertNotNull(refs.get(1).get());
            probed[0] = true;
        }));
        assertTrue(probed[0]);
        assertEquals("dead had " + BIG + ", live has " + (BIG + 1), r);
    }

    // ---- parameters dead at the first await: the frame keeps neither ----

    @Async
    static Coroutine<Void> sleeper(double seconds, Object payload) {
        await(sleep(seconds));
        return done();
    }

    @Test
    void parametersDeadAtTheFirstAwaitAreNotKept() {
        Coroutine<Void> c = sleeper(1.0, new byte[BIG]);
        assertEquals(InlineFrames.R2P1.class, c.getClass(), "one reference and one primitive: an inline shape");
        assertArrayEquals(new long[] {Double.doubleToRawLongBits(1.0)}, FrameSlots.prims(c),
                "the factory passes the argument through the frame");
        WeakReference<Object> payload = new WeakReference<>(FrameSlots.refs(c)[0]);
        assertNotNull(payload.get());
        boolean[] probed = {false};
        run(probing(c, 0.5, frame -> {
            assertEquals(Arrays.asList(null, null), Arrays.asList(FrameSlots.refs(frame)));
            assertTrue(collectable(payload), "the dead argument was kept reachable");
            probed[0] = true;
        }));
        assertTrue(probed[0]);
        assertEquals(Arrays.asList(null, null), Arrays.asList(FrameSlots.refs(c))); // and after it finished
    }

    @Async
    static Coroutine<Void> manySleeper(double seconds, Object a, Object b, Object c, Object d, Object payload) {
        await(sleep(seconds));
        return done();
    }

    @Test
    void argumentArraysDeadAtTheFirstAwaitAreDropped() {
        Coroutine<Void> c = manySleeper(1.0, "a", "b", "c", "d", new byte[BIG]);
        assertEquals(ArrayFrame.class, c.getClass(), "five references: past the inline bound");
        ArrayFrame<?> created = (ArrayFrame<?>) c;
        assertEquals(1, created.prims.length, "the factory passes the argument through the frame");
        assertEquals(5, created.refs.length);
        WeakReference<Object> payload = new WeakReference<>(created.refs[4]);
        boolean[] probed = {false};
        run(probing(c, 0.5, frame -> {
            assertEquals(0, ((ArrayFrame<?>) frame).prims.length);
            assertEquals(0, ((ArrayFrame<?>) frame).refs.length);
            assertTrue(collectable(payload), "the dead argument was kept reachable");
            probed[0] = true;
        }));
        assertTrue(probed[0]);
        assertEquals(0, created.refs.length); // and after it finished
    }

    @Async
    static Coroutine<Integer> deadArgumentBesideALiveOne(Object bigArg, String name) {
        int n = ((byte[]) bigArg).length; // bigArg is dead from here
        await(sleep(1.0));
        return result(n + name.length());
    }

    @Test
    void aDeadArgumentIsClearedFromAnArrayThatStays() {
        Coroutine<Integer> c = deadArgumentBesideALiveOne(new byte[BIG], "name");
        WeakReference<Object> arg = new WeakReference<>(FrameSlots.refs(c)[0]);
        int r = run(probing(c, 0.5, frame -> {
            assertEquals(List.of("name"), nonNull(FrameSlots.refs(frame)));
            assertArrayEquals(new long[] {BIG}, FrameSlots.prims(frame));
            assertTrue(collectable(arg), "the dead argument was kept reachable");
        }));
        assertEquals(BIG + 4, r);
    }

    @Async
    static Coroutine<Integer> deadAfterTheFirstAwait(List<WeakReference<Object>> refs) {
        String a = "a";
        Object big = new byte[BIG];
        refs.add(new WeakReference<>(big));
        await(sleep(0.1)); // big is saved here (slot 1, after a) ...
        int n = ((byte[]) big).length;
        await(sleep(1.0)); // ... and dead here: its old slot is cleared
        return result(n + a.length());
    }

    @Test
    void aValueSavedAtAnEarlierAwaitIsNotKeptAtALaterOne() {
        List<WeakReference<Object>> refs = new ArrayList<>();
        int r = run(probing(deadAfterTheFirstAwait(refs), 0.5, frame -> {
            assertTrue(frame.toString().contains("await 2"), frame::toString);
            assertEquals(List.of("a"), nonNull(FrameSlots.refs(frame)));
            assertTrue(collectable(refs.get(0)), "a value saved at await 1 was kept at await 2");
        }));
        assertEquals(BIG + 1, r);
    }

    // ---- this ----

    @Async
    Coroutine<String> thisDeadAfterItsLastUse() {
        String t = tag;
        await(sleep(1.0));
        return result(t);
    }

    @Async
    Coroutine<String> thisLiveAfterTheAwait() {
        await(sleep(1.0));
        return result(tag);
    }

    @Test
    void thisIsSavedOnlyWhileItIsUsed() {
        assertEquals("T", run(probing(thisDeadAfterItsLastUse(), 0.5,
                frame -> assertEquals(List.of("T"), nonNull(FrameSlots.refs(frame))))));
        assertEquals("T", run(probing(thisLiveAfterTheAwait(), 0.5,
                frame -> assertEquals(List.of(this), nonNull(FrameSlots.refs(frame))))));
    }

    // ---- loops ----

    @Async
    static Coroutine<String> loop(int n, List<WeakReference<Object>> refs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Object junk = new byte[BIG];
            refs.add(new WeakReference<>(junk));
            sb.append(((byte[]) junk).length == BIG ? i : -1);
            await(sleep(1.0)); // junk is dead, sb, i and n are live
        }
        return result(sb.toString());
    }

    @Test
    void inALoopOnlyWhatTheNextTurnsReadIsSaved() {
        List<WeakReference<Object>> refs = new ArrayList<>();
        String r = run(probing(loop(3, refs), 1.5, frame -> {
            assertEquals(2, FrameSlots.refs(frame).length); // the refs list and sb, not junk
            assertSame(refs, FrameSlots.refs(frame)[0]);
            assertEquals("01", FrameSlots.refs(frame)[1].toString());
            assertArrayEquals(new long[] {3, 1}, FrameSlots.prims(frame)); // n, i
            assertTrue(collectable(refs.get(1)), "the dead loop local was kept reachable");
        }));
        assertEquals("012", r);
    }

    // ---- try/catch: what the handler reads is live at the await ----

    @Async
    static Coroutine<String> handlerReadsALocal(boolean fail, List<WeakReference<Object>> refs) {
        String note = "before";
        Object big = new byte[BIG];
        refs.add(new WeakReference<>(big));
        int len = ((byte[]) big).length;
        try {
            note = "inside";
            String v = await(fail ? failLater(new IllegalStateException("boom")) : later("ok"));
            note = "after " + v;
        } catch (IllegalStateException e) {
            return result(note + ":" + e.getMessage() + ":" + len);
        }
        return result(note + ":" + len);
    }

    @Test
    void aLocalTheHandlerReadsIsSavedAndRestored() {
        for (boolean fail : new boolean[] {true, false}) {
            List<WeakReference<Object>> refs = new ArrayList<>();
            String r = run(probing(handlerReadsALocal(fail, refs), 0.05, frame -> {
                assertTrue(nonNull(FrameSlots.refs(frame)).contains("inside"), () -> nonNull(FrameSlots.refs(frame)).toString());
                assertTrue(collectable(refs.get(0)), "big was kept reachable");
            }));
            assertEquals(fail ? "inside:boom:" + BIG : "after ok:" + BIG, r);
        }
    }

    // ---- long and double ----

    @Async
    static Coroutine<String> wide(long a, double b) {
        long l = a * 2;
        double d = b / 2;
        long deadLong = a + 1;
        double deadDouble = b + 1;
        String s = deadLong + "/" + deadDouble;
        await(sleep(1.0));
        return result(l + "," + d + "," + s);
    }

    @Test
    void onlyLiveLongsAndDoublesAreSaved() {
        String r = run(probing(wide(Long.MAX_VALUE / 4, -0.5), 0.5, frame -> {
            assertArrayEquals(new long[] {Long.MAX_VALUE / 4 * 2, Double.doubleToRawLongBits(-0.25)}, FrameSlots.prims(frame));
            assertEquals(List.of((Long.MAX_VALUE / 4 + 1) + "/0.5"), nonNull(FrameSlots.refs(frame)));
        }));
        assertEquals((Long.MAX_VALUE / 4 * 2) + ",-0.25," + (Long.MAX_VALUE / 4 + 1) + "/0.5", r);
    }
}
