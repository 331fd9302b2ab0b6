package io.github.jawait.tests.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.agent.ClassRewriter;
import io.github.jawait.agent.Verification;
import java.io.InputStream;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Classes compiled for the running JDK (21 and newer): pattern-matching switches with guards,
 * record patterns and {@code case null}, with awaits in guards, arms and patterns. The source
 * is compiled at test time with {@code --release <running JDK>}; the class is loaded through
 * the agent like any other. Skipped on JDKs older than 21.
 */
class ShapeModernJavaTest {

    @Test
    void patternSwitchesCompiledForTheRunningJdk(@TempDir Path dir) throws Exception {
        int feature = Runtime.version().feature();
        assumeTrue(feature >= 21, "pattern switches need JDK 21+");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assumeTrue(javac != null, "no compiler in this JDK");
        Path src = dir.resolve("src/modern/Modern.java");
        Files.createDirectories(src.getParent());
        try (InputStream in = ShapeModernJavaTest.class.getResourceAsStream("/shapes/Modern.java.txt")) {
            Files.writeString(src, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        Path out = dir.resolve("out");
        String cp = location(Async.class) + java.io.File.pathSeparator + location(Asyncio.class);
        int rc = javac.run(null, null, null, "--release", String.valueOf(feature), "-g", "-cp", cp,
                "-d", out.toString(), src.toString());
        assertEquals(0, rc, "javac failed");

        try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {out.toUri().toURL()},
                ShapeModernJavaTest.class.getClassLoader())) {
            Class<?> modern = loader.loadClass("modern.Modern");
            Coroutine<?> all = (Coroutine<?>) modern.getMethod("all").invoke(null);
            assertEquals("big circle 20; circle; square 3; squarish 3!; rect 8; str 30; int>5; other; null -1",
                    Aw.run(all));

            List<Path> classes;
            try (var files = Files.walk(out)) {
                classes = files.filter(p -> p.toString().endsWith(".class")).toList();
            }
            int rewritten = 0;
            for (Path p : classes) {
                byte[] bytes = new ClassRewriter().rewrite(Files.readAllBytes(p), loader).bytes();
                if (bytes != null) {
                    rewritten++;
                    assertEquals("", Verification.checkWithTypes(bytes, loader), p.toString());
                }
            }
            assertEquals(1, rewritten);
        }
    }

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
