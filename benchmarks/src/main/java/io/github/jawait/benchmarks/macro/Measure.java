package io.github.jawait.benchmarks.macro;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Heap, RSS, allocation and timing helpers of the macro harness. */
final class Measure {
    private Measure() {
    }

    /** Used heap after full GCs, repeated until it stops shrinking (MemoryMXBean). */
    static long heapAfterGc() {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (used >= best - 4096) {
                return Math.min(best, used);
            }
            best = used;
        }
        return best;
    }

    /** A field of /proc/self/status in kB (VmHWM = peak RSS, VmRSS = current RSS), or -1. */
    static long procStatusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no RSS figures
        }
        return -1;
    }

    /** Bytes allocated so far by the calling (platform) thread, or -1 where unsupported. */
    static long allocatedBytes() {
        return allocatedBytes(Thread.currentThread().getId());
    }

    static long allocatedBytes(long threadId) {
        var bean = ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()) {
            return sun.getThreadAllocatedBytes(threadId);
        }
        return -1;
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
