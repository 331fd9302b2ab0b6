package io.github.jawait.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzz module's files stay in {@link FuzzScratch#root()} and the sources of a compile are
 * gone once it is done: a day of runs used to leave a thousand {@code jawait-fuzz*} directories
 * in {@code /tmp}.
 */
class ScratchFilesTest {
    private static final String GOOD = """
            package fuzz.real;

            public class Prog {
                public static int answer() {
                    return 42;
                }
            }
            """;
    private static final String BROKEN = GOOD.replace("return 42;", "return 42");

    @Test
    void aCompileLeavesNoSourcesBehindWhateverItsOutcome() throws Exception {
        Compilers compilers = new Compilers();
        assertTrue(compilers.sourceDir().startsWith(FuzzScratch.root()), compilers.sourceDir().toString());
        for (Variant v : Variant.values()) {
            assertTrue(compilers.library(v).dir().startsWith(FuzzScratch.root()), compilers.library(v).dir().toString());
            Map<String, byte[]> classes = compilers.compile(v, Map.of("fuzz/real/Prog.java", GOOD));
            assertEquals(List.of("fuzz.real.Prog"), List.copyOf(classes.keySet()));
            assertEquals(List.of(), below(compilers.sourceDir()), v + ": after a compile");

            Compilers.CompileError e = assertThrows(Compilers.CompileError.class,
                    () -> compilers.compile(v, Map.of("fuzz/real/p3/Prog.java", BROKEN)));
            assertEquals(List.of(), below(compilers.sourceDir()), v + ": after a rejected compile");
            // the message names the program's own path, not a file that no longer exists
            assertTrue(e.getMessage().contains("\n  fuzz/real/p3/Prog.java:5: "), e.getMessage());
            assertFalse(e.getMessage().contains(FuzzScratch.root().toString()), e.getMessage());
        }
    }

    @Test
    void aCompilerMessageSignatureIgnoresTheSourceAndLine() {
        assertEquals("COMPILE_ERROR:  ';' expected", "COMPILE_ERROR: "
                + Reproduce.lineSignature("fuzz/real/p3/Prog.java:5: ';' expected"));
        assertEquals(Reproduce.lineSignature("fuzz/ref/Prog.java:17: cannot find symbol"),
                Reproduce.lineSignature("fuzz/real/p12/Prog.java:5: cannot find symbol"));
    }

    @Test
    void deleteTreeDeletesNestedDirectories(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("scratch");
        Files.createDirectories(dir.resolve("fuzz/real/p0"));
        Files.writeString(dir.resolve("fuzz/real/p0/Prog.java"), GOOD);
        Files.writeString(dir.resolve("top.txt"), "x");
        FuzzScratch.deleteBelow(dir);
        assertEquals(List.of(), below(dir));
        Files.createDirectories(dir.resolve("a/b"));
        FuzzScratch.deleteTree(dir);
        assertFalse(Files.exists(dir));
    }

    private static List<Path> below(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> !p.equals(dir)).toList();
        }
    }
}
