package io.github.jawait.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The fuzz run's scratch directory: one {@code jawait-fuzz*} directory per JVM under
 * {@code java.io.tmpdir}, holding each {@link Compilers}' sources while they compile and the
 * programs' compiled library; deleted with everything in it when the JVM exits.
 * {@code File.deleteOnExit} cannot do this: it deletes a directory only if it is empty, so every
 * run used to leave its directories behind. Nothing a failure report prints points in here: the
 * report has the program's text, and compiler messages name sources relative to this directory.
 */
final class FuzzScratch {
    private static Path root;

    private FuzzScratch() {
    }

    /** The scratch directory of this JVM, created on first use. */
    static synchronized Path root() {
        if (root == null) {
            try {
                root = Files.createTempDirectory("jawait-fuzz");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path r = root;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(r), "jawait-fuzz-scratch"));
        }
        return root;
    }

    /** Deletes {@code dir} and everything in it. */
    static void deleteTree(Path dir) {
        deleteBelow(dir);
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes everything in {@code dir}, keeping {@code dir}. */
    static void deleteBelow(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> below;
        try (Stream<Path> all = Files.walk(dir)) {
            below = all.filter(p -> !p.equals(dir)).sorted(Comparator.reverseOrder()).toList(); // children first
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path p : below) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
