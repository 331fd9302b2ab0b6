package io.github.jawait.benchmarks.group;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoopGroup;
import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntToLongFunction;
import java.util.function.ToDoubleFunction;

/**
 * EventLoopGroup scaling: the same CPU-bound mix of yields and spawns on a group of 1 loop and
 * of 2 loops; prints a table of aggregate throughput (medians of the rounds) and the ratio. A
 * reference row runs the same CPU kernel on 1 and 2 plain threads, to show what parallelism
 * the machine actually offers during the run (on a shared machine, less than its core count).
 *
 * <pre>
 * java -javaagent:agent/target/jawait-agent-0.1.0-SNAPSHOT.jar \
 *     -cp benchmarks/target/jawait-benchmarks.jar io.github.jawait.benchmarks.group.LoopScaling [rounds]
 * </pre>
 *
 * <p>The mix: 200 top-level tasks (spread round-robin); each runs 4,000 steps of ~100 ns of
 * arithmetic followed by a yield ({@code sleep(0)}), and every 40 steps spawns a child task of
 * 8 such steps and awaits it. No I/O, no timers, no cross-loop traffic but the submissions and
 * the results: what a loop per core buys for CPU-bound asynchronous work.
 */
public final class LoopScaling {
    static final int TASKS = 200;
    static final int STEPS = 4_000;
    static final int SPAWN_EVERY = 40;
    static final int CHILD_STEPS = 8;
    static final int KERNEL = 48;

    /** The CPU part of a step: a few dozen rounds of xorshift (not optimised away: the sum is returned). */
    static long kernel(long x) {
        for (int i = 0; i < KERNEL; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    @Async
    static Coroutine<Long> child(long seed) {
        long x = seed;
        for (int i = 0; i < CHILD_STEPS; i++) {
            x = kernel(x);
            await(sleep(0));
        }
        return result(x);
    }

    @Async
    static Coroutine<Long> worker(long seed) {
        long x = seed;
        for (int i = 1; i <= STEPS; i++) {
            x = kernel(x);
            if (i % SPAWN_EVERY == 0) {
                x += await(createTask(child(x)));
            } else {
                await(sleep(0));
            }
        }
        return result(x);
    }

    /** Steps per top-level task, children's included: what the throughput counts. */
    static long stepsPerTask() {
        return STEPS + (long) (STEPS / SPAWN_EVERY) * CHILD_STEPS;
    }

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    /**
     * What one round measured: throughput (steps or kernel calls per second) and, for the group,
     * what its loop threads did: CPU seconds per wall second per loop (1.0 = never idle) and bytes
     * allocated per step, read through {@code ThreadMXBean} (NaN for the other rows).
     */
    record Round(double perSecond, double busy, double bytesPerStep) {
        static Round throughput(long units, long nanos) {
            return new Round(units / (nanos / 1e9), Double.NaN, Double.NaN);
        }
    }

    /** One row's workload, run on {@code width} loops or threads. */
    interface Workload {
        Round run(int width) throws InterruptedException;
    }

    /** A row of the table: its workload's rounds on 1 and on 2 loops or threads. */
    static final class Row {
        final String name;
        final Workload workload;
        final Round[] one;
        final Round[] two;

        Row(String name, Workload workload, int rounds) {
            this.name = name;
            this.workload = workload;
            this.one = new Round[rounds];
            this.two = new Round[rounds];
        }

        void warmUp() throws InterruptedException {
            workload.run(1);
            workload.run(2);
        }

        void measure(int round) throws InterruptedException {
            one[round] = workload.run(1);
            two[round] = workload.run(2);
        }

        static double median(Round[] rounds, ToDoubleFunction<Round> value) {
            return LoopScaling.median(Arrays.stream(rounds).mapToDouble(value).toArray());
        }
    }

    /** One round on a group of {@code loops}. */
    static Round groupRound(int loops) {
        try (EventLoopGroup group = new EventLoopGroup(loops, "bench-" + loops)) {
            long[] ids = new long[loops];
            long[] cpu0 = new long[loops];
            long[] alloc0 = new long[loops];
            for (int i = 0; i < loops; i++) {
                ids[i] = group.submit(() -> Asyncio.result(Thread.currentThread().getId())).join();
                cpu0[i] = THREADS.getThreadCpuTime(ids[i]);
                alloc0[i] = THREADS.getThreadAllocatedBytes(ids[i]);
            }
            long t0 = System.nanoTime();
            List<CompletableFuture<Long>> all = new ArrayList<>(TASKS);
            for (int i = 0; i < TASKS; i++) {
                long seed = i + 1;
                all.add(group.submit(() -> worker(seed)));
            }
            long sink = 0;
            for (CompletableFuture<Long> f : all) {
                sink += f.join();
            }
            long t1 = System.nanoTime();
            long cpu = 0;
            long alloc = 0;
            for (int i = 0; i < loops; i++) {
                cpu += THREADS.getThreadCpuTime(ids[i]) - cpu0[i];
                alloc += THREADS.getThreadAllocatedBytes(ids[i]) - alloc0[i];
            }
            blackhole ^= sink;
            long steps = TASKS * stepsPerTask();
            return new Round(steps / ((t1 - t0) / 1e9), cpu / (double) (t1 - t0) / loops, alloc / (double) steps);
        }
    }

    /**
     * Runs {@code body} on {@code threads} plain threads at once (its argument: the thread's
     * index; its result: a sum that keeps the work from being optimised away) and returns the
     * wall time from the first start to the last end.
     */
    static long onPlainThreads(int threads, IntToLongFunction body) throws InterruptedException {
        long[] sinks = new long[threads];
        Thread[] ts = new Thread[threads];
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int index = t;
            ts[t] = new Thread(() -> sinks[index] = body.applyAsLong(index));
            ts[t].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        long t1 = System.nanoTime();
        for (long s : sinks) {
            blackhole ^= s;
        }
        return t1 - t0;
    }

    /**
     * The floor: the same mix hand-written, no library: on each of {@code threads} plain threads a
     * ring of step objects (a worker re-queues itself after each step, and every 40 steps hands
     * the turn to a new child object of 8 steps, which re-queues its parent when it ends). What a
     * minimal single-threaded scheduler costs, and how it scales on this machine.
     */
    static Round floorRound(int threads) throws InterruptedException {
        long nanos = onPlainThreads(threads, index -> {
            MiniLoop loop = new MiniLoop();
            FloorWorker[] workers = new FloorWorker[TASKS / threads];
            for (int i = 0; i < workers.length; i++) {
                workers[i] = new FloorWorker(i * threads + index + 1);
                loop.add(workers[i]);
            }
            loop.run();
            long sum = 0;
            for (FloorWorker w : workers) {
                sum += w.x;
            }
            return sum;
        });
        return Round.throughput(TASKS * stepsPerTask(), nanos);
    }

    /** The floor's scheduler: a FIFO ring of steps. */
    static final class MiniLoop {
        private FloorStep[] ring = new FloorStep[256];
        private int head;
        private int size;

        void add(FloorStep s) {
            if (size == ring.length) {
                FloorStep[] bigger = new FloorStep[ring.length * 2];
                for (int i = 0; i < size; i++) {
                    bigger[i] = ring[(head + i) & (ring.length - 1)];
                }
                ring = bigger;
                head = 0;
            }
            ring[(head + size++) & (ring.length - 1)] = s;
        }

        void run() {
            while (size > 0) {
                FloorStep s = ring[head];
                ring[head] = null;
                head = (head + 1) & (ring.length - 1);
                size--;
                s.step(this);
            }
        }
    }

    abstract static class FloorStep {
        abstract void step(MiniLoop loop);
    }

    static final class FloorWorker extends FloorStep {
        long x;
        int i = 1;

        FloorWorker(long seed) {
            x = seed;
        }

        @Override
        void step(MiniLoop loop) {
            x = kernel(x);
            int step = i++;
            if (step % SPAWN_EVERY == 0) {
                loop.add(new FloorChild(this, x)); // this worker waits: its child re-queues it
            } else if (step < STEPS) {
                loop.add(this);
            }
        }
    }

    static final class FloorChild extends FloorStep {
        private final FloorWorker parent;
        private long x;
        private int i;

        FloorChild(FloorWorker parent, long seed) {
            this.parent = parent;
            this.x = seed;
        }

        @Override
        void step(MiniLoop loop) {
            x = kernel(x);
            if (++i < CHILD_STEPS) {
                loop.add(this);
            } else {
                parent.x += x;
                if (parent.i <= STEPS) {
                    loop.add(parent);
                }
            }
        }
    }

    /** The same kernel, without the loop, on {@code threads} plain threads: kernel calls per second. */
    static Round threadRound(int threads) throws InterruptedException {
        long calls = TASKS * stepsPerTask();
        long nanos = onPlainThreads(threads, index -> {
            long x = index + 1;
            for (long i = 0; i < calls / threads; i++) {
                x = kernel(x);
            }
            return x;
        });
        return Round.throughput(calls, nanos);
    }

    static volatile long blackhole;

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int cpus = Runtime.getRuntime().availableProcessors();
        Row group = new Row("yields + spawns, EventLoopGroup of 1 vs 2 loops (steps/s)", LoopScaling::groupRound, rounds);
        Row kernel = new Row("same kernel, 1 vs 2 plain threads (calls/s)", LoopScaling::threadRound, rounds);
        Row floor = new Row("same mix hand-written, 1 vs 2 plain threads (steps/s)", LoopScaling::floorRound, rounds);
        List<Row> measured = List.of(group, kernel, floor);
        for (Row row : measured) {
            row.warmUp(); // JIT the loop, the tasks and the kernel
        }
        for (int r = 0; r < rounds; r++) { // interleaved, so that load from elsewhere hits every row alike
            for (Row row : measured) {
                row.measure(r);
            }
        }
        System.out.printf(Locale.ROOT, "EventLoopGroup scaling, %d available processors, %d rounds (medians), %s%n",
                cpus, rounds, System.getProperty("java.vm.version"));
        System.out.printf(Locale.ROOT, "| %-58s | %14s | %14s | %9s |%n", "workload", "1 (M/s)", "2 (M/s)", "2 vs 1");
        System.out.printf(Locale.ROOT, "|%s|%s|%s|%s|%n", "-".repeat(60), "-".repeat(16), "-".repeat(16), "-".repeat(11));
        for (Row row : List.of(group, floor, kernel)) {
            double one = Row.median(row.one, Round::perSecond);
            double two = Row.median(row.two, Round::perSecond);
            System.out.printf(Locale.ROOT, "| %-58s | %14.2f | %14.2f | %8.2fx |%n", row.name, one / 1e6, two / 1e6, two / one);
        }
        System.out.printf(Locale.ROOT, "loop threads busy (CPU/wall per loop): 1 loop %.2f, 2 loops %.2f;"
                + " allocated per step: %.1f B and %.1f B%n", Row.median(group.one, Round::busy),
                Row.median(group.two, Round::busy), Row.median(group.one, Round::bytesPerStep),
                Row.median(group.two, Round::bytesPerStep));
    }
}
