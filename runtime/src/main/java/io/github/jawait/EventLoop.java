package io.github.jawait;

import io.github.jawait.core.AwaitingCoroutine;
import io.github.jawait.core.CompletedCoroutine;
import io.github.jawait.core.CoroutineFrame;
import io.github.jawait.core.FrameDriver;
import io.github.jawait.core.NeverAwaited;
import io.github.jawait.core.OpenGenerators;
import io.github.jawait.jfr.JfrEvents;
import io.github.jawait.loop.Inbox;
import io.github.jawait.loop.IoBackend;
import io.github.jawait.loop.ReadyQueue;
import io.github.jawait.loop.TimerEntry;
import io.github.jawait.loop.TimerHeap;
import io.github.jawait.io.SocketOperations;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A single-threaded event loop, asyncio's {@code loop}: a ready queue of callbacks and task
 * steps, a timer heap, and a thread-safe inbox that wakes the loop when it sleeps.
 *
 * <pre>{@code
 * try (var loop = new EventLoop()) {
 *     String s = loop.runUntilComplete(greet("Ada"));
 * }   // close(): cancels what is left, lets its finally blocks run
 * }</pre>
 *
 * <p>Each turn runs the callbacks that were ready when the turn began (new ones wait for the
 * next turn, as in asyncio), after moving due timers and posted messages to the ready queue.
 * The loop belongs to the thread that made it: any other thread gets an
 * {@link IllegalStateException} from every method except {@link #callSoonThreadsafe}.
 */
public final class EventLoop implements AutoCloseable {
    private static final ThreadLocal<EventLoop> RUNNING = new ThreadLocal<>();

    private final Thread owner;
    private final LoopClock clock;
    private final ReadyQueue ready = new ReadyQueue();
    private final TimerHeap timers = new TimerHeap();
    private final Inbox inbox;
    private final LoopIo io = new LoopIo(this);
    /** Whether a channel is watched ({@link LoopIo} keeps it): read by the yield fast path. */
    boolean ioWatched;
    /** The backend whose {@link IoBackend#runTurns} the current run is inside, or null. */
    private IoBackend scopedBackend;
    private final long origin;

    /**
     * A task running its eager first step (asyncio 3.12 {@code eager_start}) inside another
     * step, or null. Otherwise the current task is the ready queue's running item: a step then
     * stores nothing into the loop, which is long-lived (old) and would pay G1's fenced write
     * barrier for every young task stored into it.
     */
    Task<?> eagerTask;
    /** Context variables' values per task and callback; made on the first ContextVar.set. */
    TaskContexts contexts;
    /** Messages of pending cancellations, until their tasks end. */
    private final CancelMessages cancelMessages = new CancelMessages();
    /** What {@code createTask} makes tasks with; null: plain tasks, started on the next turn. */
    private TaskFactory taskFactory;
    /**
     * Every task not known to be finished, newest first: singly linked through the tasks and
     * pruned lazily (finished tasks are dropped by a sweep once they outnumber the live ones),
     * so that linking a new task writes only into the new task and this head, never into an
     * older task.
     */
    private static final class TaskList {
        Task<?> newest;
    }

    /**
     * The list's head, in an object of its own that each sweep replaces: young, so that
     * linking a (young) task into it skips G1's fenced slow path, which a store into the
     * long-lived loop itself takes every time (perf, spawn path: 4 % of the samples).
     */
    private TaskList listed = new TaskList();
    private int listedCount;
    private int liveCount;
    private int nextTaskId = 1;
    private int externalWaits;
    private boolean running;
    private boolean stopping;
    private boolean closed;
    private final List<Completion<?>> unobservedFailures = new ArrayList<>();
    /** asyncio's debug mode: {@code -Djawait.debug=true} or {@link #setDebug}. */
    private boolean debug = Boolean.getBoolean("jawait.debug");
    private long slowStepNanos = Long.getLong("jawait.slowStepMillis", 100) * 1_000_000;
    /** Steps a {@link StartBatch} ran this turn beyond its one item (counted while JFR records). */
    int batchedSteps;
    /** Debug mode: where each task created while it was on was created. */
    private TaskCreationSites creationSites;

    /** A loop on the system clock, owned by the calling thread. */
    public EventLoop() {
        this(LoopClock.system());
    }

    /** A loop reading time from {@code clock} (a {@link VirtualClock} in tests). */
    public EventLoop(LoopClock clock) {
        this.owner = Thread.currentThread();
        this.clock = clock;
        this.inbox = new Inbox(owner);
        this.origin = clock.nanoTime();
        JfrEvents.watchRecordings();
        if (debug) {
            NeverAwaited.enable();
        }
        EventLoops.opened(this);
    }

    /** The loop running on the calling thread; throws if there is none. */
    public static EventLoop current() {
        Running r = lastRunning;
        if (r != null && r.thread == Thread.currentThread()) {
            return r.loop; // the common case, without a ThreadLocal lookup
        }
        EventLoop loop = RUNNING.get();
        if (loop == null) {
            throw new IllegalStateException("no running event loop on thread "
                    + Thread.currentThread().getName() + ": start one with Asyncio.run(main())"
                    + " or EventLoop.runUntilComplete(...)");
        }
        return loop;
    }

    /** The loop running on the calling thread, or null. */
    static EventLoop runningOrNull() {
        Running r = lastRunning;
        if (r != null && r.thread == Thread.currentThread()) {
            return r.loop;
        }
        return RUNNING.get();
    }

    /** The loop that most recently started running, and its thread (immutable pair). */
    private record Running(Thread thread, EventLoop loop) {
    }

    /**
     * Not volatile: a reader acts on it only if it names the reading thread, which wrote it
     * itself (a thread always sees its own last write; a record's fields are final), so a stale
     * value from another thread only sends the reader to the ThreadLocal. A volatile read here
     * was a compiler barrier on every createTask.
     */
    private static Running lastRunning;

    private void enterRunning() {
        RUNNING.set(this);
        lastRunning = new Running(owner, this);
    }

    private void exitRunning() {
        RUNNING.remove();
        Running r = lastRunning;
        if (r != null && r.loop == this) {
            lastRunning = null;
        }
    }

    /**
     * The loop's time in seconds (asyncio's {@code loop.time()}); starts near zero. Only on the
     * loop's thread: its clock (a {@link VirtualClock} in tests) is not shared.
     */
    public double time() {
        checkThread("EventLoop.time");
        return (clock.nanoTime() - origin) / 1e9;
    }

    long now() {
        return clock.nanoTime();
    }

    /** A clock reading in nanoseconds as loop time in seconds. */
    double loopTime(long nanos) {
        return (nanos - origin) / 1e9;
    }

    /** Loop time in seconds as a clock reading in nanoseconds (saturating). */
    long nanosAt(double loopTime) {
        double n = loopTime * 1e9;
        if (n >= Long.MAX_VALUE / 2.0) {
            return origin + Long.MAX_VALUE / 2;
        }
        return origin + (long) Math.max(n, -1e18);
    }

    /** Runs {@code callback} on the next loop turn, in a copy of the current {@link Context}. */
    public void callSoon(Runnable callback) {
        checkThread("EventLoop.callSoon");
        checkOpen();
        ready.add(ContextVar.inUse ? inCurrentContext(callback) : callback);
    }

    /**
     * Runs {@code callback} on the next loop turn in {@code context} itself, not a copy (asyncio's
     * {@code call_soon(cb, context=ctx)}): what it sets stays set in {@code context}.
     */
    public void callSoon(Runnable callback, Context context) {
        checkThread("EventLoop.callSoon");
        checkOpen();
        Objects.requireNonNull(context, "context");
        ready.add(taskContexts().capture(callback, context));
    }

    /** Runs {@code callback} after {@code delay}, in a copy of the current {@link Context}. */
    public TimerHandle callLater(Duration delay, Runnable callback) {
        checkThread("EventLoop.callLater");
        checkOpen();
        if (ContextVar.inUse) {
            callback = inCurrentContext(callback);
        }
        return schedule(delay, callback);
    }

    /** Runs {@code callback} after {@code delay} in {@code context} itself (asyncio's {@code call_later(d, cb, context=ctx)}). */
    public TimerHandle callLater(Duration delay, Runnable callback, Context context) {
        checkThread("EventLoop.callLater");
        checkOpen();
        Objects.requireNonNull(context, "context");
        return schedule(delay, taskContexts().capture(callback, context));
    }

    private TimerHandle schedule(Duration delay, Runnable callback) {
        TimerHandle h = new TimerHandle(this, callback, now() + Math.max(0, delay.toNanos()));
        timers.add(h, now() + Math.max(0, delay.toNanos()));
        return h;
    }

    /** Any thread: runs {@code callback} on the loop thread soon, waking the loop if it sleeps. */
    public void callSoonThreadsafe(Runnable callback) {
        inbox.post(callback); // refuses once the loop is closed (the inbox's flag is the one threads share)
    }

    /**
     * Wraps {@code coroutine} in a task that starts on the next loop turn (or at once, with an
     * eager {@link #setTaskFactory task factory}).
     */
    public <T> Task<T> createTask(Coroutine<T> coroutine) {
        return createTask(coroutine, (String) null);
    }

    /** Wraps {@code coroutine} in a task named {@code name}; made by the loop's {@link TaskFactory}, if one is set. */
    public <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
        return createTask(coroutine, name, (Context) null);
    }

    /** A task that runs in {@code context} itself, not a copy (asyncio's {@code create_task(coro, context=ctx)}). */
    public <T> Task<T> createTask(Coroutine<T> coroutine, Context context) {
        return createTask(coroutine, null, context);
    }

    /**
     * A task named {@code name} (null: {@code Task-N}) that runs in {@code context} itself (null:
     * a copy of the current context); made by the loop's {@link TaskFactory}, if one is set.
     */
    public <T> Task<T> createTask(Coroutine<T> coroutine, String name, Context context) {
        TaskFactory factory = taskFactory;
        if (factory == null) {
            return newTask(coroutine, name, false, context);
        }
        checkThread("EventLoop.createTask");
        Task<T> task = factory.create(this, coroutine, name, context);
        if (task == null || task.loop != this) {
            throw new IllegalStateException(factory + " returned " + task + " for " + coroutine
                    + ": a task factory must return a task of the loop it was given");
        }
        return task;
    }

    /**
     * Like {@link #createTask(Coroutine, String)}; with {@code eager}, the coroutine runs at
     * once, inside this call, up to its first suspension (asyncio 3.12 {@code eager_start}):
     * a coroutine that finishes without suspending returns a task that is already done.
     * Eager only while the loop runs. The explicit choice bypasses the loop's task factory.
     */
    public <T> Task<T> createTask(Coroutine<T> coroutine, String name, boolean eager) {
        return newTask(coroutine, name, eager, null);
    }

    /**
     * Sets what {@code createTask} (without an explicit {@code eager}) uses to make tasks, asyncio's
     * {@code loop.set_task_factory}; {@link TaskFactory#EAGER} starts every task eagerly
     * ({@code asyncio.eager_task_factory}); null restores the default.
     */
    public void setTaskFactory(TaskFactory factory) {
        checkThread("EventLoop.setTaskFactory");
        this.taskFactory = factory;
    }

    /** The factory set by {@link #setTaskFactory}, or null (the default). */
    public TaskFactory getTaskFactory() {
        return taskFactory;
    }

    /** The one place tasks are made: {@link TaskFactory#DEFAULT} and {@link TaskFactory#EAGER} end here. */
    <T> Task<T> newTask(Coroutine<T> coroutine, String name, boolean eager, Context context) {
        checkThread("EventLoop.createTask");
        return newTaskOnLoopThread(coroutine, name, eager, context);
    }

    /**
     * {@code Asyncio.createTask(coroutine)}: the caller found this loop with {@link #current()},
     * which proved it runs on this thread, so the thread is not tested again.
     */
    <T> Task<T> createTaskOnLoopThread(Coroutine<T> coroutine) {
        return taskFactory == null ? newTaskOnLoopThread(coroutine, null, false, null) : createTask(coroutine);
    }

    private <T> Task<T> newTaskOnLoopThread(Coroutine<T> coroutine, String name, boolean eager, Context context) {
        Task<T> task = makeTask(coroutine, name, context);
        if (eager && running) {
            task.startEagerly();
        } else {
            task.start();
        }
        return task;
    }

    /**
     * A task for a gather's {@link StartBatch}: made as {@code createTask} makes it (the gather
     * checked the thread once for all its tasks), marked queued, but not put in the ready queue:
     * the batch that starts it is.
     */
    <T> Task<T> newBatchedTask(Coroutine<T> coroutine) {
        Task<T> task = makeTask(coroutine, null, null);
        task.markQueued();
        return task;
    }

    /** A new task of this loop, linked and in its context, not started. */
    private <T> Task<T> makeTask(Coroutine<T> coroutine, String name, Context context) {
        checkOpen();
        if (coroutine == null) {
            throw new NullPointerException("createTask(null)");
        }
        CoroutineFrame<T> frame;
        if (coroutine instanceof CoroutineFrame<T> f) {
            if (!FrameDriver.claim(f)) {
                throw new IllegalStateException(f + " was already started or scheduled; a coroutine"
                        + " runs once: create a new one by calling the @Async method again");
            }
            frame = f;
        } else {
            // done(), result(v) or a hand-written coroutine (a primitive's get, acquire...): a
            // frame awaits it, so that a task always runs a frame (one type on the step's path)
            frame = AwaitingCoroutine.of(coroutine);
            FrameDriver.claim(frame);
        }
        Task<T> task = Task.create(this, frame, name, nextTaskId++);
        link(task);
        if (NeverAwaited.on() && debug) { // no loop in debug mode: compiled away
            if (creationSites == null) {
                creationSites = new TaskCreationSites();
            }
            creationSites.record(task);
        }
        if (context != null) { // create_task(coro, context=ctx): the task runs in ctx itself
            taskContexts().inherit(task, context);
        } else if (ContextVar.inUse) { // a task starts with a copy of its creator's context
            Map<ContextVar<?>, Object> values = ContextVar.currentValues();
            if (!values.isEmpty()) {
                taskContexts().inherit(task, new Context(values));
            }
        }
        return task;
    }

    /**
     * Runs the loop until {@code coroutine} (wrapped in a task) finishes; returns its result or
     * rethrows its exception as it is.
     */
    public <T> T runUntilComplete(Coroutine<T> coroutine) {
        checkThread("EventLoop.runUntilComplete");
        checkOpen();
        if (running) {
            throw new IllegalStateException("this event loop is already running");
        }
        if (RUNNING.get() != null) {
            throw new IllegalStateException("another event loop is running on this thread;"
                    + " await the coroutine instead of running a nested loop");
        }
        Task<T> main = createTask(coroutine);
        runUntil(main);
        if (!main.isDone()) {
            throw new IllegalStateException("Event loop stopped before Future completed.");
        }
        return main.resultNow();
    }

    /** Runs the loop until {@code task} is done or {@link #stop()} is called. */
    <T> void runUntil(Completion<T> task) {
        running = true;
        enterRunning();
        try {
            // at least one turn: a stop() requested before the run ends it after that turn (asyncio)
            turnsUntil(task);
        } finally {
            running = false;
            stopping = false;
            exitRunning();
        }
    }

    /** Runs the loop until {@link #stop()} is called. */
    public void runForever() {
        checkThread("EventLoop.runForever");
        checkOpen();
        if (running) {
            throw new IllegalStateException("this event loop is already running");
        }
        running = true;
        stopping = false;
        enterRunning();
        try {
            if (!stopping) {
                turnsUntil(null);
            }
        } finally {
            running = false;
            stopping = false;
            exitRunning();
        }
    }

    /**
     * Makes {@link #runForever()} return after the current turn; {@link #runUntilComplete}
     * then throws {@code IllegalStateException("Event loop stopped before Future completed.")}
     * if its coroutine is not done, as asyncio does.
     */
    public void stop() {
        checkThread("EventLoop.stop");
        stopping = true;
    }

    /**
     * asyncio's {@code loop.set_debug}: in debug mode a callback or task step that holds the loop
     * longer than {@link #setSlowStepThreshold the threshold} (100 ms by default) is logged with
     * the task and the lines where the step started and ended; a coroutine dropped without being
     * awaited is reported with the line that created it (process-wide while a loop is in debug
     * mode); and a task failure nobody retrieved names the line that created the task. Also on
     * with {@code -Djawait.debug=true}. See docs/debugging.md.
     */
    public void setDebug(boolean on) {
        checkThread("EventLoop.setDebug");
        if (on != debug && !closed) {
            if (on) {
                NeverAwaited.enable();
            } else {
                NeverAwaited.disable();
            }
        }
        debug = on;
    }

    public boolean getDebug() {
        return debug;
    }

    /** The slow-step threshold of debug mode. */
    long slowStepNanos() {
        return slowStepNanos;
    }

    /** asyncio's {@code slow_callback_duration}; also {@code -Djawait.slowStepMillis=}. */
    public void setSlowStepThreshold(Duration threshold) {
        checkThread("EventLoop.setSlowStepThreshold");
        slowStepNanos = threshold.toNanos();
    }

    public boolean isRunning() {
        return running;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Tasks not finished yet (asyncio's {@code all_tasks}). */
    public List<Task<?>> allTasks() {
        checkThread("EventLoop.allTasks");
        List<Task<?>> out = new ArrayList<>(liveCount);
        for (Task<?> t = listed.newest; t != null; t = t.nextLive) {
            if (!t.isDone()) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * A snapshot of every live task: where it is suspended and which tasks it waits for
     * (asyncio's {@code capture_call_graph}). Loop thread only; from another thread use
     * {@code submit} or the JMX bean {@code io.github.jawait:type=EventLoops}.
     */
    public List<TaskInfo> tasks() {
        checkThread("EventLoop.tasks");
        List<TaskInfo> out = new ArrayList<>();
        for (Task<?> t : allTasks()) {
            out.add(TaskDump.describe(t));
        }
        out.sort((a, b) -> Integer.compare(a.id(), b.id()));
        return out;
    }

    /**
     * Prints the live tasks as trees of who awaits whom, each with the coroutines it is
     * suspended in, innermost first (like {@code python -m asyncio pstree}):
     * <pre>
     * 3 tasks
     * main [suspended] awaiting gather of 2
     *     at Crawler.main (await #1)
     * ├── fetch-1 [suspended] awaiting sleep(1.0s)
     * │       at Crawler.fetch (await #1)
     * └── fetch-2 [scheduled]
     * </pre>
     */
    public void dumpTasks(Appendable out) {
        TaskDump.print(tasks(), out);
    }

    /** The task running now, or null between tasks. */
    public Task<?> currentTask() {
        Task<?> eager = eagerTask;
        if (eager != null) {
            return eager;
        }
        Runnable r = ready.running();
        if (r instanceof Task<?> t) {
            return t;
        }
        return r instanceof StartBatch b ? b.running() : null;
    }

    /**
     * Turns until {@code task} is done (null: until {@link #stop()}) or the loop is stopping, at
     * least one, inside the I/O backend's {@link IoBackend#runTurns scope} as soon as the loop
     * has a backend (one installed during this run is entered from the next turn on). The test
     * is a plain method, not a supplier: a lambda here stayed out of line in the turn loop and
     * cost a call per turn (JFR: 3.6 % of a spawn benchmark's samples).
     */
    private void turnsUntil(Completion<?> task) {
        do {
            IoBackend backend = io.backendOrNull();
            if (backend != null && backend != scopedBackend) {
                scopedBackend = backend;
                try {
                    backend.runTurns(() -> {
                        do {
                            runOnce();
                        } while (!finished(task));
                    });
                } finally {
                    scopedBackend = null;
                }
                return;
            }
            runOnce();
        } while (!finished(task));
    }

    private boolean finished(Completion<?> task) {
        return stopping || (task != null && task.isDone());
    }

    /** One turn: take in messages and due timers, then run what was ready when the turn began. */
    private void runOnce() {
        inbox.drainTo(ready);
        if (ready.isEmpty()) {
            waitForWork();
        } else if (ioWatched) {
            pollIo(0); // work is ready, but I/O must not starve behind it
        }
        if (!timers.isEmpty()) { // reading the clock costs more than a whole task step
            long now = clock.nanoTime();
            TimerEntry due;
            while ((due = timers.pollDue(now)) != null) {
                due.onTimer();
                if (contexts != null) {
                    contexts.stepEnded();
                }
            }
        }
        int steps = ready.size();
        boolean recording = JfrEvents.on(); // constants while off (ConstantSwitch): no test is compiled
        Object stall = recording ? FlightEvents.turnBegan(this) : null;
        boolean timed = recording || (NeverAwaited.on() && debug); // each step is timed
        for (int n = steps; n > 0; n--) {
            Runnable r = ready.start(); // the current task while it runs (currentTask())
            try {
                if (timed && !(r instanceof StartBatch)) { // a batch times each of its steps
                    SlowStepWatch.run(r, debug, slowStepNanos, stall != null);
                } else {
                    r.run();
                }
            } catch (Throwable t) {
                if (t instanceof VirtualMachineError vme) {
                    throw vme;
                }
                RuntimeLog.LOG.log(System.Logger.Level.ERROR, "exception in callback " + r, t);
            } finally {
                ready.finish();
            }
            if (contexts != null) { // what an unwrapped callback set ends with it
                contexts.stepEnded();
            }
        }
        if (stall != null) {
            FlightEvents.turnEnded(this, stall, steps, ready.size());
        }
    }

    private void waitForWork() {
        JfrEvents.watchRecordings(); // idle: a good moment to notice that JFR has come up
        if (timers.isEmpty()) {
            sleep(Long.MAX_VALUE);
            return;
        }
        long deadline = timers.nextDeadline();
        long wait = deadline - clock.nanoTime();
        if (wait <= 0) {
            if (ioWatched) {
                pollIo(0);
            }
            return;
        }
        if (externalWaits > 0 || ioWatched) {
            long grace = clock.autojumpGraceNanos();
            if (grace > 0) {
                // a virtual clock: give other threads and peers a moment before time jumps
                sleep(Math.min(grace, wait));
                if (!ready.isEmpty()) {
                    return;
                }
            }
        }
        if (inbox.isEmpty() && clock.advanceWhenIdle(deadline)) {
            return;
        }
        sleep(wait);
    }

    /** Sleeps until a message, a ready channel or {@code nanos}; in the selector only while I/O is watched. */
    private void sleep(long nanos) {
        if (ioWatched) {
            try {
                inbox.sleepIn(io.backend(), nanos);
            } catch (IOException e) {
                RuntimeLog.LOG.log(System.Logger.Level.ERROR, "the event loop's I/O poll failed", e);
            }
        } else {
            inbox.sleep(nanos);
        }
        inbox.drainTo(ready);
    }

    private void pollIo(long nanos) {
        try {
            io.backend().poll(nanos);
        } catch (IOException e) {
            RuntimeLog.LOG.log(System.Logger.Level.ERROR, "the event loop's I/O poll failed", e);
        }
        if (contexts != null) { // I/O handlers are not wrapped either: what they set ends with the poll
            contexts.stepEnded();
        }
    }

    /**
     * Cancels the tasks still pending, runs the loop until their catch and finally blocks are
     * done, reports failures nobody retrieved, and closes the loop. Idempotent.
     */
    @Override
    public void close() {
        checkThread("EventLoop.close");
        if (closed) {
            return;
        }
        if (running) {
            throw new IllegalStateException("cannot close a running event loop");
        }
        try {
            cancelRemainingTasks();
            shutdownAsyncgensNow();
        } finally {
            closed = true;
            runHandoffs(inbox.close());
            io.close();
            shutdownDefaultExecutor();
            reportUnobservedFailures();
            if (debug) {
                NeverAwaited.disable();
            }
        }
    }

    /** Messages that hand outcomes to other loops run even after close (see {@link Inbox.Handoff}). */
    private void runHandoffs(List<Inbox.Handoff> left) {
        for (Inbox.Handoff h : left) {
            try {
                h.run();
            } catch (RuntimeException e) {
                RuntimeLog.LOG.log(System.Logger.Level.ERROR, "exception in handoff " + h + " at close", e);
            }
        }
    }

    private void cancelRemainingTasks() {
        if (liveCount == 0) {
            return;
        }
        List<Task<?>> cancelled = new ArrayList<>();
        int[] pending = {0};
        Completion.Listener ended = c -> pending[0]--;
        running = true;
        enterRunning();
        try {
            // Rounds: cancel every live task once and run until those have ended; tasks their
            // cleanup started are cancelled in the next round, instead of being waited for
            // (one that waits for an event nobody sets would make close() hang).
            while (liveCount > 0) {
                List<Task<?>> left = allTasks();
                pending[0] = left.size();
                for (Task<?> t : left) {
                    t.listen(ended);
                    t.cancel();
                }
                cancelled.addAll(left);
                while (pending[0] > 0) {
                    runOnce();
                }
            }
        } finally {
            running = false;
            exitRunning();
        }
        for (Task<?> t : cancelled) {
            if (t.isDone() && !t.cancelled() && t.state == Completion.FAILED && !t.retrieved()
                    && firstReport((Throwable) t.value)) {
                t.markRetrieved();
                RuntimeLog.LOG.log(System.Logger.Level.ERROR, "unhandled exception during shutdown in "
                        + t.getName() + createdAt(t), (Throwable) t.value);
            }
        }
    }

    /**
     * Closes the async generators this loop started that are still paused at an emit, so that
     * their {@code finally} blocks run (asyncio's {@code loop.shutdown_asyncgens()}, which
     * {@code asyncio.run} calls); a failure while closing one is logged. {@link #close()}
     * does this after cancelling the tasks left.
     */
    public Coroutine<Void> shutdownAsyncgens() {
        checkThread("EventLoop.shutdownAsyncgens");
        return GeneratorShutdown.of(this, OpenGenerators.takePaused(this));
    }

    private void shutdownAsyncgensNow() {
        Coroutine<Void> c = shutdownAsyncgens();
        if (!(c instanceof CompletedCoroutine<?>)) {
            runUntil(createTask(c, "shutdownAsyncgens"));
        }
    }

    private void reportUnobservedFailures() {
        for (Completion<?> c : unobservedFailures) {
            if (!c.retrieved()) {
                c.markRetrieved();
                if (!firstReport((Throwable) c.value)) {
                    continue; // the same failure seen through another awaitable (two shields)
                }
                String what = c instanceof Task<?> t ? "Task " + t.getName() + " (" + t.getCoroutine() + ")" : c.toString();
                RuntimeLog.LOG.log(System.Logger.Level.ERROR, what + ": exception was never retrieved"
                        + (c instanceof Task<?> t ? createdAt(t) : ""), (Throwable) c.value);
            }
        }
        unobservedFailures.clear();
        reported.clear();
    }

    /** Debug mode: {@code "; task created at Owner.method(File.java:12)"}, or nothing. */
    private String createdAt(Task<?> t) {
        String site = creationSites == null ? null : creationSites.of(t);
        return site == null ? "" : "; task created at " + site;
    }

    /** Failures logged at close, so that one failure seen through several awaitables is logged once. */
    private final java.util.Set<Throwable> reported = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private boolean firstReport(Throwable failure) {
        return reported.add(failure);
    }

    /** The name of the thread the loop belongs to, for messages. */
    String ownerName() {
        return owner.getName();
    }

    /** Whether the calling thread is the one this loop belongs to. */
    boolean inLoopThread() {
        return Thread.currentThread() == owner;
    }

    void checkThread(String what) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException(what + "() called from thread '"
                    + Thread.currentThread().getName() + "', but this event loop belongs to thread '"
                    + owner.getName() + "'; use callSoonThreadsafe() to reach the loop from another thread");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("event loop is closed");
        }
    }

    /**
     * Whether the next turn would run only the task yielding now: nothing ready, no timer
     * armed, no message posted, no stop requested. Then {@code sleep(0)} need not go round the
     * loop, which is what makes a yield cost a few nanoseconds.
     */
    boolean onlyThisCouldRun() {
        return !ioWatched && ready.isEmpty() && timers.isEmpty() && !stopping && inbox.isEmpty();
    }

    TaskContexts taskContexts() {
        if (contexts == null) {
            contexts = new TaskContexts();
        }
        return contexts;
    }

    /**
     * A callback runs in a copy of the context it was scheduled from (asyncio's call_soon). The
     * copy is lazy (TaskContexts.snapshot): the values are an immutable map, shared until the
     * callback sets one. Where nothing is set the callback is not wrapped: it reads nothing, and
     * what it sets is dropped when its step ends (stepEnded), so it never reaches the task or
     * callback that runs next (test_context_2).
     */
    private Runnable inCurrentContext(Runnable callback) {
        Map<ContextVar<?>, Object> values = ContextVar.currentValues();
        return values.isEmpty() ? callback : taskContexts().snapshot(callback, values);
    }

    void ready(Runnable r) {
        ready.add(r);
    }

    CancelMessages cancelMessages() {
        return cancelMessages;
    }

    TimerHeap timers() {
        return timers;
    }

    void noteFailure(Completion<?> c) {
        unobservedFailures.add(c);
    }

    void externalWaitStarted() {
        externalWaits++;
    }

    void externalWaitEnded() {
        externalWaits--;
    }

    private void link(Task<?> t) {
        TaskList list = listed;
        t.nextLive = list.newest;
        list.newest = t;
        listedCount++;
        liveCount++;
    }

    /** Called once per task, as it finishes (just before it settles). */
    void taskEnded(Task<?> t) {
        liveCount--;
        cancelMessages.forget(t);
        if (contexts != null) {
            contexts.ended(t);
        }
        // a sweep walks every listed task, live or not: sweeping when finished ones outnumber the
        // live three to one walks each task 1.33 times over a burst that ends them all (twice at
        // one to one), for holding at most three finished tasks per live one until the sweep
        if (listedCount > 4 * liveCount + 64) {
            dropFinishedTasks(t);
        }
    }

    /**
     * Unlinks the finished tasks (and {@code ending}, which is about to be); amortized O(1). A
     * link is written only where it changes: the tasks of a big burst are old by the time it
     * runs, and rewriting each kept task's unchanged link dirtied a card of the old generation
     * per task, which G1's refinement threads then had to scan (a run of tasks kept together,
     * the common case, needs no write at all).
     */
    private void dropFinishedTasks(Task<?> ending) {
        Task<?> first = null;
        Task<?> kept = null;
        int count = 0;
        for (Task<?> t = listed.newest; t != null; ) {
            Task<?> next = t.nextLive;
            if (t.isDone() || t == ending) {
                t.nextLive = null; // a null store: G1 filters it without touching a card
            } else {
                if (kept == null) {
                    first = t;
                } else if (kept.nextLive != t) {
                    kept.nextLive = t;
                }
                kept = t;
                count++;
            }
            t = next;
        }
        if (kept != null) {
            kept.nextLive = null;
        }
        TaskList fresh = new TaskList(); // young again: see listed
        fresh.newest = first;
        listed = fresh;
        listedCount = count;
    }

    @Override
    public String toString() {
        return "<EventLoop running=" + running + " closed=" + closed + " tasks=" + liveCount
                + " ready=" + ready.size() + " timers=" + timers.size() + ">";
    }

    // ---- I/O: asyncio's add_reader/add_writer and sock_* (the work is in LoopIo and io/) ----

    /**
     * The loop's {@link IoBackend}, installing the one {@code factory} makes if the loop has none
     * yet (the default, a JDK {@code Selector}, is made on the first {@link #addReader}). For
     * integrations that bring their own readiness source and want this loop to poll it (the
     * postgres module drives Netty's {@code ManualIoEventLoop} this way, see docs/io.md); compare
     * the result with what you installed. Loop thread only.
     */
    public IoBackend ioBackend(java.util.function.Supplier<? extends IoBackend> factory) {
        checkThread("EventLoop.ioBackend");
        Objects.requireNonNull(factory, "factory");
        if (closed) {
            throw new IllegalStateException("the event loop is closed");
        }
        return io.backend(factory);
    }

    /**
     * Makes every loop turn poll the {@link IoBackend} (and the loop wait in its poll) although no
     * channel is watched through {@link #addReader}/{@link #addWriter}: for a backend that also
     * serves another library's sockets. Counted; pair each call with {@link #releaseIo()}. Loop
     * thread only.
     */
    public void holdIo() {
        checkThread("EventLoop.holdIo");
        io.hold(true);
    }

    /** Withdraws one {@link #holdIo()}. Loop thread only. */
    public void releaseIo() {
        checkThread("EventLoop.releaseIo");
        if (closed) {
            return; // close() dropped every hold with the backend
        }
        io.hold(false);
    }

    /**
     * Calls {@code callback} on the loop thread each time {@code channel} is readable (or, for
     * a {@link ServerSocketChannel}, has a connection to accept), until {@link #removeReader}:
     * asyncio's {@code loop.add_reader}. Replaces the channel's previous reader. The channel
     * must be non-blocking; remove the reader before closing the channel.
     */
    public void addReader(SelectableChannel channel, Runnable callback) {
        checkThread("EventLoop.addReader");
        checkOpen();
        io.addReader(channel, callback);
    }

    /** Stops watching {@code channel} for reading; true if a reader was registered. */
    public boolean removeReader(SelectableChannel channel) {
        checkThread("EventLoop.removeReader");
        return io.removeReader(channel);
    }

    /**
     * Calls {@code callback} each time {@code channel} is writable (for a socket whose connect
     * is in progress: when the connect completes), until {@link #removeWriter}:
     * asyncio's {@code loop.add_writer}.
     */
    public void addWriter(SelectableChannel channel, Runnable callback) {
        checkThread("EventLoop.addWriter");
        checkOpen();
        io.addWriter(channel, callback);
    }

    /** Stops watching {@code channel} for writing; true if a writer was registered. */
    public boolean removeWriter(SelectableChannel channel) {
        checkThread("EventLoop.removeWriter");
        return io.removeWriter(channel);
    }

    /**
     * Stops watching {@code channel} and closes it, releasing the OS socket at once. Close
     * watched channels this way: a JDK channel closed while registered with a selector keeps
     * its socket open until the loop's next poll (a closed listener would still accept, a closed
     * connection would not send its FIN yet). On a closed loop it just closes the channel: the
     * selector is gone, and nothing watches it any more.
     */
    public void closeChannel(SelectableChannel channel) throws IOException {
        if (closed) {
            channel.close();
            return;
        }
        checkThread("EventLoop.closeChannel");
        io.closeChannel(channel);
    }

    /** Whether a reader is registered for {@code channel}. */
    public boolean hasReader(SelectableChannel channel) {
        checkThread("EventLoop.hasReader");
        return io.hasReader(channel);
    }

    /** Whether a writer is registered for {@code channel}. */
    public boolean hasWriter(SelectableChannel channel) {
        checkThread("EventLoop.hasWriter");
        return io.hasWriter(channel);
    }

    /**
     * Receives up to {@code maxBytes} from {@code channel}: asyncio's {@code loop.sock_recv}.
     * Completes with what one read gave (at least one byte), or an empty array at end of
     * stream. Nothing happens until it is awaited.
     */
    public Coroutine<byte[]> sockRecv(SocketChannel channel, int maxBytes) {
        return SocketOperations.recv(this, channel, maxBytes);
    }

    /**
     * Reads into {@code buffer} once data is there: asyncio's {@code loop.sock_recv_into}.
     * Completes with the number of bytes read, or -1 at end of stream (Java's convention).
     */
    public Coroutine<Integer> sockRecvInto(SocketChannel channel, ByteBuffer buffer) {
        return SocketOperations.recvInto(this, channel, buffer);
    }

    /** Writes all of {@code data}, waiting while the socket's send buffer is full: {@code loop.sock_sendall}. */
    public Coroutine<Void> sockSendAll(SocketChannel channel, ByteBuffer data) {
        return SocketOperations.sendAll(this, channel, data);
    }

    /**
     * Connects {@code channel} to {@code address}: {@code loop.sock_connect}. An unresolved
     * address is resolved on the default executor first, so the loop never blocks on DNS.
     * Fails with the JDK's {@link java.net.ConnectException} when refused.
     */
    public Coroutine<Void> sockConnect(SocketChannel channel, SocketAddress address) {
        return SocketOperations.connect(this, channel, address);
    }

    /** Accepts one connection: {@code loop.sock_accept}; the new channel is non-blocking. */
    public Coroutine<SocketChannel> sockAccept(ServerSocketChannel channel) {
        return SocketOperations.accept(this, channel);
    }

    /**
     * Runs {@code fn} on {@code executor} (null: the default executor) and returns an awaitable
     * of its outcome, delivered on this loop: asyncio's {@code loop.run_in_executor}.
     */
    public <T> Awaitable<T> runInExecutor(Executor executor, java.util.concurrent.Callable<T> fn) {
        checkThread("EventLoop.runInExecutor");
        Objects.requireNonNull(fn, "runInExecutor(executor, null)");
        return ExecutorFuture.start(this, executor != null ? executor : defaultExecutor(), fn);
    }

    // ---- threads: the default executor and submit (issue #5) ----

    private ExecutorService defaultExecutor;

    /**
     * The executor {@link Asyncio#toThread} and {@code runInExecutor(null, ...)} use: a pool of
     * up to {@code min(32, cpus + 4)} threads (asyncio's default), created on first use, idle
     * threads ending after a minute; {@link #close()} shuts it down.
     */
    Executor defaultExecutor() {
        checkThread("EventLoop.defaultExecutor");
        checkOpen();
        if (defaultExecutor == null) {
            int n = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
            ThreadPoolExecutor pool = new ThreadPoolExecutor(n, n, 60, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), new DefaultThreads(owner));
            pool.allowCoreThreadTimeOut(true);
            defaultExecutor = pool;
        }
        return defaultExecutor;
    }

    /**
     * Replaces the default executor (asyncio's {@code set_default_executor}); as in asyncio,
     * the loop shuts it down when it closes. A pool the loop had made itself is shut down now.
     */
    public void setDefaultExecutor(ExecutorService executor) {
        checkThread("EventLoop.setDefaultExecutor");
        checkOpen();
        ExecutorService old = defaultExecutor;
        defaultExecutor = Objects.requireNonNull(executor, "executor");
        if (old instanceof ThreadPoolExecutor own && own.getThreadFactory() instanceof DefaultThreads && old != executor) {
            old.shutdown();
        }
    }

    /** Names the default executor's threads {@code jawait-executor-<loop thread>-<n>}. */
    private static final class DefaultThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger count = new AtomicInteger();

        DefaultThreads(Thread owner) {
            this.prefix = "jawait-executor-" + owner.getName() + "-";
        }

        @Override
        public Thread newThread(Runnable r) {
            return new Thread(r, prefix + count.incrementAndGet());
        }
    }

    /**
     * Any thread: runs {@code coroutine} as a task on this loop and returns a future of its
     * outcome, asyncio's {@code run_coroutine_threadsafe}. The task starts when the loop next
     * turns (the loop must be running, or run later); its result, exception or cancellation
     * completes the future. Cancelling the future cancels the task.
     *
     * <pre>{@code
     * CompletableFuture<String> f = loop.submit(fetch(url));   // from any thread
     * String body = f.get(5, TimeUnit.SECONDS);
     * }</pre>
     *
     * @throws IllegalStateException if the loop is closed
     */
    public <T> CompletableFuture<T> submit(Coroutine<T> coroutine) {
        Objects.requireNonNull(coroutine, "submit(null)");
        return Submission.start(this, () -> coroutine);
    }

    private void shutdownDefaultExecutor() {
        ExecutorService executor = defaultExecutor;
        defaultExecutor = null;
        if (executor != null) {
            executor.shutdown();
        }
    }
}
