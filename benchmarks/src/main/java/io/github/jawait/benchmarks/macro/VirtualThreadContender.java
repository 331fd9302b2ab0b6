package io.github.jawait.benchmarks.macro;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Virtual threads (JDK 21+; run on JDK 25), written the blocking way virtual threads are meant
 * to be used. The module compiles for Java 17, so the two JDK 21 entry points are looked up
 * reflectively: {@code Executors.newVirtualThreadPerTaskExecutor()} and
 * {@code Thread.startVirtualThread(Runnable)}. Run it with the default scheduler and with
 * {@code -Djdk.virtualThreadScheduler.parallelism=1} (one carrier, like jawait's one loop).
 */
final class VirtualThreadContender implements Contender {
    private static final MethodHandle NEW_EXECUTOR;
    private static final MethodHandle START;

    static {
        try {
            var lookup = MethodHandles.publicLookup();
            NEW_EXECUTOR = lookup.findStatic(java.util.concurrent.Executors.class,
                    "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class));
            START = lookup.findStatic(Thread.class, "startVirtualThread",
                    MethodType.methodType(Thread.class, Runnable.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("virtual threads need JDK 21 or later (run on JDK 25): " + e, e);
        }
    }

    static ExecutorService newExecutor() {
        try {
            return (ExecutorService) NEW_EXECUTOR.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static Thread start(Runnable r) {
        try {
            return (Thread) START.invokeExact(r);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Runs {@code body} in one virtual thread and waits for it. */
    static long inVirtualThread(ThrowingRunnable body) throws Exception {
        Throwable[] failure = new Throwable[1];
        long t0 = System.nanoTime();
        Thread t = start(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        t.join();
        long elapsed = System.nanoTime() - t0;
        if (failure[0] != null) {
            throw new IllegalStateException(failure[0]);
        }
        return elapsed;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Override
    public long sleepers(int n, double seconds, Runnable probe) throws Exception {
        Duration d = Duration.ofNanos((long) (seconds * 1e9));
        AtomicInteger suspended = new AtomicInteger();
        long t0 = System.nanoTime();
        ExecutorService ex = newExecutor();
        for (int i = 0; i < n; i++) {
            ex.submit(() -> {
                suspended.incrementAndGet();
                Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
                return null;
            });
        }
        if (probe != null) {
            while (suspended.get() < n) {
                Thread.sleep(5);
            }
            Thread.sleep(50); // the last incrementers reach their sleep
            probe.run();
        }
        ex.shutdown(); // try-with-resources close() is JDK 19+: the same two calls
        if (!ex.awaitTermination(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("sleepers did not finish");
        }
        return System.nanoTime() - t0;
    }

    @Override
    public long yields(int n) throws Exception {
        return inVirtualThread(() -> {
            for (int i = 0; i < n; i++) {
                Thread.yield();
            }
        });
    }

    @Override
    public long handoffs(int n) throws Exception {
        int rounds = n / 2;
        SynchronousQueue<Integer> ab = new SynchronousQueue<>();
        SynchronousQueue<Integer> ba = new SynchronousQueue<>();
        Thread pong = start(() -> {
            try {
                for (int i = 0; i < rounds; i++) {
                    ba.put(ab.take());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long t = inVirtualThread(() -> {
            for (int i = 0; i < rounds; i++) {
                ab.put(i & 127);
                ba.take();
            }
        });
        pong.join();
        return t;
    }

    @Override
    public long spawns(int n) throws Exception {
        Runnable trivial = () -> { };
        return inVirtualThread(() -> {
            for (int i = 0; i < n; i++) {
                start(trivial).join();
            }
        });
    }

    /** Blocking get of a future that is already done: what thread code does instead of await. */
    @Override
    public long awaitCompleted(int n) throws Exception {
        CompletableFuture<Integer> completed = CompletableFuture.completedFuture(7);
        long[] sum = new long[1];
        long t = inVirtualThread(() -> {
            long s = 0;
            for (int i = 0; i < n; i++) {
                s += completed.join();
            }
            sum[0] = s;
        });
        JawaitContender.check(sum[0] == 7L * n, "sum");
        return t;
    }

    @Override
    public long chain(int depth, int n) throws Exception {
        return inVirtualThread(() -> nest(depth, n));
    }

    private static void nest(int depth, int n) {
        if (depth <= 1) {
            for (int i = 0; i < n; i++) {
                Thread.yield();
            }
            return;
        }
        nest(depth - 1, n);
    }

    /** Virtual threads have no timer handle of their own (a timed park is not cancellable). */
    @Override
    public long timersArmCancel(int n) {
        return -1;
    }

    @Override
    public long timersArmAllThenCancel(int n) {
        return -1;
    }
}
