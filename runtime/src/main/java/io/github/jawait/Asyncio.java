package io.github.jawait;

import io.github.jawait.core.AwaitingCoroutine;
import io.github.jawait.core.CompletedCoroutine;
import io.github.jawait.core.AsyncMethod;
import io.github.jawait.core.CoroutineFrame;
import io.github.jawait.core.InlineFrames;
import io.github.jawait.core.StateMachine;
import io.github.jawait.io.Connection;
import io.github.jawait.io.ConnectionHandler;
import io.github.jawait.io.DatagramEndpoint;
import io.github.jawait.io.Server;
import io.github.jawait.io.StreamOptions;
import io.github.jawait.io.Streams;
import io.github.jawait.ops.GeneratorOps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.function.Function;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

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
        throw NotRewritten.error("Asyncio.await()");
    }

    /**
     * Awaits a {@link CompletionStage} (a {@code CompletableFuture}) completed by any thread;
     * the coroutine resumes on its loop's thread. A {@code CompletionException} is unwrapped.
     * Cancelling the awaiting task cancels a {@code CompletableFuture} ({@code cancel(true)}), as
     * asyncio cancels an awaited future (see {@link #wrapFuture}); a stage that cannot be
     * cancelled ({@code minimalCompletionStage()}) is only no longer waited for.
     */
    public static <T> T await(CompletionStage<T> stage) {
        throw NotRewritten.error("Asyncio.await()");
    }

    /**
     * "Await anything": awaits another library's future (a Vert.x {@code Future}, a Reactor
     * {@code Mono}, a Guava {@code ListenableFuture}...) through the
     * {@link io.github.jawait.spi.AwaitableAdapter} registered for its class, with no wrapper
     * call: {@code Row r = await(vertxFuture);}. The result type is the one the call site
     * expects (unchecked, as the foreign future's type parameter is not known here). An object
     * no adapter supports makes the await throw {@link IllegalArgumentException}.
     */
    public static <T> T await(Object future) {
        throw NotRewritten.error("Asyncio.await()");
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

    /**
     * In an {@code @Async} method returning {@link AsyncGenerator}: hands {@code value} to the
     * consumer and pauses until it asks for the next one (Python's {@code yield} inside
     * {@code async def}; {@code yield} is a restricted word in Java).
     */
    public static <T> void emit(T value) {
        throw NotRewritten.error("Asyncio.emit()");
    }

    /** {@code return end();} finishes an async generator. */
    @SuppressWarnings("unchecked")
    public static <T> AsyncGenerator<T> end() {
        return (AsyncGenerator<T>) (AsyncGenerator<?>) StateMachine.END;
    }

    /**
     * {@code @asynccontextmanager}: runs {@code generator} up to its first emit (the setup) and
     * gives a resource holding the emitted value; closing the resource runs the rest (the
     * cleanup). Use it with try-with-resources in {@code @Async} code:
     * {@code try (var t = await(enter(asyncTimer("op")))) { ... }}.
     */
    public static <T> Coroutine<ContextResource<T>> enter(AsyncGenerator<T> generator) {
        return GeneratorOps.enter(generator);
    }

    /** Suspends the awaiting task for {@code seconds}; {@code sleep(0)} yields one loop turn. */
    public static Awaitable<Void> sleep(double seconds) {
        if (!(seconds >= 0)) {
            if (Double.isNaN(seconds)) {
                throw new IllegalArgumentException("sleep(NaN)");
            }
            seconds = 0; // asyncio treats a negative delay as 0
        }
        return seconds == 0 ? Sleep.YIELD : Sleep.of((long) (seconds * 1e9));
    }

    /** {@link #sleep(double)}, then yields {@code result}: asyncio's {@code sleep(delay, result)}. */
    public static <T> Coroutine<T> sleep(double seconds, T result) {
        Awaitable<Void> s = sleep(seconds);
        InlineFrames.R2<T> f = new InlineFrames.R2<>(new AsyncMethod(Asyncio::sleepThenResult, "sleep"));
        f.r0 = s;
        f.r1 = result;
        return f;
    }

    private static void sleepThenResult(CoroutineFrame<?> frame) {
        InlineFrames.R2<?> f = (InlineFrames.R2<?>) frame;
        if (f.label == 0) {
            StateMachine.suspend(f, 1, f.r0);
            f.r0 = null;
            return;
        }
        StateMachine.awaitDone(StateMachine.takeAwaiting(f));
        Object r = f.r1;
        f.r1 = null;
        StateMachine.completeValue(f, r);
    }

    /** Suspends the awaiting task for {@code duration}. */
    public static Awaitable<Void> sleep(Duration duration) {
        long nanos = duration.isNegative() ? 0 : duration.toNanos();
        return nanos == 0 ? Sleep.YIELD : Sleep.of(nanos);
    }

    /** Schedules {@code coroutine} as a task on the running loop; it starts on the next turn. */
    public static <T> Task<T> createTask(Coroutine<T> coroutine) {
        return EventLoop.current().createTaskOnLoopThread(coroutine);
    }

    /** {@link #createTask(Coroutine)} with a name for logs and {@link Task#getName()}. */
    public static <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
        return EventLoop.current().createTask(coroutine, name);
    }

    /**
     * {@link #createTask(Coroutine, String)} that starts eagerly: the coroutine runs now, up to
     * its first suspension, before this returns (asyncio 3.12 {@code eager_start=True}); one
     * that finishes without suspending gives a task that is already done.
     */
    public static <T> Task<T> createTask(Coroutine<T> coroutine, String name, boolean eager) {
        return EventLoop.current().createTask(coroutine, name, eager);
    }

    /**
     * A task that runs in {@code context} itself rather than a copy of the current one
     * (asyncio's {@code create_task(coro, context=ctx)}): what it sets is seen in {@code context}.
     */
    public static <T> Task<T> createTask(Coroutine<T> coroutine, Context context) {
        return EventLoop.current().createTask(coroutine, context);
    }

    /** A copy of the current {@link Context} ({@code contextvars.copy_context()}). */
    public static Context copyContext() {
        return Context.copyContext();
    }

    /** {@link #createTask(Coroutine, String, boolean)} without a name. */
    public static <T> Task<T> createTask(Coroutine<T> coroutine, boolean eager) {
        return EventLoop.current().createTask(coroutine, null, eager);
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
    public static <T> Awaitable<List<T>> gather(Collection<? extends Awaitable<? extends T>> awaitables) {
        EventLoop loop = EventLoop.current();
        return new Gather<>(loop, Gather.arguments(loop, awaitables), false);
    }

    /**
     * Like {@link #gather(Awaitable[])}, but waits for all and reports how each ended, value,
     * failure or cancellation: {@code gather(return_exceptions=True)}, {@code Promise.allSettled}.
     */
    @SafeVarargs
    public static <T> Awaitable<List<Outcome<T>>> gatherSettled(Awaitable<? extends T>... awaitables) {
        return gatherSettled(Arrays.asList(awaitables));
    }

    /** {@link #gatherSettled(Awaitable[])} over a collection. */
    public static <T> Awaitable<List<Outcome<T>>> gatherSettled(Collection<? extends Awaitable<? extends T>> awaitables) {
        EventLoop loop = EventLoop.current();
        return new Gather<>(loop, Gather.arguments(loop, awaitables), true);
    }

    /**
     * Waits until {@code returnWhen} is met or {@code timeout} (null: none) passes; returns the
     * done and pending tasks and cancels nothing. Call it as {@code Asyncio.wait(...)}: inside a
     * class, a bare {@code wait} means {@link Object#wait()}.
     */
    public static <T> Awaitable<Done<T>> wait(Collection<Task<T>> tasks, ReturnWhen returnWhen, Duration timeout) {
        return new Wait<>(EventLoop.current(), new ArrayList<>(tasks), returnWhen, timeout);
    }

    /** {@link #wait(Collection, ReturnWhen, Duration)} without a timeout. */
    public static <T> Awaitable<Done<T>> wait(Collection<Task<T>> tasks, ReturnWhen returnWhen) {
        return wait(tasks, returnWhen, null);
    }

    /** {@link #wait(Collection, ReturnWhen, Duration)} until all are done. */
    public static <T> Awaitable<Done<T>> wait(Collection<Task<T>> tasks) {
        return wait(tasks, ReturnWhen.ALL_COMPLETED, null);
    }

    /**
     * One awaitable per distinct input, in completion order: {@code for (var next :
     * asCompleted(aws)) { T r = await(next); }}. Completions go out in the order the returned
     * awaitables are awaited (the first awaited gets the first completion, asyncio 3.13). After
     * {@code timeout} (null: none) the remaining ones throw {@link AsyncTimeoutException}; the
     * inputs are not cancelled.
     */
    public static <T> List<Awaitable<T>> asCompleted(Collection<? extends Awaitable<? extends T>> awaitables, Duration timeout) {
        return new AsCompleted(EventLoop.current(), new ArrayList<>(awaitables), timeout).awaitables();
    }

    /** {@link #asCompleted(Collection, Duration)} without a timeout. */
    @SafeVarargs
    public static <T> List<Awaitable<T>> asCompleted(Awaitable<? extends T>... awaitables) {
        return asCompleted(Arrays.asList(awaitables), null);
    }

    /**
     * The outcome of the first awaitable to finish, value or failure ({@code Promise.race});
     * the others that were started from coroutines are cancelled.
     */
    @SafeVarargs
    public static <T> Awaitable<T> race(Awaitable<? extends T>... awaitables) {
        return new Race<>(EventLoop.current(), Arrays.asList(awaitables), false);
    }

    /**
     * The first value to succeed ({@code Promise.any}); when every awaitable fails, an
     * {@link ExceptionGroup} of all failures in argument order. Losers started from coroutines
     * are cancelled.
     */
    @SafeVarargs
    public static <T> Awaitable<T> any(Awaitable<? extends T>... awaitables) {
        return new Race<>(EventLoop.current(), Arrays.asList(awaitables), true);
    }

    /**
     * The first of several operations to finish, and which one: a select over, say, a
     * {@code Queue.get}, an {@code Event.waitFor} and a {@code sleep}. The others, when started
     * from coroutines, are cancelled before they run again, so a losing {@code get} never keeps an
     * item: one it was handed goes back to the queue. The winner's value reaches the awaiting task
     * even if that task is cancelled just after the choice (the cancellation then strikes at its
     * next await). A failure of the first to finish is thrown; tasks passed in are left running.
     *
     * <pre>{@code
     * Winner<Object> w = await(first(jobs.get(), stop.waitFor(), sleep(30)));
     * }</pre>
     */
    @SafeVarargs
    public static <T> Awaitable<Winner<T>> first(Awaitable<? extends T>... awaitables) {
        return new First<>(EventLoop.current(), Arrays.asList(awaitables));
    }

    /**
     * Protects {@code awaitable} from the awaiter's cancellation (asyncio.shield): the awaiter
     * gets {@link CancelledError}, the inner work runs on as a task.
     */
    public static <T> Awaitable<T> shield(Awaitable<T> awaitable) {
        return new Shield<>(EventLoop.current(), awaitable);
    }

    /**
     * Awaits {@code awaitable} with a deadline (asyncio.wait_for): on expiry the work is
     * cancelled, and once it has finished its cleanup, {@link AsyncTimeoutException} is thrown.
     */
    @SuppressWarnings("unchecked")
    public static <T> Coroutine<T> waitFor(Awaitable<T> awaitable, Duration timeout) {
        if (awaitable == null) {
            throw new NullPointerException("waitFor(null)");
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            return ExpiredWaitFor.of(awaitable); // a coroutine never starts (asyncio 3.12)
        }
        Coroutine<T> body = awaitable instanceof Coroutine<T> c ? c : (Coroutine<T>) AwaitingCoroutine.of(awaitable);
        return Timeout.scope(timeout, t -> body);
    }

    /**
     * Runs {@code body} with a deadline that can be moved ({@link Timeout#reschedule}); on
     * expiry the body is cancelled and {@link AsyncTimeoutException} comes out once it has
     * cleaned up. {@code timeout} null means no deadline (yet). asyncio.timeout.
     */
    public static <T> Coroutine<T> timeout(Duration timeout, Function<Timeout, ? extends Coroutine<T>> body) {
        return Timeout.scope(timeout, body);
    }

    /**
     * trio's {@code move_on_after}: runs {@code body} with a deadline like
     * {@link #timeout(Duration, Function)}, but when the deadline passes the body is cancelled
     * and the scope ends quietly, yielding null instead of throwing ({@link Timeout#expired()}
     * tells which happened). A cancellation from outside still propagates.
     *
     * <pre>{@code
     * String cached = await(moveOnAfter(Duration.ofMillis(50), t -> fetchFresh()));  // null if too slow
     * }</pre>
     */
    public static <T> Coroutine<T> moveOnAfter(Duration timeout, Function<Timeout, ? extends Coroutine<T>> body) {
        return Timeout.moveOnAfter(timeout, body);
    }

    /**
     * {@link #timeout(Duration, Function)} with the deadline given in loop time
     * ({@link EventLoop#time()}): asyncio's {@code timeout_at(when)}. A time already past expires
     * the body at its first await; null means no deadline (yet).
     */
    public static <T> Coroutine<T> timeoutAt(Double when, Function<Timeout, ? extends Coroutine<T>> body) {
        return Timeout.scopeAt(when, body);
    }

    /**
     * Runs {@code body} with a new {@link TaskGroup} and waits for every task started in it
     * (asyncio.TaskGroup): {@code await(taskGroup(tg -> { tg.createTask(a()); return done(); }))}.
     */
    public static <T> Coroutine<T> taskGroup(Function<TaskGroup, ? extends Coroutine<T>> body) {
        return TaskGroup.run(body);
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
        if (aw instanceof Task<?> t && t.loop == loop) {
            return (Task<T>) t;
        } // another loop's task: a task of this loop awaits it, its outcome crossing through the inbox
        return loop.createTask(coroutineOf(aw));
    }

    /** What a task runs for {@code aw} (not a task of this loop): itself, or a frame awaiting it. */
    @SuppressWarnings("unchecked")
    static <T> Coroutine<T> coroutineOf(Object aw) {
        if (aw instanceof Coroutine<?> c) {
            return (Coroutine<T>) c;
        }
        if (aw == null) {
            throw new NullPointerException("cannot gather null");
        }
        return AwaitingCoroutine.of(aw);
    }

    /**
     * Runs {@code fn} on the running loop's default executor and awaits its outcome, without
     * blocking the loop: asyncio's {@code to_thread}. Like a coroutine, nothing happens until
     * it is awaited; the result, or the exception {@code fn} threw (as it is), is delivered on
     * the loop thread. Cancelling the awaiting task stops the wait; work already running is
     * left to finish and its outcome dropped.
     *
     * <pre>{@code
     * String page = await(toThread(() -> blockingHttpGet(url)));
     * }</pre>
     */
    public static <T> Coroutine<T> toThread(Callable<T> fn) {
        Objects.requireNonNull(fn, "toThread(null)");
        return new CoroutineFrame<>(f -> StateMachine.complete(f, runInExecutor(null, fn)), "Asyncio.toThread");
    }

    /**
     * Submits {@code fn} to {@code executor} now (null: the loop's default executor, a thread
     * pool created on first use and shut down by {@link EventLoop#close()}) and returns an
     * awaitable of its outcome, delivered on the loop thread: asyncio's
     * {@code loop.run_in_executor}. Cancelling a task that awaits it cancels it for every
     * awaiter; work not started yet is skipped, work already running is left to finish.
     */
    public static <T> Awaitable<T> runInExecutor(Executor executor, Callable<T> fn) {
        return EventLoop.current().runInExecutor(executor, fn);
    }

    /**
     * An awaitable of {@code future}, which another thread completes: asyncio's
     * {@code wrap_future}. The outcome is handed to the loop thread once (the completing thread
     * posts it to the loop's inbox). Cancelling a task that awaits it cancels {@code future} too
     * ({@code cancel(true)}), which aborts work that stops when its future is cancelled, such as
     * an exchange of the JDK's {@code HttpClient}. A plain {@code await(future)} does the same;
     * this is the name for when an {@link Awaitable} is needed (for {@code gather},
     * {@code waitFor}, {@code shield}). It is an {@link ExternalFuture} wired to {@code future}.
     * To leave the future running when the awaiter is cancelled:
     * {@code await(shield(wrapFuture(future)))}.
     *
     * <pre>{@code
     * HttpResponse<String> r = await(wrapFuture(client.sendAsync(request, BodyHandlers.ofString())));
     * }</pre>
     */
    public static <T> Awaitable<T> wrapFuture(CompletableFuture<? extends T> future) {
        Objects.requireNonNull(future, "wrapFuture(null)");
        return ExternalFuture.mirror(EventLoop.current(), future, "the wrapped future was cancelled");
    }

    // ---- streams: asyncio's open_connection and start_server ----

    /**
     * Connects to {@code host:port} and gives the connection's reader and writer: asyncio's
     * {@code open_connection}. A host name is resolved off the loop; its addresses are tried in
     * order. A refused connect fails with {@link java.net.ConnectException}.
     *
     * <pre>{@code
     * try (var conn = await(openConnection("127.0.0.1", 8888))) {
     *     conn.writer().write("hello\n");
     *     String reply = await(conn.reader().readLine());
     * }
     * }</pre>
     */
    public static Coroutine<Connection> openConnection(String host, int port) {
        return openConnection(host, port, StreamOptions.defaults());
    }

    /**
     * {@link #openConnection(String, int)} with a line limit, write-buffer water marks, or TLS:
     * {@code openConnection(host, port, StreamOptions.defaults().ssl(context))} is asyncio's
     * {@code open_connection(host, port, ssl=context)} and completes after the handshake.
     */
    public static Coroutine<Connection> openConnection(String host, int port, StreamOptions options) {
        return Streams.openConnection(EventLoop.current(), host, port, options);
    }

    /**
     * Listens on {@code host:port} and runs {@code handler} as a task per connection: asyncio's
     * {@code start_server}. Port 0 picks a free port ({@link Server#port()}); a null host
     * listens on every interface.
     */
    public static Coroutine<Server> startServer(ConnectionHandler handler, String host, int port) {
        return startServer(handler, host, port, StreamOptions.defaults());
    }

    /** {@link #startServer(ConnectionHandler, String, int)} with options. */
    public static Coroutine<Server> startServer(ConnectionHandler handler, String host, int port, StreamOptions options) {
        return Streams.startServer(EventLoop.current(), handler, host, port, options);
    }

    // ---- datagrams: asyncio's create_datagram_endpoint ----

    /**
     * Opens a UDP endpoint bound to {@code local} (null: a free port on every interface) and,
     * unless {@code remote} is null, connected to it: asyncio's
     * {@code create_datagram_endpoint(local_addr=, remote_addr=)}, with awaitable
     * {@link DatagramEndpoint#recv()} and {@link DatagramEndpoint#send} instead of a protocol.
     *
     * <pre>{@code
     * try (var udp = await(openDatagram(null, new InetSocketAddress("127.0.0.1", 9999)))) {
     *     await(udp.send("ping"));
     *     Datagram reply = await(udp.recv());
     * }
     * }</pre>
     */
    public static Coroutine<DatagramEndpoint> openDatagram(java.net.InetSocketAddress local,
            java.net.InetSocketAddress remote) {
        return DatagramEndpoint.open(EventLoop.current(), local, remote);
    }
}
