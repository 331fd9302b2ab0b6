package io.github.jawait.benchmarks.jmh;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue #6: a timeout armed then cancelled before expiry (target <= 100 ns). jawait's waitFor
 * was not there when this was written: this measures the primitive it rests on,
 * {@code EventLoop.callLater} + {@code TimerHandle.cancel}. Peer: {@code orTimeout} + complete.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class TimerBenchmark {
    static final Duration LATER = Duration.ofSeconds(60);
    static final Runnable NOTHING = () -> { };

    @Benchmark
    public void armCancel(JawaitState s) {
        s.loop.callLater(LATER, NOTHING).cancel();
    }

    @Benchmark
    public boolean peerOrTimeoutComplete() {
        return new CompletableFuture<Integer>().orTimeout(60, TimeUnit.SECONDS).complete(1);
    }
}
