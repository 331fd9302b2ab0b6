package io.github.jawait.benchmarks.diag;

import io.github.jawait.Asyncio;
import io.github.jawait.Awaitable;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.Task;
import io.github.jawait.core.Suspendable;

/**
 * Diagnosis for "await of a completed awaitable" on JDK 17: the runtime tests every awaited
 * object with {@code instanceof Awaitable} ({@code StateMachine.isDone}) and then with
 * {@code instanceof Suspendable} ({@code StateMachine.awaitDone}, {@code Task.park}). When the
 * JIT cannot prove the receiver's type, each is a secondary-supers lookup, and HotSpot before
 * JDK 23 caches only the last interface found per class (JDK-8180450): alternating two
 * interfaces on the same classes misses and rewrites that cache every time. This measures the
 * same pair of checks on the same four objects, against one interface and against class checks.
 *
 * <pre>java -cp benchmarks/target/jawait-benchmarks.jar io.github.jawait.benchmarks.diag.InstanceofExperiment</pre>
 */
public final class InstanceofExperiment {
    private static Object[] objs;

    private InstanceofExperiment() {
    }

    static long twoInterfaces(int n) {
        long s = 0;
        for (int i = 0; i < n; i++) {
            Object o = objs[i & 3];
            if (o instanceof Awaitable) {
                s++;
            }
            if (o instanceof Suspendable) {
                s++;
            }
        }
        return s;
    }

    static long oneInterface(int n) {
        long s = 0;
        for (int i = 0; i < n; i++) {
            if (objs[i & 3] instanceof Suspendable) {
                s += 2;
            }
        }
        return s;
    }

    static long classChecks(int n) {
        long s = 0;
        for (int i = 0; i < n; i++) {
            Object o = objs[i & 3];
            if (o instanceof Coroutine || o instanceof Task) {
                s += 2;
            }
        }
        return s;
    }

    public static void main(String[] args) {
        try (EventLoop loop = new EventLoop()) {
            objs = new Object[] {Asyncio.result(1), loop.createTask(Asyncio.result(2)),
                Asyncio.result(3), loop.createTask(Asyncio.result(4))};
            int n = 50_000_000;
            for (int r = 0; r < 6; r++) {
                long t0 = System.nanoTime();
                long a = twoInterfaces(n);
                long t1 = System.nanoTime();
                long b = oneInterface(n);
                long t2 = System.nanoTime();
                long c = classChecks(n);
                long t3 = System.nanoTime();
                if (a != b || b != c) {
                    throw new AssertionError();
                }
                System.out.printf("per object: Awaitable then Suspendable %.2f ns | Suspendable only %.2f ns | class checks %.2f ns%n",
                        (t1 - t0) / (double) n, (t2 - t1) / (double) n, (t3 - t2) / (double) n);
            }
        }
    }
}
