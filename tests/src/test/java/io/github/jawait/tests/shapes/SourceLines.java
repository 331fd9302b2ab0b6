package io.github.jawait.tests.shapes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the source line of a marker comment, so tests never hard-code line numbers. */
public final class SourceLines {
    private SourceLines() {
    }

    /** The 1-based line of {@code cls}'s source file that contains {@code marker}; exactly one must. */
    public static int lineOf(Class<?> cls, String marker) {
        Class<?> top = cls;
        while (top.getEnclosingClass() != null) {
            top = top.getEnclosingClass();
        }
        Path file = Path.of("src/test/java", top.getName().replace('.', '/') + ".java");
        try {
            List<String> lines = Files.readAllLines(file);
            int found = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(marker)) {
                    if (found > 0) {
                        throw new IllegalStateException(marker + " appears twice in " + file);
                    }
                    found = i + 1;
                }
            }
            if (found < 0) {
                throw new IllegalStateException(marker + " not found in " + file);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
