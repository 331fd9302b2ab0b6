package io.github.jawait.benchmarks.macro;

import io.github.jawait.benchmarks.JvmMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The macro scenarios of issue #6, one scenario per JVM (clean JIT profiles and a clean peak
 * RSS). {@code benchmarks/run.sh} runs this for every contender several times and prints the
 * medians; run it by hand as
 *
 * <pre>
 * java -javaagent:agent/target/jawait-agent-0.1.0-SNAPSHOT.jar \
 *      -cp benchmarks/target/jawait-benchmarks.jar io.github.jawait.benchmarks.macro.Macro \
 *      jawait|vt|cf|kotlin|kotlinDefault|floor|floorShaped  sleep|sleep_mem|yield|handoff|spawn|await|chain|timers|footprint  [--quick]
 * </pre>
 *
 * Every result is a line {@code RESULT <metric> <value>}; per-operation metrics are the
 * median of several measured rounds after warm-up rounds, in ns per operation, with the
 * bytes allocated per operation on the scheduler thread where that can be counted.
 */
public final class Macro {
    public static final int SLEEPERS = 1_000_000;
    public static final int YIELDS = 10_000_000;
    public static final int HANDOFFS = 2_000_000;
    public static final int SPAWNS = 1_000_000;
    public static final int AWAITS = 10_000_000;
    public static final int CHAIN_YIELDS = 1_000_000;
    public static final int[] DEPTHS = {1, 10, 100, 1000};
    public static final int TIMERS = 1_000_000;

    private Macro() {
    }

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(List.of(args));
        boolean quick = rest.remove("--quick");
        if (rest.size() != 2) {
            System.err.println("usage: Macro jawait|vt|cf|kotlin|kotlinDefault|floor|floorShaped sleep|sleep_mem|yield|handoff|spawn|await|chain|timers|footprint [--quick]");
            System.exit(2);
        }
        String impl = rest.get(0);
        String scenario = rest.get(1);
        int div = quick ? 10 : 1;
        Contender c = switch (impl) {
            case "jawait" -> new JawaitContender();
            case "vt" -> new VirtualThreadContender();
            case "cf" -> new FutureContender();
            case "kotlin" -> new KotlinContender(true);
            case "kotlinDefault" -> new KotlinContender(false);
            case "floor" -> new FloorContender(false);
            case "floorShaped" -> new FloorContender(true);
            default -> throw new IllegalArgumentException("unknown contender " + impl);
        };
        Rounds rounds = new Rounds(quick ? 1 : 2, quick ? 1 : 3, c.workThreadId());
        switch (scenario) {
            case "sleep" -> sleep(c, SLEEPERS / div);
            case "sleep_mem" -> sleepMemory(c, SLEEPERS / div);
            case "yield" -> rounds.measure("yield", YIELDS / div, () -> c.yields(YIELDS / div));
            case "handoff" -> {
                rounds.measure("handoff", HANDOFFS / div, () -> c.handoffs(HANDOFFS / div));
                c.handoffExtras(HANDOFFS / div, rounds);
            }
            case "spawn" -> rounds.measure("spawn", SPAWNS / div, () -> c.spawns(SPAWNS / div));
            case "await" -> {
                rounds.measure("await_done", AWAITS / div, () -> c.awaitCompleted(AWAITS / div));
                c.extras(AWAITS / div, rounds);
            }
            case "chain" -> {
                for (int d : DEPTHS) {
                    rounds.measure("chain_d" + d, CHAIN_YIELDS / div, () -> c.chain(d, CHAIN_YIELDS / div));
                }
            }
            case "timers" -> {
                if (c.timersArmCancel(1) < 0) {
                    return; // the contender has no cancellable timer
                }
                rounds.measure("timer", TIMERS / div, () -> c.timersArmCancel(TIMERS / div));
                if (c.timerQueueSize() >= 0) {
                    Measure.report("timer.queue_after", c.timerQueueSize());
                }
                if (c.timersArmAllThenCancel(1) < 0) {
                    return; // no form of a million pending timeouts
                }
                rounds.measure("timer_bulk", TIMERS / div, () -> c.timersArmAllThenCancel(TIMERS / div));
                if (c.timerQueueSize() >= 0) {
                    Measure.report("timer_bulk.queue_after", c.timerQueueSize());
                }
            }
            case "footprint" -> Footprint.report(SLEEPERS / div / 10);
            case "sleep_phases" -> sleepPhases(c, SLEEPERS / div);
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        }
        System.exit(0); // daemon schedulers, the CF delay thread
    }

    /**
     * Wall time of the gathered sleepers (after a small warm-up round) and the peak RSS; for a
     * busy machine also the figures it disturbs least (issue 17): the CPU time of the process
     * (loop, GC and JIT threads) and of the loop thread, and the bytes the loop thread allocated,
     * per task, for contenders that run the loop on the calling thread (jawait, floor).
     */
    private static void sleep(Contender c, int n) throws Exception {
        c.sleepers(n / 10, 0.05, null);
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        boolean onThisThread = c.workThreadId() == Thread.currentThread().getId();
        long p0 = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
        long c0 = threads.getCurrentThreadCpuTime();
        long a0 = JvmMemory.allocatedBytes(Thread.currentThread().getId());
        long wall = c.sleepers(n, 1.0, null);
        long a1 = JvmMemory.allocatedBytes(Thread.currentThread().getId());
        long c1 = threads.getCurrentThreadCpuTime();
        long p1 = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
        Measure.report("sleep.wall_s", wall / 1e9);
        if (p0 >= 0 && p1 >= 0) {
            Measure.report("sleep.process_cpu_s", (p1 - p0) / 1e9);
        }
        if (onThisThread) {
            Measure.report("sleep.loop_cpu_ns_per_task", (c1 - c0) / (double) n);
            if (a0 >= 0 && a1 >= 0) {
                Measure.report("sleep.alloc_B_per_task", (a1 - a0) / (double) n);
            }
        }
        long hwm = JvmMemory.procStatusKb("VmHWM");
        if (hwm >= 0) {
            Measure.report("sleep.peak_rss_MB", hwm / 1024.0);
        }
    }

    /**
     * Diagnosis: where the wall time of the sleep scenario goes. setup = start until every task
     * is parked in its sleep (creating coroutines, tasks, the gather, and the first step of
     * each, which arms its timer); drain = what the run took beyond setup + the 1 s sleep
     * (popping a million timers, resuming the tasks, completing the gather); plus the GC
     * pauses of the measured run (from the GC MXBeans).
     */
    private static void sleepPhases(Contender c, int n) throws Exception {
        c.sleepers(n / 10, 0.05, null);
        long gc0 = gcMillis();
        long[] parked = new long[1];
        long t0 = System.nanoTime();
        long wall = c.sleepers(n, 1.0, () -> parked[0] = System.nanoTime());
        Measure.report("sleep.wall_s", wall / 1e9);
        Measure.report("sleep.setup_s", (parked[0] - t0) / 1e9);
        Measure.report("sleep.drain_s", (wall - (parked[0] - t0)) / 1e9 - 1.0);
        Measure.report("sleep.gc_pause_s", (gcMillis() - gc0) / 1e3);
    }

    private static long gcMillis() {
        long ms = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms;
    }

    /**
     * Heap retained per suspended task: used heap after GC while all n tasks sleep, minus the
     * used heap after GC before they were made, divided by n. Sleeps are 30 s here so that no
     * task finishes during the GCs; the probe halts the JVM when it has measured.
     */
    private static void sleepMemory(Contender c, int n) throws Exception {
        long baseline = JvmMemory.heapAfterGc();
        c.sleepers(n, 30.0, () -> {
            long heap = JvmMemory.heapAfterGc();
            Measure.report("sleep.heap_B_per_task", (heap - baseline) / (double) n);
            long rss = JvmMemory.procStatusKb("VmRSS");
            if (rss >= 0) {
                Measure.report("sleep_mem.rss_MB", rss / 1024.0);
            }
            System.out.flush();
            Runtime.getRuntime().halt(0);
        });
    }

    /** Warm-up rounds, then measured rounds; reports the medians per operation. */
    public static final class Rounds {
        private final int warmup;
        private final int measured;
        private final long threadId;

        Rounds(int warmup, int measured, long threadId) {
            this.warmup = warmup;
            this.measured = measured;
            this.threadId = threadId;
        }

        void measure(String metric, int ops, Callable<Long> run) throws Exception {
            for (int i = 0; i < warmup; i++) {
                run.call();
            }
            double[] ns = new double[measured];
            double[] bytes = new double[measured];
            double[] cpu = new double[measured];
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            for (int i = 0; i < measured; i++) {
                long a0 = threadId >= 0 ? JvmMemory.allocatedBytes(threadId) : -1;
                long c0 = threadId >= 0 ? threads.getThreadCpuTime(threadId) : -1;
                long t = run.call();
                long c1 = threadId >= 0 ? threads.getThreadCpuTime(threadId) : -1;
                long a1 = threadId >= 0 ? JvmMemory.allocatedBytes(threadId) : -1;
                ns[i] = t / (double) ops;
                bytes[i] = a0 >= 0 && a1 >= 0 ? (a1 - a0) / (double) ops : -1;
                cpu[i] = c0 >= 0 && c1 >= 0 ? (c1 - c0) / (double) ops : -1;
            }
            Measure.report(metric + ".ns", Measure.median(ns));
            // CPU time of the scheduler thread: less disturbed than wall time on a busy machine
            double c = Measure.median(cpu);
            if (c >= 0) {
                Measure.report(metric + ".cpu_ns", c);
            }
            double b = Measure.median(bytes);
            if (b >= 0) {
                Measure.report(metric + ".alloc_B", b);
            }
        }
    }
}
