package io.github.jawait.tests.asyncio;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gatherSettled;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jawait.Async;
import io.github.jawait.AsyncTimeoutException;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.Outcome;
import io.github.jawait.Task;
import io.github.jawait.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** 100,000 tasks under random cancellations, timeouts and failures; nothing is lost or run twice. */
class StressTest {
    static final int TASKS = 100_000;
    final int[] finallyRuns = new int[TASKS];
    final SplittableRandom random = new SplittableRandom(20261124);

    @Async
    Coroutine<Integer> worker(int id, int kind, double delay) {
        try {
            switch (kind) {
                case 0 -> await(sleep(delay));
                case 1 -> await(waitFor(sleep(delay), Duration.ofMillis(500)));
                case 2 -> {
                    await(sleep(delay));
                    throw new IllegalStateException("worker " + id);
                }
                default -> {
                    for (int i = 0; i < 3; i++) {
                        await(sleep(0));
                    }
                }
            }
            return result(id);
        } finally {
            finallyRuns[id]++;
        }
    }

    @Async
    Coroutine<Integer> canceller(List<Task<Integer>> tasks, int count) {
        int cancelled = 0;
        for (int i = 0; i < count; i++) {
            await(sleep(random.nextDouble(0, 0.0001))); // 20,000 cancels spread over the first second
            if (tasks.get(random.nextInt(tasks.size())).cancel()) {
                cancelled++;
            }
        }
        return result(cancelled);
    }

    @Async
    Coroutine<int[]> main() {
        List<Task<Integer>> tasks = new ArrayList<>(TASKS);
        for (int i = 0; i < TASKS; i++) {
            tasks.add(createTask(worker(i, random.nextInt(4), random.nextDouble(0, 1))));
        }
        Task<Integer> c = createTask(canceller(tasks, 20_000));
        List<Outcome<Integer>> outcomes = await(gatherSettled(tasks));
        int[] counts = new int[4];
        for (int i = 0; i < TASKS; i++) {
            Outcome<Integer> o = outcomes.get(i);
            if (o.succeeded()) {
                assertEquals(i, o.value());
                counts[0]++;
            } else if (o.cancelled()) {
                counts[1]++;
            } else if (o.failure() instanceof AsyncTimeoutException) {
                counts[2]++;
            } else {
                assertEquals("worker " + i, o.failure().getMessage());
                counts[3]++;
            }
        }
        await(c);
        return result(counts);
    }

    @Test
    void nothingIsPendingNothingIsLostEveryFinallyRanOnce() {
        try (LogCapture log = new LogCapture()) {
            int[] counts;
            EventLoop loop = new EventLoop(new VirtualClock());
            try (loop) {
                counts = loop.runUntilComplete(main());
                assertEquals(0, loop.allTasks().size());
            }
            assertEquals(TASKS, counts[0] + counts[1] + counts[2] + counts[3]);
            for (int k = 0; k < 4; k++) {
                int kind = k;
                assertEquals(true, counts[kind] > 1000, () -> "kind " + kind + " too rare: " + counts[kind]);
            }
            for (int i = 0; i < TASKS; i++) {
                assertEquals(1, finallyRuns[i], "finally runs of task " + i);
            }
            assertEquals(List.of(), log.records, "every failure was awaited through gatherSettled");
        }
    }

    @SuppressWarnings("unused")
    private static Class<?> referenced = CancelledError.class;
}
