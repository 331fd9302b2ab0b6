package io.github.jawait.benchmarks.macro;

import io.github.jawait.Asyncio;
import io.github.jawait.Awaitable;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.LoopClock;
import io.github.jawait.TimerHandle;
import io.github.jawait.benchmarks.JawaitWorkloads;
import java.time.Duration;
import java.util.function.IntFunction;

/** jawait: the @Async workloads of {@link JawaitWorkloads}, each under {@code Asyncio.run}. */
final class JawaitContender implements Contender {
    private static final Duration LATER = Duration.ofSeconds(60);
    private static final Runnable NOTHING = () -> { };
    private long timerQueueSize = -1;

    /**
     * What-if experiment, not for the table: {@code -Djawait.bench.frozenClock=true} gives the
     * loops of the scenarios without timers (yield, handoff, spawn, await, chain) a clock that
     * returns a constant, which shows what the loop's per-turn {@code System.nanoTime()} costs
     * (see docs/benchmarks.md). Never use it with sleep or timers.
     */
    static final LoopClock CLOCK = Boolean.getBoolean("jawait.bench.frozenClock") ? () -> 0L : LoopClock.system();

    private static <T> T run(Coroutine<T> main) {
        return Asyncio.run(main, CLOCK);
    }

    private static EventLoop newLoop() {
        return new EventLoop(CLOCK);
    }

    @Override
    public long sleepers(int n, double seconds, Runnable probe) {
        long t0 = System.nanoTime();
        int done = Asyncio.run(JawaitWorkloads.sleepers(n, seconds, probe == null ? null : k -> probe.run()));
        long t = System.nanoTime() - t0;
        check(done == n, "gathered " + done + " of " + n);
        return t;
    }

    @Override
    public long yields(int n) {
        long t0 = System.nanoTime();
        run(JawaitWorkloads.yielder(n));
        return System.nanoTime() - t0;
    }

    /** Through two {@code io.github.jawait.sync.Queue}s: {@code put_nowait} and {@code await get()}. */
    @Override
    public long handoffs(int n) {
        return timedPingPong(n / 2, JawaitWorkloads::queuePingPong, "ping-pong sum ");
    }

    /** The wall time of {@code rounds} round trips of {@code workload}, whose sum is checked. */
    private long timedPingPong(int rounds, IntFunction<Coroutine<Integer>> workload, String what) {
        long t0 = System.nanoTime();
        int sum = run(workload.apply(rounds));
        long t = System.nanoTime() - t0;
        check(sum == expectedPingPongSum(rounds), what + sum);
        return t;
    }

    private static long expectedPingPongSum(int rounds) {
        long expected = 0;
        for (int i = 0; i < rounds; i++) {
            expected += i & 127;
        }
        return expected;
    }

    /** The same over the bare {@code Waiter} primitive (a one-slot mailbox): the floor under Queue. */
    @Override
    public void handoffExtras(int n, Macro.Rounds rounds) throws Exception {
        rounds.measure("handoff_waiter", n, () -> waiterHandoffs(n));
        // the floor under both: a switch between two tasks through the loop, with no value
        rounds.measure("task_switch", n, () -> {
            long t0 = System.nanoTime();
            run(JawaitWorkloads.twoYielders(n / 2));
            return System.nanoTime() - t0;
        });
    }

    private long waiterHandoffs(int n) {
        return timedPingPong(n / 2, JawaitWorkloads::pingPong, "waiter ping-pong sum ");
    }

    @Override
    public long spawns(int n) {
        long t0 = System.nanoTime();
        int count = run(JawaitWorkloads.spawnSequentially(n));
        long t = System.nanoTime() - t0;
        check(count == n, "spawned " + count);
        return t;
    }

    @Override
    public long awaitCompleted(int n) {
        Awaitable<Integer> completed = Asyncio.result(7);
        long sum = 0;
        long t0 = System.nanoTime();
        try (EventLoop loop = newLoop()) {
            // in calls of CHUNK awaits, so that the method is compiled normally, not only by OSR
            for (int done = 0; done < n; done += CHUNK) {
                sum += loop.runUntilComplete(JawaitWorkloads.awaitCompleted(completed, Math.min(CHUNK, n - done)));
            }
        }
        long t = System.nanoTime() - t0;
        check(sum == 7L * n, "sum " + sum);
        return t;
    }

    private static final int CHUNK = 10_000;

    @Override
    public long chain(int depth, int n) {
        long t0 = System.nanoTime();
        run(JawaitWorkloads.chain(depth, n));
        return System.nanoTime() - t0;
    }

    /**
     * asyncio's wait_for arms a timer and cancels it when the work finishes first; jawait's
     * {@code waitFor} was not there when this was written, so this uses the primitive it rests
     * on: {@code EventLoop.callLater} + {@code TimerHandle.cancel}.
     */
    @Override
    public long timersArmCancel(int n) {
        try (EventLoop loop = new EventLoop()) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                loop.callLater(LATER, NOTHING).cancel();
            }
            long t = System.nanoTime() - t0;
            timerQueueSize = timersOf(loop);
            return t;
        }
    }

    @Override
    public long timersArmAllThenCancel(int n) {
        TimerHandle[] handles = new TimerHandle[n];
        try (EventLoop loop = new EventLoop()) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                handles[i] = loop.callLater(LATER, NOTHING);
            }
            for (int i = 0; i < n; i++) {
                handles[i].cancel();
            }
            long t = System.nanoTime() - t0;
            timerQueueSize = timersOf(loop);
            return t;
        }
    }

    /** The loop's timer count, from its toString (the heap itself is internal). */
    static long timersOf(EventLoop loop) {
        String s = loop.toString();
        int i = s.indexOf("timers=");
        if (i < 0) {
            return -1;
        }
        int j = i + "timers=".length();
        int k = j;
        while (k < s.length() && Character.isDigit(s.charAt(k))) {
            k++;
        }
        return Long.parseLong(s.substring(j, k));
    }

    @Override
    public long timerQueueSize() {
        return timerQueueSize;
    }

    @Override
    public long workThreadId() {
        return Thread.currentThread().getId();
    }

    /** Variants of "await of a completed awaitable" that only jawait has. */
    @Override
    public void extras(int n, Macro.Rounds rounds) throws Exception {
        rounds.measure("await_done_task", n, () -> {
            long[] t = new long[1];
            long sum = run(JawaitWorkloads.awaitDoneTask(n, t));
            check(sum == 7L * n, "done task sum " + sum);
            return t[0];
        });
        rounds.measure("await_done_mixed", n, () -> {
            long sum = 0;
            long t0 = System.nanoTime();
            try (EventLoop loop = newLoop()) {
                Awaitable<Integer>[] mixed = loop.runUntilComplete(JawaitWorkloads.mixedCompleted());
                t0 = System.nanoTime();
                for (int done = 0; done < n; done += CHUNK) {
                    sum += loop.runUntilComplete(JawaitWorkloads.awaitCompletedMixed(mixed, Math.min(CHUNK, n - done)));
                }
            }
            long t = System.nanoTime() - t0;
            check(sum == 10L * (n / 4), "mixed sum " + sum);
            return t;
        });
        rounds.measure("await_immediate_call", n, () -> {
            long t0 = System.nanoTime();
            long sum = run(JawaitWorkloads.awaitImmediateCalls(n));
            long t = System.nanoTime() - t0;
            check(sum == n, "immediate calls " + sum);
            return t;
        });
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("wrong result: " + what);
        }
    }
}
