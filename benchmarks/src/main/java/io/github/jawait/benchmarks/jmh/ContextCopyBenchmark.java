package io.github.jawait.benchmarks.jmh;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.ContextVar;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
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
 * Issue #13: what {@code callSoon} costs once a {@link ContextVar} was set (each callback then
 * runs in a copy of the scheduling code's context), against a JVM where none ever was. One
 * operation = one {@code callSoon} from a task plus running the callback on the next turn.
 * {@code ContextVar} use is JVM-wide (a static flag), so compare these only as separate JVM
 * runs: run one benchmark per command ({@code ContextCopyBenchmark.callSoonNoContextVar$} and so
 * on); JMH's forks keep them apart anyway.
 * <ul>
 * <li>{@code callSoonNoContextVar}: no variable ever set in this JVM;</li>
 * <li>{@code callSoonVarSetElsewhere}: a variable was set in another task, the scheduling task's
 *     context is empty;</li>
 * <li>{@code callSoonVarSetHere}: the scheduling task set one (a request id).</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ContextCopyBenchmark {
    static final int N = 100_000;
    static final ContextVar<String> REQUEST_ID = new ContextVar<>("request_id");

    /** What the callbacks do: count, so that the JIT keeps them. */
    static final class Counter implements Runnable {
        int count;

        @Override
        public void run() {
            count++;
        }
    }

    @Async
    static Coroutine<Integer> scheduleAndRun(EventLoop loop, int n, int setVar) {
        if (setVar == 1) {
            await(createTask(setsVar())); // another task's context: this one stays empty
        } else if (setVar == 2) {
            REQUEST_ID.set("r-1");
        }
        Counter counter = new Counter();
        for (int i = 0; i < n; i++) {
            loop.callSoon(counter);
        }
        await(sleep(0)); // one turn: the loop runs the n callbacks, then this task again
        return result(counter.count);
    }

    @Async
    static Coroutine<Void> setsVar() {
        REQUEST_ID.set("elsewhere");
        return done();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int callSoonNoContextVar(JawaitState s) {
        return s.loop.runUntilComplete(scheduleAndRun(s.loop, N, 0));
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int callSoonVarSetElsewhere(JawaitState s) {
        return s.loop.runUntilComplete(scheduleAndRun(s.loop, N, 1));
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int callSoonVarSetHere(JawaitState s) {
        return s.loop.runUntilComplete(scheduleAndRun(s.loop, N, 2));
    }
}
