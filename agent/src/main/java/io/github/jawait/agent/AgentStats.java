package io.github.jawait.agent;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's own start-up cost, counted only with the agent option {@code stats}
 * ({@code -javaagent:jawait-agent.jar=stats}): the time from {@code premain} to the transformer
 * being installed, and the time spent in the transformer, split between classes passed over by
 * the cheap scan and classes rewritten, as wall time and as CPU time of the loading thread (the
 * figure a busy machine disturbs least). Printed to stderr when the JVM exits, as one line that
 * {@code benchmarks/startup.py} reads. Loading the management classes costs start-up time of
 * its own, so time the JVM without this option.
 */
final class AgentStats {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private volatile long premainNanos;
    private final AtomicLong scanned = new AtomicLong();
    private final AtomicLong scanNanos = new AtomicLong();
    private final AtomicLong scanCpuNanos = new AtomicLong();
    private final AtomicLong rewritten = new AtomicLong();
    private final AtomicLong rewriteNanos = new AtomicLong();
    private final AtomicLong rewriteCpuNanos = new AtomicLong();

    /** premain (or agentmain) took this long, from its entry to the transformer installed. */
    void started(long nanos) {
        premainNanos = nanos;
    }

    /** CPU time of the calling thread, for {@link #record}. */
    long cpuNow() {
        return threads.getCurrentThreadCpuTime();
    }

    void record(long nanos, long cpuNanos, boolean changed) {
        if (changed) {
            rewritten.incrementAndGet();
            rewriteNanos.addAndGet(nanos);
            rewriteCpuNanos.addAndGet(cpuNanos);
        } else {
            scanned.incrementAndGet();
            scanNanos.addAndGet(nanos);
            scanCpuNanos.addAndGet(cpuNanos);
        }
    }

    /** Prints the summary line when the JVM exits. */
    void printAtExit() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.err.println(summary()), "jawait-agent-stats"));
    }

    String summary() {
        return String.format(java.util.Locale.ROOT,
                "jawait agent stats: premain_ms=%.3f passed_over=%d passed_over_ms=%.3f passed_over_cpu_ms=%.3f"
                        + " rewritten=%d rewrite_ms=%.3f rewrite_cpu_ms=%.3f",
                premainNanos / 1e6, scanned.get(), scanNanos.get() / 1e6, scanCpuNanos.get() / 1e6,
                rewritten.get(), rewriteNanos.get() / 1e6, rewriteCpuNanos.get() / 1e6);
    }
}
