package io.github.jawait.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.fuzz.Harness.Outcome;
import io.github.jawait.fuzz.Harness.Status;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Programs found by the fuzzer, minimized, in {@code src/test/resources/regressions/}: each must
 * behave as plain Java in all four compiler×debug variants. Tests of bugs that are not fixed yet
 * are disabled with the bug's description (and listed in {@link KnownBugs}).
 */
class RegressionTest {

    @Test
    void awaitedConstructorThenConstructor() {
        assertBehavesAsPlainJava("awaited-constructor-then-constructor.java");
    }

    @Test
    void twoConstructorCallsWithAwaitedArguments() {
        assertBehavesAsPlainJava("two-awaited-constructors.java");
    }

    @Test
    void awaitedConstructorInFinally() {
        assertBehavesAsPlainJava("awaited-constructor-in-finally.java");
    }

    @Test
    void nestedConstructorCallsWithAwaitedArguments() {
        assertBehavesAsPlainJava("nested-awaited-constructors.java");
    }

    @Test
    void ecjConstructorCallWhoseValueIsDiscarded() {
        assertBehavesAsPlainJava("ecj-discarded-awaited-constructor.java");
    }

    @Test
    void awaitAfterAndInTheCatchOfATryAroundSynchronized() {
        assertBehavesAsPlainJava("synchronized-then-await.java");
    }

    @Test
    void newInitializesItsClassBeforeTheAwaitedArguments() {
        assertBehavesAsPlainJava("new-with-static-initializer.java");
    }

    @Test
    void explicitCloseRunsAsWrittenAndBridgesAreLeftAlone() {
        assertBehavesAsPlainJava("explicit-close-and-bridges.java");
    }

    /** Issue 14 bug 3, now also in the grammar (GeneratorGrammar); the reference runs the generators lazily. */
    @Test
    void generatorsImplementingAGenericInterfaceCalledThroughIt() {
        assertBehavesAsPlainJava("generator-through-interface.java");
    }

    /**
     * CI's first 10,000-program run (seed 7047, JDK 17): ECJ 3.42 writes a stack map the verifier
     * rejects for this program as plain Java, before jawait sees it (with -g:none, where CI found
     * it, and with -g once minimized). Such a program tests nothing and is counted as the
     * compiler's fault, never as a transformer mismatch; the javac variants must pass it.
     */
    @Test
    void unverifiableCompilerOutputIsTheCompilersFaultNotAMismatch() {
        String src = resource("/regressions/ecj-unverifiable-conditional-new.java");
        for (Variant v : Variant.values()) {
            Outcome o = Harness.run(src, v);
            if ((v == Variant.ECJ_G || v == Variant.ECJ_G_NONE) && o.status() != Status.PASS) {
                assertEquals(Status.COMPILER_OUTPUT_INVALID, o.status(), o.detail());
                assertTrue(o.detail().contains("=> throw VerifyError"), o.detail());
                assertFalse(o.status().transformerBug());
            } else {
                assertEquals(Status.PASS, o.status(), v + ": " + o.detail());
            }
        }
    }

    @Test
    void ecjEmptyTryWithResourcesAwaitsCloseAsync() {
        assertBehavesAsPlainJava("ecj-empty-try-with-resources.java");
    }

    /** Issue 17: methods on each side of the inline frame shapes' bound, wide types, stack spills. */
    @Test
    void frameShapesAtTheBounds() {
        assertBehavesAsPlainJava("frame-shapes-at-the-bounds.java");
    }

    @Test
    void largeMethodWithManyLocalsAcrossManyAwaits() {
        assertBehavesAsPlainJava("large-method-many-locals.java");
    }

    /**
     * Many programs compiled by one compiler invocation are still run and judged each on its
     * own, in packages of their own; a batch that does not compile falls back to one program
     * at a time, so the broken program's outcome is its own.
     */
    @Test
    void aBatchJudgesEachProgramOnItsOwn() {
        String good = resource("/regressions/generated-seed-5.java");
        String broken = good.replace("public class Prog {", "public class Prog { int missingSemicolon = 1");
        List<Outcome> outcomes = Harness.runBatch(List.of(good, MISMATCHING, good), Variant.ECJ_G);
        assertEquals(List.of(Status.PASS, Status.MISMATCH, Status.PASS), outcomes.stream().map(Outcome::status).toList(),
                outcomes.toString());
        assertTrue(outcomes.get(1).detail().contains("reference: fuzz.ref.p1.Prog")
                && outcomes.get(1).detail().contains("rewritten: fuzz.real.p1.Prog"), outcomes.get(1).detail());
        List<Outcome> fallback = Harness.runBatch(List.of(good, broken), Variant.JAVAC_G_NONE);
        assertEquals(List.of(Status.PASS, Status.COMPILE_ERROR), fallback.stream().map(Outcome::status).toList(),
                fallback.toString());
    }

    /** A whole generated program (seed 5), as a check that the harness passes what it should. */
    @Test
    void generatedProgram() {
        assertBehavesAsPlainJava("generated-seed-5.java");
    }

    /** Traces its own class name, which differs between the real and the reference program. */
    private static final String MISMATCHING = """
                package fuzz;

                import static fuzz.Lib.*;
                import static io.github.jawait.Asyncio.*;

                import io.github.jawait.Async;
                import io.github.jawait.Coroutine;

                public class Prog {
                    @Async static Coroutine<Integer> entry() throws FuzzException {
                        t("before");
                        await(slow(1, 2));
                        t(Prog.class.getName());
                        return result(1);
                    }
                }
                """;

    /** The comparison is not vacuous: a program whose real and reference runs differ is reported. */
    @Test
    void harnessReportsADifferentTrace() {
        Outcome o = Harness.run(MISMATCHING, Variant.JAVAC_G);
        assertEquals(Status.MISMATCH, o.status(), o.detail());
        assertTrue(o.detail().contains("reference: fuzz.ref.Prog") && o.detail().contains("rewritten: fuzz.real.Prog"),
                o.detail());
    }

    static void assertBehavesAsPlainJava(String name) {
        String src = resource("/regressions/" + name);
        List<String> failures = new ArrayList<>();
        for (Variant v : Variant.values()) {
            Outcome o = Harness.run(src, v);
            if (o.status() != Status.PASS) {
                failures.add(v + ": " + o.status() + "\n" + o.detail());
            }
        }
        assertTrue(failures.isEmpty(), name + " failed:\n" + String.join("\n", failures));
    }

    private static String resource(String path) {
        try (InputStream in = RegressionTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
