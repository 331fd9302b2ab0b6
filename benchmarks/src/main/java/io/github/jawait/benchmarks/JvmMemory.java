package io.github.jawait.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the JVM and the OS say about this process's memory, measured the same way by every
 * harness (the macro benchmarks and the echo servers' control channel), so that their figures
 * compare.
 */
public final class JvmMemory {
    private JvmMemory() {
    }

    /** Used heap after full GCs, repeated until it stops shrinking (MemoryMXBean). */
    public static long heapAfterGc() {
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
    public static long procStatusKb(String field) {
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

    /** Bytes allocated so far by one (platform) thread, or -1 where unsupported. */
    public static long allocatedBytes(long threadId) {
        var bean = ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()) {
            return sun.getThreadAllocatedBytes(threadId);
        }
        return -1;
    }

    /** Bytes allocated so far by the live threads (HotSpot's per-thread counters), or -1. */
    public static long allocatedBytesOfLiveThreads() {
        var bean = ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean sun) || !sun.isThreadAllocatedMemorySupported()) {
            return -1;
        }
        long sum = 0;
        for (long b : sun.getThreadAllocatedBytes(bean.getAllThreadIds())) {
            sum += Math.max(0, b);
        }
        return sum;
    }
}
