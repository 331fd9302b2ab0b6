package io.github.jawait;

import io.github.jawait.core.AwaitingCoroutine;
import io.github.jawait.core.CompletedCoroutine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * asyncio's vocabulary as static methods: {@code import static io.github.jawait.Asyncio.*;}
 *
 * <pre>{@code
 * @Async static Coroutine<String> fetch(int id) { await(sleep(1)); return result("data " + id); }
 * @Async static Coroutine<Void> main() {
 *     List<String> all = await(gather(fetch(1), fetch(2), fetch(3)));   // about 1 s in all
 *     System.out.println(all);
 *     return done();
 * }
 * public static void main(String[] args) { Asyncio.run(main()); }
 * }</pre>
 *
 * <p>{@code await} and the coroutine bodies only work in methods the jawait agent rewrote:
 * run with {@code -javaagent:jawait-agent.jar} or call
 * {@code io.github.jawait.agent.JawaitAgent.install()} before the {@code @Async} classes load.
 */
public final class Asyncio {
    static final String NOT_REWRITTEN = "Asyncio.await() ran in code the jawait agent has not"
            + " rewritten. Await only inside @Async methods, and install the agent before those"
            + " classes load: run java with -javaagent:/path/to/jawait-agent.jar, or call"
            + " io.github.jawait.agent.JawaitAgent.install() first thing in main()";

    private Asyncio() {
    }

    /**
     * Suspends the current coroutine until {@code awaitable} is done and returns its value, or
     * throws its exception as it is (never wrapped). Python's {@code await aw}.
     *
     * <p>The agent replaces every call of this method inside {@code @Async} code; reaching this
     * body means the caller was not rewritten, which is always an error.
     */
    public static <T> T await(Awaitable<T> awaitable) {
        throw new IllegalStateException(NOT_REWRITTEN);
    }

    /**
     * Awaits a {@link CompletionStage} (a {@code CompletableFuture}) completed by any thread;
     * the coroutine resumes on its loop's thread. A {@code CompletionException} is unwrapped.
     */
    public static <T> T await(CompletionStage<T> stage) {
        throw new IllegalStateException(NOT_REWRITTEN);
    }

    /** The finished coroutine an {@code @Async} method returns: {@code return result(v);} */
    public static <T> Coroutine<T> result(T value) {
        return new CompletedCoroutine<>(value);
    }

    /** {@code return done();} ends a {@code Coroutine<Void>}. */
    @SuppressWarnings("unchecked")
    public static <T> Coroutine<T> done() {
        return (Coroutine<T>) CompletedCoroutine.DONE;
    }

    /** Suspends the awaiting task for {@code seconds}; {@code sleep(0)} yields one loop turn. */
    public static Awaitable<Void> sleep(double seconds) {
        if (!(seconds >= 0)) {
            if (Double.isNaN(seconds)) {
                throw new IllegalArgumentException("sleep(NaN)");
            }
            seconds = 0; // asyncio treats a negative delay as 0
        }
        return seconds == 0 ? Sleep.YIELD : new Sleep((long) (seconds * 1e9));
    }

    /** Suspends the awaiting task for {@code duration}. */
    public static Awaitable<Void> sleep(Duration duration) {
        long nanos = duration.isNegative() ? 0 : duration.toNanos();
        return nanos == 0 ? Sleep.YIELD : new Sleep(nanos);
    }

    /** Schedules {@code coroutine} as a task on the running loop; it starts on the next turn. */
    public static <T> Task<T> createTask(Coroutine<T> coroutine) {
        return EventLoop.current().createTask(coroutine);
    }

    /** {@link #createTask(Coroutine)} with a name for logs and {@link Task#getName()}. */
    public static <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
        return EventLoop.current().createTask(coroutine, name);
    }

    /** The task running now; throws if called outside a task. */
    public static Task<?> currentTask() {
        Task<?> t = EventLoop.current().currentTask();
        if (t == null) {
            throw new IllegalStateException("currentTask() called outside a task");
        }
        return t;
    }

    /** The loop running on this thread; throws if there is none. */
    public static EventLoop getRunningLoop() {
        return EventLoop.current();
    }

    /**
     * Runs every awaitable concurrently (coroutines become tasks now) and completes with their
     * results in argument order. The first failure is thrown to the awaiter while the others
     * keep running; cancelling the awaiter cancels them all. {@code Promise.all}.
     */
    @SafeVarargs
    public static <T> Awaitable<List<T>> gather(Awaitable<? extends T>... awaitables) {
        return gather(Arrays.asList(awaitables));
    }

    /** {@link #gather(Awaitable[])} over a collection. */
    public static <T> Awaitable<List<T>> gather(java.util.Collection<? extends Awaitable<? extends T>> awaitables) {
        return new Gather<>(EventLoop.current(), new ArrayList<>(awaitables));
    }

    /**
     * asyncio.run: runs {@code main} on a new event loop on this thread and returns its result
     * or rethrows its exception; then cancels the tasks left, lets their finally blocks run,
     * and closes the loop. Refuses to run inside a running loop.
     */
    public static <T> T run(Coroutine<T> main) {
        return run(main, LoopClock.system());
    }

    /** {@link #run(Coroutine)} on the given clock (a {@link VirtualClock} in tests). */
    public static <T> T run(Coroutine<T> main, LoopClock clock) {
        if (EventLoop.runningOrNull() != null) {
            throw new IllegalStateException("Asyncio.run() cannot be called from a running event"
                    + " loop; await the coroutine (or createTask it) instead");
        }
        try (EventLoop loop = new EventLoop(clock)) {
            return loop.runUntilComplete(main);
        }
    }

    @SuppressWarnings("unchecked")
    static <T> Task<T> asTask(EventLoop loop, Awaitable<? extends T> aw) {
        if (aw instanceof Task<?> t) {
            if (t.loop != loop) {
                throw new IllegalArgumentException(t + " belongs to another event loop");
            }
            return (Task<T>) t;
        }
        if (aw instanceof Coroutine<?> c) {
            return loop.createTask((Coroutine<T>) c);
        }
        if (aw == null) {
            throw new NullPointerException("cannot gather null");
        }
        return loop.createTask(AwaitingCoroutine.of(aw));
    }
}
