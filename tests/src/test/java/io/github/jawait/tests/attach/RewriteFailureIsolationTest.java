package io.github.jawait.tests.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.AsyncTransformError;
import io.github.jawait.Coroutine;
import io.github.jawait.agent.AsyncClassTransformer;
import io.github.jawait.tests.ExpectedRefusals;
import io.github.jawait.tests.TestLoop;
import io.github.jawait.tests.shapes.SourceLines;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, load-time safety: with the agent installed, a class whose rewrite throws inside the
 * transformer (provoked through the agent's test hook) still loads; its plain methods and its
 * static initializer run, its {@code @Async} methods throw the failure, the failure is logged,
 * and the class loaded next is rewritten as usual.
 */
class RewriteFailureIsolationTest {
    /** What both fixtures offer, so the test reaches them without naming them before they load. */
    public interface Probe {
        Coroutine<String> asyncPart();

        String plainPart();
    }

    private static final String FAILING = "io.github.jawait.tests.attach.MisuseFailingRewrite";
    private static final String NEIGHBOUR = "io.github.jawait.tests.attach.RewriteFailureNeighbour";

    @Test
    void aClassWhoseRewriteThrowsStopsNeitherItsPlainMethodsNorOtherClasses() throws Exception {
        ExpectedRefusals.install();
        String internalName = FAILING.replace('.', '/');
        Class<?> failing;
        Class<?> neighbour;
        System.setProperty(AsyncClassTransformer.FAIL_REWRITE_PROPERTY, internalName);
        try {
            failing = Class.forName(FAILING);
            neighbour = Class.forName(NEIGHBOUR);
        } finally {
            System.clearProperty(AsyncClassTransformer.FAIL_REWRITE_PROPERTY);
        }

        Probe broken = (Probe) failing.getConstructor().newInstance();
        assertEquals("plain 1", broken.plainPart(), "the static initializer and plain methods run as compiled");
        AsyncTransformError e = assertThrows(AsyncTransformError.class, broken::asyncPart);
        int line = SourceLines.lineOf(failing, "MARK:failing-first-line");
        String cause = "java.lang.IllegalStateException: rewrite failure provoked by -D"
                + AsyncClassTransformer.FAIL_REWRITE_PROPERTY + "=" + internalName;
        assertEquals(FAILING + ".asyncPart (MisuseFailingRewrite.java:" + line + "): the jawait agent failed to"
                + " rewrite this method (" + cause + "); please report it with the class file", e.getMessage());
        assertTrue(ExpectedRefusals.captured().contains("jawait: internal error while rewriting " + FAILING
                        + "; its @Async methods will throw this error when called"),
                () -> "the failure was not logged: " + ExpectedRefusals.captured());

        Probe fine = (Probe) neighbour.getConstructor().newInstance();
        assertEquals("neighbour plain", fine.plainPart());
        double sleptUntil = Double.parseDouble(TestLoop.run(fine.asyncPart()));
        assertTrue(sleptUntil >= 2.0 && sleptUntil < 2.1, "the neighbour's await ran rewritten: " + sleptUntil);
    }
}
