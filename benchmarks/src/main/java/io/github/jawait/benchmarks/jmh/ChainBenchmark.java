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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue #6: a chain of @Async calls {@code depth} deep whose leaf yields; the cost per yield
 * must not grow with depth (target: depth 100 <= 1.2 x depth 1), since only the innermost
 * frame resumes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class ChainBenchmark {
    static final int N = 100_000;

    @Param({"1", "10", "100", "1000"})
    public int depth;

    @Benchmark
    @OperationsPerInvocation(N)
    public Object leafYields(JawaitState s) {
        return s.loop.runUntilComplete(JawaitWorkloads.chain(depth, N));
    }
}
