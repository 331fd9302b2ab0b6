package io.github.jawait.benchmarks.jmh;

import io.github.jawait.Asyncio;
import io.github.jawait.Awaitable;
import io.github.jawait.benchmarks.JawaitWorkloads;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue #6: await of an already-completed coroutine/task, target <= 2 ns and 0 bytes per await
 * (check gc.alloc.rate.norm with {@code -prof gc}; it is per invocation of N awaits plus one
 * task and frame, so divide the constant part by N). Peer lines: CompletableFuture join and
 * thenApply on a done future.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class AwaitCompletedBenchmark {
    static final int N = 100_000;

    Awaitable<Integer> completed;
    CompletableFuture<Integer> completedFuture;

    @Setup
    public void setup() {
        completed = Asyncio.result(7);
        completedFuture = CompletableFuture.completedFuture(7);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long awaitCompletedCoroutine(JawaitState s) {
        return s.loop.runUntilComplete(JawaitWorkloads.awaitCompleted(completed, N));
    }

    /** Four different completed awaitables in turn: no closed-form folding, no single receiver type. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long awaitCompletedMixed(JawaitState s) {
        if (mixed == null) {
            mixed = s.loop.runUntilComplete(JawaitWorkloads.mixedCompleted());
        }
        return s.loop.runUntilComplete(JawaitWorkloads.awaitCompletedMixed(mixed, N));
    }

    Awaitable<Integer>[] mixed;

    @Benchmark
    @OperationsPerInvocation(N)
    public long awaitFinishedTask(JawaitState s) {
        long[] t = new long[1];
        return s.loop.runUntilComplete(JawaitWorkloads.awaitDoneTask(N, t));
    }

    /** Not a completed awaitable: a fresh @Async call that returns without suspending. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long awaitImmediateCall(JawaitState s) {
        return s.loop.runUntilComplete(JawaitWorkloads.awaitImmediateCalls(N));
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long peerJoinCompletedFuture() {
        long sum = 0;
        for (int i = 0; i < N; i++) {
            sum += completedFuture.join();
        }
        return sum;
    }

    @Benchmark
    public CompletableFuture<Integer> peerThenApplyCompletedFuture() {
        return completedFuture.thenApply(v -> v + 1);
    }
}
