package io.github.jawait.tests.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.agent.ClassRewriter;
import io.github.jawait.agent.Verification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Re-runs the transformer on every test class and checks each rewritten class with ASM's full
 * data-flow verifier (types resolved through the test class loader).
 */
class ShapeVerificationTest {

    @Test
    void everyRewrittenTestClassPassesFullVerification() throws IOException {
        Path root = Path.of("target/test-classes");
        ClassLoader loader = ShapeVerificationTest.class.getClassLoader();
        List<Path> classes;
        try (Stream<Path> files = Files.walk(root)) {
            classes = files.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        Map<String, String> problems = new TreeMap<>();
        Map<String, List<String>> refusals = new TreeMap<>();
        List<String> rewritten = new ArrayList<>();
        for (Path p : classes) {
            String name = root.relativize(p).toString().replace(java.io.File.separatorChar, '/');
            ClassRewriter.Result r = new ClassRewriter().rewrite(Files.readAllBytes(p), loader);
            if (!r.refusals().isEmpty()) {
                refusals.put(name, r.refusals());
            }
            if (r.bytes() == null) {
                continue;
            }
            rewritten.add(name);
            String report = Verification.checkWithTypes(r.bytes(), loader);
            if (!report.isEmpty()) {
                problems.put(name, report);
            }
            String structure = Verification.checkStructure(r.bytes());
            if (!structure.isEmpty()) {
                problems.merge(name, structure, String::concat);
            }
        }
        assertTrue(rewritten.size() >= 20, "rewrote only " + rewritten);
        assertTrue(rewritten.contains("io/github/jawait/tests/shapes/ShapeExpressionsTest.class"), rewritten::toString);
        assertEquals(Map.of(), problems);
        // only the deliberate misuse is refused, and the method too large to rewrite
        assertEquals(1, refusals.remove("io/github/jawait/tests/shapes/ShapeLargeMethodTest.class").size());
        for (String cls : refusals.keySet()) {
            assertTrue(cls.startsWith("io/github/jawait/tests/shapes/Misuse"), () -> "unexpected refusal: " + refusals);
        }
        assertEquals(List.of("MisuseAwaitInSynchronized", "MisuseAwaitMethodReference", "MisuseAwaitOutsideAsync",
                        "MisuseDirectCall", "MisuseSynchronizedMethod", "MisuseUnnameableType", "MisuseWrongReturnType"),
                refusals.keySet().stream().map(s -> s.substring(s.lastIndexOf('/') + 1, s.length() - 6)).toList());
        assertEquals(2, refusals.get("io/github/jawait/tests/shapes/MisuseAwaitOutsideAsync.class").size());
        assertEquals(2, refusals.get("io/github/jawait/tests/shapes/MisuseWrongReturnType.class").size());
        assertEquals(2, refusals.get("io/github/jawait/tests/shapes/MisuseAwaitInSynchronized.class").size());
        assertEquals(1, refusals.get("io/github/jawait/tests/shapes/MisuseDirectCall.class").size());
    }
}
