package io.github.jawait;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;

/**
 * The open loops of the process, for the JMX bean: loops are confined to their threads, so a
 * dump asks each loop to describe itself through its inbox and waits a moment for the answer.
 */
final class EventLoops implements EventLoopsMXBean {
    private static final ConcurrentLinkedQueue<WeakReference<EventLoop>> LOOPS = new ConcurrentLinkedQueue<>();
    private static volatile boolean registered;

    private EventLoops() {
    }

    /** Called by each new loop; registers the bean on the first one if {@code jawait.jmx} is set. */
    static void opened(EventLoop loop) {
        if (!Boolean.getBoolean("jawait.jmx")) {
            return;
        }
        LOOPS.add(new WeakReference<>(loop));
        LOOPS.removeIf(r -> {
            EventLoop l = r.get();
            return l == null || l.isClosed();
        });
        if (!registered) {
            register();
        }
    }

    private static synchronized void register() {
        if (registered) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().registerMBean(new EventLoops(),
                    new ObjectName("io.github.jawait:type=EventLoops"));
        } catch (Exception e) {
            RuntimeLog.LOG.log(System.Logger.Level.WARNING, "cannot register the jawait EventLoops MBean", e);
        }
        registered = true;
    }

    private static List<EventLoop> open() {
        List<EventLoop> out = new ArrayList<>();
        for (WeakReference<EventLoop> r : LOOPS) {
            EventLoop l = r.get();
            if (l != null && !l.isClosed()) {
                out.add(l);
            }
        }
        return out;
    }

    @Override
    public int getOpenLoops() {
        return open().size();
    }

    @Override
    public String dumpTasks() {
        StringBuilder out = new StringBuilder();
        for (EventLoop loop : open()) {
            out.append("== event loop of thread '").append(loop.ownerName()).append("'\n");
            CompletableFuture<String> dump = new CompletableFuture<>();
            try {
                loop.callSoonThreadsafe(() -> {
                    StringBuilder b = new StringBuilder();
                    loop.dumpTasks(b);
                    dump.complete(b.toString());
                });
                out.append(dump.get(2, TimeUnit.SECONDS));
            } catch (java.util.concurrent.TimeoutException busy) {
                out.append("(no answer within 2 s: a step holds the loop, or it is not running)\n");
            } catch (Exception e) {
                out.append("(").append(e).append(")\n");
            }
        }
        return out.toString();
    }
}
