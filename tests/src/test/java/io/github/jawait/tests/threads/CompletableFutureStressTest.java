package io.github.jawait.tests.threads;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.tests.TestLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Eight threads complete 1,000,000 CompletableFutures while 1,000 tasks on the loop await them:
 * every completion crosses into the loop through its inbox (or is taken inline when it came
 * first), and none may be lost or delivered twice.
 */
class CompletableFutureStressTest {
    static final int FUTURES = 1_000_000;
    static final int TASKS = 1_000;
    static final int PER_TASK = FUTURES / TASKS;
    static final int THREADS = 8;

    final List<CompletableFuture<Integer>> futures = new ArrayList<>(FUTURES);
    final int[] received = new int[TASKS];
    final AtomicLong consumed = new AtomicLong();
    int suspended;

    @Async
    Coroutine<Long> awaitSlice(int slice) {
        long sum = 0;
        for (int i = slice * PER_TASK; i < (slice + 1) * PER_TASK; i++) {
            CompletableFuture<Integer> f = futures.get(i);
            if (!f.isDone()) {
                suspended++;
            }
            sum += await(f);
            received[slice]++;
            consumed.lazySet(consumed.get() + 1); // only the loop thread writes it
        }
        return result(sum);
    }

    @Async
    Coroutine<Long> main() {
        List<Task<Long>> slices = new ArrayList<>(TASKS);
        for (int s = 0; s < TASKS; s++) {
            slices.add(createTask(awaitSlice(s)));
        }
        await(sleep(0)); // every task now waits for the first future of its slice
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int first = t;
            Thread thread = new Thread(() -> {
                // column by column: the k-th future of every slice, then the (k+1)-th, so that
                // each task keeps catching up with the threads
                // each task keeps catching up with the threads; the threads stay at most a few
                // thousand completions ahead of the loop, so that many awaits find their future
                // pending and the completion races with the loop going to sleep
                for (int k = first; k < FUTURES; k += THREADS) {
                    while (k - consumed.get() > 4 * TASKS) {
                        Thread.yield();
                    }
                    int i = (k % TASKS) * PER_TASK + k / TASKS;
                    futures.get(i).complete(i);
                }
            }, "completer-" + t);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        List<Long> sums = await(gather(slices));
        long total = 0;
        for (int s = 0; s < TASKS; s++) {
            long first = (long) s * PER_TASK;
            long last = first + PER_TASK - 1;
            assertEquals((first + last) * PER_TASK / 2, sums.get(s), "slice " + s);
            total += sums.get(s);
        }
        return result(total);
    }

    @Test
    @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
    void aMillionFuturesCompletedByEightThreadsAllArrive() {
        for (int i = 0; i < FUTURES; i++) {
            futures.add(new CompletableFuture<>());
        }
        long start = System.nanoTime();
        long total = TestLoop.run(main());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals((long) FUTURES * (FUTURES - 1) / 2, total);
        for (int s = 0; s < TASKS; s++) {
            assertEquals(PER_TASK, received[s]);
        }
        assertTrue(suspended >= TASKS, "the awaits had to wait for their threads: " + suspended);
        System.out.printf("%d futures, %d awaits suspended, %d ms%n", FUTURES, suspended, millis);
    }
}
