package io.github.jawait.benchmarks;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.Awaitable;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.Waiter;
import io.github.jawait.sync.Queue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The jawait side of every scenario, written as a user would. Shared by the JMH benchmarks and
 * the macro harness; the methods only work when the jawait agent rewrote this class (run java
 * with {@code -javaagent:agent/target/jawait-agent-0.1.0-SNAPSHOT.jar}).
 */
public final class JawaitWorkloads {
    private JawaitWorkloads() {
    }

    // ---- 1,000,000 tasks each await(sleep(1 s)), gathered -----------------------------------

    /** Tasks that have reached their sleep; read by the memory probe. */
    public static int suspended;

    @Async
    public static Coroutine<Void> sleeper(double seconds) {
        suspended++;
        await(sleep(seconds));
        return done();
    }

    /**
     * Gathers {@code n} sleepers. With a {@code probe}, calls it once every sleeper is parked
     * (the loop runs the main task's next step only after all first steps ran), before the
     * sleeps end; the probe measures the heap.
     */
    @Async
    public static Coroutine<Integer> sleepers(int n, double seconds, Consumer<Integer> probe) {
        suspended = 0;
        Awaitable<List<Void>> all = gather(sleeperList(n, seconds));
        if (probe != null) {
            while (suspended < n) {
                await(sleep(0));
            }
            probe.accept(n);
        }
        List<Void> results = await(all);
        return result(results.size());
    }

    private static List<Coroutine<Void>> sleeperList(int n, double seconds) {
        List<Coroutine<Void>> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(sleeper(seconds));
        }
        return list;
    }

    // ---- one task await(sleep(0)) n times ----------------------------------------------------

    @Async
    public static Coroutine<Void> yielder(int n) {
        for (int i = 0; i < n; i++) {
            await(sleep(0));
        }
        return done();
    }

    /** Two tasks yielding {@code n} times each: every yield is a real switch to the other task. */
    @Async
    public static Coroutine<Void> twoYielders(int n) {
        var other = createTask(yielder(n));
        await(yielder(n));
        await(other);
        return done();
    }

    /** {@link #yielder} again, under another name: a second coroutine method. */
    @Async
    public static Coroutine<Void> otherYielder(int n) {
        for (int i = 0; i < n; i++) {
            await(sleep(0));
        }
        return done();
    }

    /**
     * {@link #twoYielders} with the two tasks in two different methods, as the two sides of a
     * handoff are (pinger and ponger): the loop's call to a frame's resume function then sees
     * three methods (with the main one) and the JIT cannot inline it, as in real programs with
     * many coroutine methods. The fair floor under the handoffs.
     */
    @Async
    public static Coroutine<Void> twoYieldersApart(int n) {
        var other = createTask(otherYielder(n));
        await(yielder(n));
        await(other);
        return done();
    }

    // ---- two tasks handing a value back and forth over a bare Waiter (the floor under Queue) --

    /** A one-slot mailbox built on Waiter, the public park/wake primitive. */
    public static final class Mailbox {
        Waiter<Integer> parked;
        Integer value;

        void send(Integer v) {
            Waiter<Integer> w = parked;
            if (w != null) {
                parked = null;
                w.wake(v);
            } else {
                value = v;
            }
        }

        /**
         * The value sent, at once if one waits (the partner usually parks first, so this rare
         * path may allocate its completed result), else a parked Waiter the next send wakes.
         */
        Awaitable<Integer> receive() {
            Integer v = value;
            if (v != null) {
                value = null;
                return result(v);
            }
            Waiter<Integer> w = new Waiter<>(null);
            parked = w;
            return w;
        }
    }

    /** Sends 0..n-1 to {@code out}, each time waiting for the echo on {@code in}. */
    @Async
    public static Coroutine<Integer> pinger(Mailbox out, Mailbox in, int n) {
        int sum = 0;
        for (int i = 0; i < n; i++) {
            out.send(i & 127); // small Integers are cached: the Waiter is the only allocation
            sum += await(in.receive());
        }
        return result(sum);
    }

    /** Echoes n values from {@code in} to {@code out}. */
    @Async
    public static Coroutine<Void> ponger(Mailbox in, Mailbox out, int n) {
        for (int i = 0; i < n; i++) {
            out.send(await(in.receive()));
        }
        return done();
    }

    /** {@code rounds} round trips = 2 * rounds handoffs. */
    @Async
    public static Coroutine<Integer> pingPong(int rounds) {
        Mailbox ab = new Mailbox();
        Mailbox ba = new Mailbox();
        var pong = createTask(ponger(ab, ba, rounds));
        int sum = await(pinger(ab, ba, rounds));
        await(pong);
        return result(sum);
    }

    // ---- the same through io.github.jawait.sync.Queue, as a user would write it ---------------

    /** Puts 0..n-1 into {@code out}, each time awaiting the echo from {@code in}. */
    @Async
    public static Coroutine<Integer> queuePinger(Queue<Integer> out, Queue<Integer> in, int n) {
        int sum = 0;
        for (int i = 0; i < n; i++) {
            out.putNowait(i & 127);
            sum += await(in.get());
        }
        return result(sum);
    }

    /** Echoes n items from {@code in} to {@code out}. */
    @Async
    public static Coroutine<Void> queuePonger(Queue<Integer> in, Queue<Integer> out, int n) {
        for (int i = 0; i < n; i++) {
            out.putNowait(await(in.get()));
        }
        return done();
    }

    /** {@code rounds} round trips through two unbounded queues = 2 * rounds handoffs. */
    @Async
    public static Coroutine<Integer> queuePingPong(int rounds) {
        Queue<Integer> ab = new Queue<>();
        Queue<Integer> ba = new Queue<>();
        var pong = createTask(queuePonger(ab, ba, rounds));
        int sum = await(queuePinger(ab, ba, rounds));
        await(pong);
        return result(sum);
    }

    // ---- createTask + await of a trivial child, sequentially ---------------------------------

    @Async
    public static Coroutine<Void> trivial() {
        return done();
    }

    @Async
    public static Coroutine<Integer> spawnSequentially(int n) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            await(createTask(trivial()));
            count++;
        }
        return result(count);
    }

    // ---- await of an already-completed coroutine / task --------------------------------------

    @Async
    public static Coroutine<Long> awaitCompleted(Awaitable<Integer> completed, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += await(completed);
        }
        return result(sum);
    }

    /**
     * The same over four different completed awaitables (two results, two finished tasks), so
     * that the JIT can neither fold the loop into a closed form nor see one receiver type.
     */
    @Async
    public static Coroutine<Long> awaitCompletedMixed(Awaitable<Integer>[] completed, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += await(completed[i & 3]);
        }
        return result(sum);
    }

    /** Four completed awaitables worth 1, 2, 3 and 4: two results and two finished tasks. */
    @Async
    public static Coroutine<Awaitable<Integer>[]> mixedCompleted() {
        @SuppressWarnings("unchecked")
        Awaitable<Integer>[] all = new Awaitable[] {result(1), createTask(value(2)), result(3), createTask(value(4))};
        await(all[1]);
        await(all[3]);
        return result(all);
    }

    @Async
    public static Coroutine<Integer> value(int v) {
        return result(v);
    }

    @Async
    public static Coroutine<Integer> answer() {
        return result(7);
    }

    /** Await of a task that has finished; {@code elapsed[0]} gets the time of the n awaits alone. */
    @Async
    public static Coroutine<Long> awaitDoneTask(int n, long[] elapsed) {
        Task<Integer> task = createTask(answer());
        await(task);
        long t0 = System.nanoTime();
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += await(task);
        }
        elapsed[0] = System.nanoTime() - t0;
        return result(sum);
    }

    /** A 3-deep chain of @Async calls that never suspend, each adding to the value below: n awaits of it. */
    @Async
    public static Coroutine<Long> awaitImmediateChains(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += await(outerOfThree(i & 63)); // small values: boxes from the Integer cache
        }
        return result(sum);
    }

    @Async
    static Coroutine<Integer> outerOfThree(int v) {
        return result(await(middleOfThree(v)) + 1);
    }

    @Async
    static Coroutine<Integer> middleOfThree(int v) {
        return result(await(innerOfThree(v)) + 1);
    }

    @Async
    static Coroutine<Integer> innerOfThree(int v) {
        return result(v + 1);
    }

    /** Not in the table, for comparison: await of a fresh @Async call that never suspends. */
    @Async
    public static Coroutine<Long> awaitImmediateCalls(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            await(trivial());
            sum++;
        }
        return result(sum);
    }

    // ---- a chain of @Async calls `depth` deep whose leaf yields n times ----------------------

    @Async
    public static Coroutine<Void> chain(int depth, int n) {
        if (depth <= 1) {
            for (int i = 0; i < n; i++) {
                await(sleep(0));
            }
            return done();
        }
        await(chain(depth - 1, n));
        return done();
    }
}
