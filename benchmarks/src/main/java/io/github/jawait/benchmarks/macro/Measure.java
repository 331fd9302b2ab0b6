package io.github.jawait.benchmarks.macro;

import java.util.Arrays;

/** The macro harness's statistics and result lines (memory figures: {@link io.github.jawait.benchmarks.JvmMemory}). */
final class Measure {
    private Measure() {
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** One result line, read by benchmarks/summarize.py: RESULT, metric, value. */
    static void report(String metric, double value) {
        System.out.printf(java.util.Locale.ROOT, "RESULT\t%s\t%.4f%n", metric, value);
        System.out.flush();
    }
}
