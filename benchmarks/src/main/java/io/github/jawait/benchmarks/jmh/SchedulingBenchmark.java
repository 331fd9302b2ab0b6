package io.github.jawait.benchmarks.jmh;

import io.github.jawait.benchmarks.JawaitWorkloads;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue #6 loop-turn scenarios, per operation: a yield ({@code await(sleep(0))}, target
 * <= 10 ns), a handoff between two tasks through a {@code Queue} (target <= 30 ns; also over
 * the bare {@code Waiter}, and a plain switch between two yielding tasks, the floor under
 * both), createTask + await of a trivial child (target <= 100 ns).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class SchedulingBenchmark {
    static final int N = 100_000;

    @Benchmark
    @OperationsPerInvocation(N)
    public Object yieldSleep0(JawaitState s) {
        return s.loop.runUntilComplete(JawaitWorkloads.yielder(N));
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int handoffQueue(JawaitState s) {
        return s.loop.runUntilComplete(JawaitWorkloads.queuePingPong(N / 2));
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public Object taskSwitch(JawaitState s) {
        return s.loop.runUntilComplete(JawaitWorkloads.twoYielders(N / 2));
    }

    /** The switch between tasks of two different coroutine methods: the fair floor under both handoffs. */
    @Benchmark
    @OperationsPerInvocation(N)
    public Object taskSwitchApart(JawaitState s) {
        return s.loop.runUntilComplete(JawaitWorkloads.twoYieldersApart(N / 2));
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int handoffWaiter(JawaitState s) {
        return s.loop.runUntilComplete(JawaitWorkloads.pingPong(N / 2));
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int createTaskAwaitTrivial(JawaitState s) {
        return s.loop.runUntilComplete(JawaitWorkloads.spawnSequentially(N));
    }
}
