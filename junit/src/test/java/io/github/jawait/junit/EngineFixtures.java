package io.github.jawait.junit;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.toThread;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.VirtualClock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

/**
 * Test classes for {@link AsyncTestEngineTest}, run only through EngineTestKit: several fail on
 * purpose. Their names match none of Surefire's patterns, so it does not run them itself.
 */
final class EngineFixtures {
    private EngineFixtures() {
    }

    static class Passing {
        static final List<Object> SEEN = new java.util.concurrent.CopyOnWriteArrayList<>();

        @AsyncTest(virtualTime = true)
        @Async
        Coroutine<Void> sleepsAnHourInNoTime(VirtualClock clock, EventLoop loop) {
            await(sleep(3600));
            SEEN.add(clock.seconds());
            SEEN.add(loop.time());
            SEEN.add(EventLoop.current() == loop);
            return done();
        }
    }

    static class Failing {
        @AsyncTest(virtualTime = true)
        @Async
        Coroutine<Void> failsAfterASleep() {
            await(sleep(1));
            throw new IllegalStateException("boom at 1 s");
        }
    }

    static class Leaking {
        @AsyncTest(virtualTime = true)
        @Async
        Coroutine<Void> leavesATaskRunning() {
            createTask(sleepForever(), "forgotten-worker");
            await(sleep(1));
            return done();
        }

        @Async
        static Coroutine<Void> sleepForever() {
            await(sleep(1e9));
            return done();
        }
    }

    static class NeverRetrieved {
        @AsyncTest(virtualTime = true)
        @Async
        Coroutine<Void> lets_a_task_fail_unseen() {
            createTask(failSoon(), "unseen-failure");
            await(sleep(2));
            return done();
        }

        @Async
        static Coroutine<Void> failSoon() {
            await(sleep(1));
            throw new IllegalArgumentException("nobody looked");
        }
    }

    static class TimesOut {
        @AsyncTest(virtualTime = true, timeout = 5)
        @Async
        Coroutine<Void> waitsTooLong() {
            await(createTask(Leaking.sleepForever(), "slow-child"));
            return done();
        }
    }

    static class WrongParameter {
        @AsyncTest
        @Async
        Coroutine<Void> wantsAString(String s) {
            return done();
        }
    }

    static class NotACoroutine {
        @AsyncTest
        void returnsNothing() {
        }
    }

    static class Parallel {
        static final CyclicBarrier BOTH_RUNNING = new CyclicBarrier(2);
        static final Set<EventLoop> LOOPS = ConcurrentHashMap.newKeySet();
        static final Set<Thread> THREADS = ConcurrentHashMap.newKeySet();

        @AsyncTest
        @Async
        Coroutine<Void> first(EventLoop loop) {
            return meet(loop);
        }

        @AsyncTest
        @Async
        Coroutine<Void> second(EventLoop loop) {
            return meet(loop);
        }

        @Async
        static Coroutine<Void> meet(EventLoop loop) {
            LOOPS.add(loop);
            THREADS.add(Thread.currentThread());
            // both tests must be running at once to pass this barrier
            await(toThread(() -> BOTH_RUNNING.await(30, TimeUnit.SECONDS)));
            return done();
        }
    }
}
