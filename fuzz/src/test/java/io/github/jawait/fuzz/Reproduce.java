package io.github.jawait.fuzz;

import io.github.jawait.fuzz.Harness.Outcome;
import io.github.jawait.fuzz.Harness.Status;
import io.github.jawait.fuzz.Src.Program;
import java.util.Arrays;

/** What makes two failures "the same" for the minimizer, and the minimization of one failing program. */
final class Reproduce {
    private Reproduce() {
    }

    /** The kind of a failure without the program-specific details (names, numbers, lines). */
    static String signature(Outcome o) {
        return switch (o.status()) {
            case MISMATCH, TIMEOUT, PASS -> o.status().name();
            default -> o.status() + ": " + lineSignature(firstLine(o.detail()));
        };
    }

    static String lineSignature(String line) {
        return line.replaceAll("fuzz\\.(real|ref)\\.Prog\\.\\S+ \\([^)]*\\): ", "")
                .replaceAll("\\S+\\.java:\\d+:", "") // the source and line of a compiler message
                .replaceAll("\\d+", "#");
    }

    private static String firstLine(String s) {
        for (String l : s.split("\n")) {
            if (!l.endsWith("rejected the program:")) {
                return l.trim();
            }
        }
        return "";
    }

    /** Whether {@code o} is the failure {@code signature} (for refusals: any of its refused methods). */
    static boolean same(Outcome o, String signature) {
        if (o.status() == Status.REFUSED || o.status() == Status.COMPILE_ERROR) {
            return Arrays.stream(o.detail().split("\n"))
                    .anyMatch(l -> (o.status() + ": " + lineSignature(l.trim())).equals(signature));
        }
        return signature(o).equals(signature);
    }

    /** A minimized program, and whether the time budget stopped the minimizer early. */
    record Minimized(Program program, int tries, boolean outOfTime) {
    }

    /**
     * Minimizes {@code p} with at most {@code maxTries} candidate runs, starting none after
     * {@code deadline} ({@code System.nanoTime()}); a timing-out program costs a whole
     * {@code fuzz.timeout} per candidate, so the deadline is what keeps a failing CI job finite.
     */
    static Minimized minimize(Program p, Variant v, Outcome failure, int maxTries, long deadline) {
        String sig = signature(failure);
        Minimizer m = new Minimizer(src -> same(Harness.run(src, v), sig), maxTries, deadline);
        Program min = m.minimize(p);
        return new Minimized(min, m.tries(), m.outOfTime());
    }
}
