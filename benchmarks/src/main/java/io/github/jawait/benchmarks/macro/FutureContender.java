package io.github.jawait.benchmarks.macro;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * CompletableFuture chains, the pre-async/await Java idiom. Continuations run on one
 * single-thread executor, the counterpart of jawait's one loop thread (and it makes allocation
 * countable on that thread). Sleeps use {@code CompletableFuture.delayedExecutor}, timeouts
 * {@code orTimeout}, both backed by the JDK's shared delay scheduler thread.
 */
final class FutureContender implements Contender {
    private static final Runnable NOTHING = () -> { };
    private final long[] loopThreadId = new long[1];
    private final ExecutorService loop;

    FutureContender() {
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "cf-loop");
            t.setDaemon(true);
            loopThreadId[0] = t.getId();
            return t;
        };
        loop = Executors.newSingleThreadExecutor(factory);
        try { // start the thread now, so that its id is known
            loop.submit(NOTHING).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An asynchronous for-loop: runs {@code body(i)} for i in [0, n), each after the previous
     * future completed; continues inline while futures are already done (no stack growth).
     */
    static CompletableFuture<Void> asyncFor(int n, IntFunction<CompletableFuture<?>> body) {
        CompletableFuture<Void> finished = new CompletableFuture<>();
        step(0, n, body, finished);
        return finished;
    }

    private static void step(int from, int n, IntFunction<CompletableFuture<?>> body, CompletableFuture<Void> finished) {
        int i = from;
        while (i < n) {
            CompletableFuture<?> f = body.apply(i++);
            if (!f.isDone()) {
                int next = i;
                f.whenComplete((v, e) -> {
                    if (e != null) {
                        finished.completeExceptionally(e);
                    } else {
                        step(next, n, body, finished);
                    }
                });
                return;
            }
            if (f.isCompletedExceptionally()) {
                f.whenComplete((v, e) -> finished.completeExceptionally(e));
                return;
            }
        }
        finished.complete(null);
    }

    /** Starts {@code start} on the loop thread and waits for the future it returns. */
    private <T> long onLoop(java.util.function.Supplier<CompletableFuture<T>> start) {
        long t0 = System.nanoTime();
        CompletableFuture.supplyAsync(start, loop).thenCompose(f -> f).join();
        return System.nanoTime() - t0;
    }

    @Override
    public long sleepers(int n, double seconds, Runnable probe) {
        Executor later = CompletableFuture.delayedExecutor((long) (seconds * 1e9), TimeUnit.NANOSECONDS, loop);
        long t0 = System.nanoTime();
        CompletableFuture<?>[] all = new CompletableFuture<?>[n];
        for (int i = 0; i < n; i++) {
            all[i] = CompletableFuture.runAsync(NOTHING, later);
        }
        CompletableFuture<Void> gathered = CompletableFuture.allOf(all);
        all = null;
        if (probe != null) {
            probe.run(); // every sleep is armed once runAsync returned
        }
        gathered.join();
        return System.nanoTime() - t0;
    }

    @Override
    public long yields(int n) {
        return onLoop(() -> asyncFor(n, i -> CompletableFuture.runAsync(NOTHING, loop)));
    }

    /** A one-slot mailbox: the receiver parks a future, the sender completes it. */
    private static final class Mailbox {
        CompletableFuture<Integer> parked;
        Integer value;

        void send(Integer v) {
            CompletableFuture<Integer> f = parked;
            if (f != null) {
                parked = null;
                f.complete(v);
            } else {
                value = v;
            }
        }

        /** The next value; its continuation runs on the loop (a hop, as an await resumes on a later turn). */
        CompletableFuture<Integer> receive(Executor loop) {
            Integer v = value;
            if (v != null) {
                value = null;
                return CompletableFuture.completedFuture(v);
            }
            CompletableFuture<Integer> f = new CompletableFuture<>();
            parked = f;
            return f.thenApplyAsync(x -> x, loop);
        }
    }

    @Override
    public long handoffs(int n) {
        int rounds = n / 2;
        Mailbox ab = new Mailbox();
        Mailbox ba = new Mailbox();
        return onLoop(() -> {
            CompletableFuture<Void> pong = asyncFor(rounds, i -> ab.receive(loop).thenAccept(ba::send));
            CompletableFuture<Void> ping = asyncFor(rounds, i -> {
                ab.send(i & 127);
                return ba.receive(loop);
            });
            return CompletableFuture.allOf(ping, pong);
        });
    }

    @Override
    public long spawns(int n) {
        return onLoop(() -> asyncFor(n, i -> CompletableFuture.runAsync(NOTHING, loop)
                .thenApply(v -> v)));
    }

    /** {@code thenApply} on a future that is already done: its continuation runs at once. */
    @Override
    public long awaitCompleted(int n) {
        CompletableFuture<Integer> completed = CompletableFuture.completedFuture(7);
        long[] sum = new long[1];
        long t = onLoop(() -> asyncFor(n, i -> completed.thenAccept(v -> sum[0] += v)));
        JawaitContender.check(sum[0] == 7L * n, "sum");
        return t;
    }

    @Override
    public long chain(int depth, int n) {
        return onLoop(() -> nest(depth, n));
    }

    private CompletableFuture<Void> nest(int depth, int n) {
        if (depth <= 1) {
            return asyncFor(n, i -> CompletableFuture.runAsync(NOTHING, loop));
        }
        return nest(depth - 1, n).thenApply(v -> v);
    }

    /** {@code orTimeout} arms the shared delay scheduler; completing the future cancels it. */
    @Override
    public long timersArmCancel(int n) throws Exception {
        return loop.submit(() -> {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                new CompletableFuture<Integer>().orTimeout(60, TimeUnit.SECONDS).complete(i);
            }
            return System.nanoTime() - t0;
        }).get();
    }

    @Override
    public long timersArmAllThenCancel(int n) throws Exception {
        return loop.submit(() -> {
            @SuppressWarnings("unchecked")
            CompletableFuture<Integer>[] fs = new CompletableFuture[n];
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                fs[i] = new CompletableFuture<Integer>().orTimeout(60, TimeUnit.SECONDS);
            }
            for (int i = 0; i < n; i++) {
                fs[i].complete(i);
            }
            return System.nanoTime() - t0;
        }).get();
    }

    @Override
    public long workThreadId() {
        return loopThreadId[0];
    }
}
