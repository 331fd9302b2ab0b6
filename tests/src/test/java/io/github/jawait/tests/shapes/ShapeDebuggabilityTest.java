package io.github.jawait.tests.shapes;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.tests.shapes.Aw.later;
import static io.github.jawait.tests.shapes.Aw.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import java.util.Arrays;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Stack traces after a resume show the user's class, method and line. */
class ShapeDebuggabilityTest {
    Throwable marker;

    /** The first element of {@code t}'s trace in this class, whose method starts with {@code method}. */
    private static StackTraceElement userFrame(Throwable t, String method) {
        return Arrays.stream(t.getStackTrace())
                .filter(e -> e.getClassName().equals(ShapeDebuggabilityTest.class.getName()) && e.getMethodName().startsWith(method))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no frame of " + method + " in " + Arrays.toString(t.getStackTrace())));
    }

    private void assertPointsAtMarker(Throwable thrown, String method) {
        assertNotNull(marker, "the marker line ran");
        StackTraceElement expected = marker.getStackTrace()[0];
        StackTraceElement e = userFrame(thrown, method);
        assertEquals(expected.getLineNumber(), e.getLineNumber(), () -> "frame " + e);
        assertTrue(e.getLineNumber() > 0, e::toString);
        assertEquals("ShapeDebuggabilityTest.java", e.getFileName());
        assertTrue(e.getMethodName().equals(method + "$resume") || e.getMethodName().startsWith(method + "$resume$"), e::toString);
    }

    @Async
    Coroutine<Integer> throwsAfterResume(int x) {
        await(sleep(1));
        int y = await(later(x));
        if (y > 0) {
            marker = new Throwable(); throw new IllegalStateException("after resume " + y);
        }
        return result(y);
    }

    @Test
    void exceptionThrownAfterAResumePointsAtTheUsersLine() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(throwsAfterResume(5)));
        assertEquals("after resume 5", e.getMessage());
        assertPointsAtMarker(e, "throwsAfterResume");
    }

    @Async
    Coroutine<Integer> failsInALibraryCall(String s) {
        String t = await(later(s));
        marker = new Throwable(); return result(Integer.parseInt(t));
    }

    @Test
    void exceptionFromACalleeAfterAResumeHasTheUsersFrame() {
        NumberFormatException e = assertThrows(NumberFormatException.class, () -> run(failsInALibraryCall("x1")));
        assertPointsAtMarker(e, "failsInALibraryCall");
    }

    @Async
    Coroutine<Integer> failsAfterSeveralResumesInALoop() {
        int sum = 0;
        for (int i = 0; i < 3; i++) {
            sum += await(later(i));
            try {
                await(sleep(0.5));
            } finally {
                sum++;
            }
        }
        int[] none = new int[sum - 6];
        marker = new Throwable(); return result(none[0]);
    }

    @Test
    void exceptionAfterLoopsAndFinallyCopies() {
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> run(failsAfterSeveralResumesInALoop()));
        ArrayIndexOutOfBoundsException e = assertThrows(ArrayIndexOutOfBoundsException.class,
                () -> run(failsAfterSeveralResumesInALoop()));
        assertPointsAtMarker(e, "failsAfterSeveralResumesInALoop");
    }

    @Async
    Coroutine<String> overloadedFails(int a) {
        await(later(a));
        marker = new Throwable(); throw new UnsupportedOperationException("int overload");
    }

    @Async
    Coroutine<String> overloadedFails(String a) {
        await(later(a));
        marker = new Throwable(); throw new UnsupportedOperationException("String overload");
    }

    @Test
    void overloadsNameTheirOwnResumeMethod() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> run(overloadedFails(1)));
        assertEquals("int overload", e.getMessage());
        assertPointsAtMarker(e, "overloadedFails");
        e = assertThrows(UnsupportedOperationException.class, () -> run(overloadedFails("s")));
        assertEquals("String overload", e.getMessage());
        assertPointsAtMarker(e, "overloadedFails");
    }

    @Test
    void asyncLambdaFramesNameTheLambdaBody() {
        Supplier<Coroutine<Void>> s = () -> {
            await(sleep(1));
            marker = new Throwable(); throw new IllegalArgumentException("lambda");
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(s.get()));
        StackTraceElement expected = marker.getStackTrace()[0];
        assertTrue(expected.getMethodName().startsWith("lambda$asyncLambdaFramesNameTheLambdaBody$"), expected::toString);
        StackTraceElement frame = userFrame(e, "lambda$asyncLambdaFramesNameTheLambdaBody$");
        assertEquals(expected.getLineNumber(), frame.getLineNumber());
        assertTrue(frame.getMethodName().endsWith("$resume"), frame::toString);
    }

    @Async
    Coroutine<String> coroutineName() {
        return result(await(later("x")));
    }

    @Test
    void coroutineToStringNamesTheMethod() {
        assertEquals("<coroutine " + ShapeDebuggabilityTest.class.getName() + ".coroutineName created>", coroutineName().toString());
    }
}
