package io.github.jawait.benchmarks.macro;

import java.lang.management.ManagementFactory;

/**
 * Diagnosis, not a contest: the sleep scenario's 1M round, repeated in one JVM, so that a
 * profiler can record the steady state (e.g. {@code perf record -D 9000}, see
 * docs/benchmarks.md). Prints per round the wall time, the loop thread's and the process's CPU
 * per task and the bytes the loop thread allocated per task.
 *
 * <pre>{@code java [-javaagent:...] -cp jawait-benchmarks.jar io.github.jawait.benchmarks.macro.ProfSleep jawait|floor ROUNDS}</pre>
 */
public final class ProfSleep {
    private ProfSleep() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !(args[0].equals("jawait") || args[0].equals("floor"))) {
            System.err.println("usage: ProfSleep jawait|floor ROUNDS");
            System.exit(2);
        }
        Contender c = args[0].equals("floor") ? new FloorContender(false) : new JawaitContender();
        int rounds = Integer.parseInt(args[1]);
        int n = 1_000_000;
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long id = Thread.currentThread().getId();
        for (int r = 0; r < rounds; r++) {
            long p0 = os.getProcessCpuTime();
            long c0 = threads.getCurrentThreadCpuTime();
            long a0 = threads.getThreadAllocatedBytes(id);
            long wall = c.sleepers(n, 1.0, null);
            long a1 = threads.getThreadAllocatedBytes(id);
            long c1 = threads.getCurrentThreadCpuTime();
            long p1 = os.getProcessCpuTime();
            System.out.printf("round %d wall %.2f s loop cpu %.0f ns/task process cpu %.0f ns/task alloc %.1f B/task%n",
                    r, wall / 1e9, (c1 - c0) / (double) n, (p1 - p0) / (double) n, (a1 - a0) / (double) n);
        }
    }
}
