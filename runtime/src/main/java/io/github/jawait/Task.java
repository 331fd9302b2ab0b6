package io.github.jawait;

import io.github.jawait.core.CompletedCoroutine;
import io.github.jawait.core.CoroutineFrame;
import io.github.jawait.core.FrameDriver;
import io.github.jawait.core.StateMachine;
import io.github.jawait.core.TaskAccess;
import io.github.jawait.jfr.JfrEvents;
import io.github.jawait.core.Suspendable;
import io.github.jawait.loop.TimerEntry;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A coroutine scheduled to run concurrently on an event loop, asyncio's {@code Task}.
 *
 * <pre>{@code
 * Task<String> t = createTask(fetch(url), "fetch");   // starts on the next loop turn
 * doOtherWork();
 * String body = await(t);                             // its result, or its exception rethrown
 * }</pre>
 *
 * <table>
 * <caption>States</caption>
 * <tr><th>state</th><th>{@link #done()}</th><th>{@link #cancelled()}</th><th>{@link #result()}</th></tr>
 * <tr><td>pending (scheduled, running or suspended)</td><td>false</td><td>false</td><td>throws IllegalStateException</td></tr>
 * <tr><td>succeeded</td><td>true</td><td>false</td><td>the value</td></tr>
 * <tr><td>failed</td><td>true</td><td>false</td><td>throws the exception</td></tr>
 * <tr><td>cancelled</td><td>true</td><td>true</td><td>throws {@link CancelledError}</td></tr>
 * </table>
 *
 * <p>A task runs its coroutine until it suspends, then waits; the awaitable it waits for wakes
 * it, and it resumes on a later loop turn. A task belongs to its loop's thread: calling it from
 * another thread fails with a clear message. A failure nobody retrieves is logged when the loop
 * closes, never lost.
 *
 * @param <T> the coroutine's result
 */
public sealed class Task<T> extends Completion<T> implements Runnable, TimerEntry permits Task.Named {
    /**
     * The task's number on its loop, in creation order ({@code Task-N}). A task given a name at
     * creation is a {@link Named}: the field for the name is paid only by tasks that have one,
     * which keeps a plain task at 40 bytes (the 8-byte alignment makes a 4-byte saving count only
     * together with another; see docs/runtime.md, "Memory per task").
     */
    private final int id;

    /**
     * The coroutine's frame before the first step; then the innermost frame of the running chain
     * (the coroutine is found again by walking callers). One field instead of two: tasks are
     * counted in millions. Always a frame (createTask wraps anything else), typed so: with frame
     * shapes being subclasses, a cast here on every step would cost a super-type check.
     */
    private CoroutineFrame<?> current;
    /**
     * Pending cancellation requests (asyncio's {@code cancelling()}); a short, so that it shares
     * the object header's spare word with the state and flag bytes. Saturates at 32767.
     */
    private short cancelRequests;
    private int timerSeq = -1;

    static {
        TaskAccess.install(Task::wake);
    }

    /** Flag: in the loop's ready queue. */
    private static final byte QUEUED = 2;
    /** Flag: a cancellation is to be thrown at the next await (or before the first step). */
    private static final byte MUST_CANCEL = 4;
    /**
     * Flag: parked on what its innermost frame awaits ({@code FrameDriver.awaiting(current)}).
     * The frame already holds that awaitable, so the task keeps one bit, not a reference.
     */
    private static final byte PARKED = 8;

    /**
     * Flag: running its first step eagerly, inside its creator's turn (asyncio 3.12
     * {@code eager_start}); the creator is suspended mid-step, so a {@code sleep(0)} must go
     * round the loop.
     */
    private static final byte EAGER = 16;

    /**
     * Flag: made for a {@link StartBatch}, until its first step is over. The tasks of the batch
     * left to start in the turn are not in the ready queue, so a {@code sleep(0)} in that step
     * goes round the loop without asking it whether anything else could run (asyncio always
     * does). Set with {@link #QUEUED} by the gather and cleared whenever the task is scheduled
     * again (every later step follows a {@link #schedule()}): no instruction of its own.
     */
    private static final byte SIBLINGS_LEFT = 32;

    /** The next older task in the loop's list of tasks (see {@code EventLoop.listed}). */
    Task<?> nextLive;

    Task(EventLoop loop, CoroutineFrame<T> coroutine, int id) {
        super(loop);
        this.current = coroutine;
        this.id = id;
    }

    /** A new task: a {@link Named} one when {@code name} is given. */
    static <T> Task<T> create(EventLoop loop, CoroutineFrame<T> coroutine, String name, int id) {
        return name == null ? new Task<>(loop, coroutine, id) : new Named<>(loop, coroutine, name, id);
    }

    /** A task created with a name: the one subclass, so that unnamed tasks carry no name field. */
    static final class Named<T> extends Task<T> {
        private String name;

        Named(EventLoop loop, CoroutineFrame<T> coroutine, String name, int id) {
            super(loop, coroutine, id);
            this.name = name;
        }
    }

    /**
     * Names set with {@link #setName} on tasks created without one (rare): weakly held, so a
     * renamed task is not kept alive by its name; any thread may read a name.
     */
    private static volatile Map<Task<?>, String> renamed;

    private boolean has(byte flag) {
        return (flags & flag) != 0;
    }

    private void set(byte flag) {
        flags |= flag;
    }

    private void clear(byte flag) {
        flags &= (byte) ~flag;
    }

    /** What the task is parked on, or null when it is not parked (running, ready or done). */
    private Object waitingOn() {
        return has(PARKED) ? FrameDriver.awaiting(current) : null;
    }

    /** The task's name: the one given to {@code createTask}, or {@code Task-N}. */
    /** Diagnostics: the task's number on its loop. */
    int id() {
        return id;
    }

    /** Diagnostics: the innermost coroutine the task runs (a frame while suspended). */
    Coroutine<?> currentCoroutine() {
        return current;
    }

    /** Diagnostics: whether the task is on the ready queue. */
    boolean isScheduled() {
        return has(QUEUED);
    }

    /** Diagnostics: whether this task is the one running now. */
    boolean isRunningNow() {
        return loop.currentTask() == this;
    }

    public String getName() {
        String name = this instanceof Named<?> n ? n.name : renamedTo();
        return name != null ? name : "Task-" + id;
    }

    private String renamedTo() {
        Map<Task<?>, String> names = renamed;
        return names == null ? null : names.get(this);
    }

    public void setName(String name) {
        loop.checkThread("Task.setName");
        if (this instanceof Named<?> n) {
            n.name = name;
            return;
        }
        Map<Task<?>, String> names = renamed;
        if (names == null) {
            synchronized (Task.class) {
                names = renamed;
                if (names == null) {
                    names = Collections.synchronizedMap(new WeakHashMap<>());
                    renamed = names;
                }
            }
        }
        if (name == null) {
            names.remove(this);
        } else {
            names.put(this, name);
        }
    }

    /**
     * The coroutine this task runs: the one given to {@code createTask}, or, for a coroutine
     * that is not an {@code @Async} method's ({@code done()}, a primitive's {@code acquire()}),
     * the frame the task wrapped it in.
     */
    @SuppressWarnings("unchecked")
    public Coroutine<T> getCoroutine() {
        return (Coroutine<T>) FrameDriver.outermost(current);
    }

    /** Whether the task has finished: succeeded, failed or cancelled. */
    public boolean done() {
        return isDone();
    }

    @Override
    public boolean cancelled() {
        return super.cancelled();
    }

    /**
     * The result; rethrows the task's exception (as it is, unwrapped), {@link CancelledError}
     * when cancelled, {@link IllegalStateException} while pending.
     */
    public T result() {
        loop.checkThread("Task.result");
        return resultNow();
    }

    /** The exception the task failed with, or null if it succeeded; throws as {@link #result()} when cancelled or pending. */
    public Throwable exception() {
        loop.checkThread("Task.exception");
        if (state == CANCELLED) {
            return (Throwable) outcome();
        }
        return failure();
    }

    /** Calls {@code callback} on the loop (a later turn) once the task is done. */
    public void addDoneCallback(Consumer<? super Task<T>> callback) {
        loop.checkThread("Task.addDoneCallback");
        if (isDone()) {
            loop.callSoon(() -> callback.accept(this));
        } else {
            addWaiter(callback);
        }
    }

    /** A {@link CompletableFuture} completed (on the loop thread) with this task's outcome. */
    public CompletableFuture<T> toCompletableFuture() {
        loop.checkThread("Task.toCompletableFuture");
        CompletableFuture<T> cf = new CompletableFuture<>();
        addDoneCallback(t -> {
            if (t.state == SUCCEEDED) {
                cf.complete(t.resultNow());
            } else {
                cf.completeExceptionally(t.failure());
            }
        });
        return cf;
    }

    /** {@link #cancel(Object)} without a message. */
    public boolean cancel() {
        return cancel((Object) null);
    }

    /** {@link #cancel(Object)} with a text message: the common case, kept source- and binary-compatible. */
    public boolean cancel(String message) {
        return cancel((Object) message);
    }

    /**
     * Requests cancellation: {@link CancelledError} is thrown into the coroutine at its current
     * await (or at its first one, if it is running or not started). Its catch and finally
     * blocks run and may await. A task waiting for another task cancels that one too.
     * Returns false if the task is already done (and then counts its outcome as retrieved: a
     * failure it ended with is not logged at close, as asyncio's {@code cancel()} does).
     *
     * <p>{@code message} may be any object, as asyncio's {@code cancel(msg)}: the
     * {@link CancelledError} carries it as it is ({@link CancelledError#messageObject()}) and its
     * {@code String.valueOf} as {@link CancelledError#getMessage()}; null means no message.
     */
    public boolean cancel(Object message) {
        loop.checkThread("Task.cancel");
        if (isDone()) {
            // asyncio: whoever cancels a finished task has given up on its outcome, so a failure
            // it ended with is not reported as never retrieved (test_tb_logger_not_called_after_cancel)
            markRetrieved();
            return false;
        }
        if (cancelRequests < Short.MAX_VALUE) {
            cancelRequests++;
        }
        loop.cancelMessages().set(this, message); // for the CancelledError delivered later
        Object waitingOn = waitingOn();
        if (waitingOn instanceof Completion<?> inner && inner.cancelInward(message)) {
            // asyncio: the cancellation travels inward; this task sees it when inner finishes
            return true;
        }
        if (waitingOn != null) {
            stopWaiting();
            FrameDriver.throwInto(current, newCancelledError());
            schedule();
        } else {
            set(MUST_CANCEL);
        }
        return true;
    }

    /** How many cancellation requests are pending (asyncio 3.11 {@code cancelling()}). */
    public int cancelling() {
        return cancelRequests;
    }

    /** Withdraws one cancellation request; returns the remaining count (asyncio {@code uncancel()}). */
    public int uncancel() {
        loop.checkThread("Task.uncancel");
        if (cancelRequests > 0) {
            cancelRequests--;
            if (cancelRequests == 0) {
                clear(MUST_CANCEL);
                loop.cancelMessages().forget(this); // the pending cancellation's message
            }
        }
        return cancelRequests;
    }

    /** A task awaiting itself would wait forever (and a cancel() would recurse into itself). */
    @Override
    public void park(Task<?> waiter) {
        if (waiter == this) {
            throw new IllegalStateException("Task cannot await on itself: " + this);
        }
        super.park(waiter);
    }

    @Override
    boolean cancelInward(Object message) {
        return !isDone() && cancel(message);
    }

    /** Loop-internal: one step of the task. Run by the event loop; do not call it. */
    @Override
    public void run() {
        if (!has(QUEUED)) {
            throw new IllegalStateException("Task.run() is called by the event loop only");
        }
        clear(QUEUED);
        if (isDone()) {
            return;
        }
        step(); // the current task: the loop's ready queue holds this as its running item
    }

    private void step() {
        CoroutineFrame<?> f = current;
        if (FrameDriver.isClaimed(f)) { // the first step
            FrameDriver.unclaim(f);
            if (JfrEvents.on()) {
                FlightEvents.taskStarted(this);
            }
            CoroutineFrame<?> root = f;
            if (has(MUST_CANCEL)) {
                clear(MUST_CANCEL);
                FrameDriver.failUnstarted(root, newCancelledError());
                finish(root);
                return;
            }
        } else if (has(MUST_CANCEL)) {
            Object aw = FrameDriver.awaiting(f);
            if (!(aw instanceof Suspendable s && s.granted())) {
                // cancelled after a wake-up: a primitive takes back what it handed over and passes
                // it on (asyncio); only a Waiter's value is kept, the cancellation hitting the next await
                clear(MUST_CANCEL);
                if (aw instanceof Suspendable s) {
                    s.revoke();
                }
                FrameDriver.throwInto(f, newCancelledError());
            }
        }
        while (true) {
            CoroutineFrame<?> started = f; // == current
            f = FrameDriver.run(f);
            if (f != started) { // stored only when it changed: every reference store pays G1's barrier
                current = f;
                FrameDriver.leftBehind(started);
            }
            if (!FrameDriver.isSuspended(f)) {
                finish(f);
                return;
            }
            Object aw = FrameDriver.awaiting(f);
            if (aw == Sleep.YIELD && (flags & (MUST_CANCEL | EAGER | SIBLINGS_LEFT)) == 0 && loop.onlyThisCouldRun()) {
                continue; // sleep(0) with nothing else to run: the next turn would run only us
            }
            park(aw);
            return;
        }
    }

    private void finish(CoroutineFrame<?> root) {
        Object r = FrameDriver.result(root);
        if (!FrameDriver.failed(root)) {
            if (has(MUST_CANCEL)) {
                // cancelled while it ran, and it returned without another await: asyncio
                // cancels it all the same (the value is dropped)
                clear(MUST_CANCEL);
                end(CANCELLED, newCancelledError());
                return;
            }
            end(SUCCEEDED, r);
        } else if (r instanceof CancelledError) {
            end(CANCELLED, r);
        } else {
            end(FAILED, r);
        }
    }

    private void end(int newState, Object newValue) {
        loop.taskEnded(this);
        if (JfrEvents.on()) {
            FlightEvents.taskEnded(this, newState, newValue);
        }
        settle(newState, newValue);
    }

    private void park(Object aw) {
        CoroutineFrame<?> f = current;
        if (!(aw instanceof Suspendable) && aw instanceof CompletionStage<?> stage) {
            // the frame awaits the mirror (or the StageWait) from now on; its outcome is the stage's
            Suspendable w = stage instanceof CompletableFuture<?> cf && cancellable(cf)
                    ? ExternalFuture.mirror(loop, cf, "the awaited CompletionStage was cancelled")
                    : new StageWait(stage);
            FrameDriver.replaceAwaiting(f, w);
            if (w.isDone()) {
                // the future completed since the frame looked (the mirror took it inline): a
                // done Completion wakes nobody, so resume now and read it
                schedule();
                return;
            }
            aw = w;
        }
        if (aw instanceof Suspendable s) {
            set(PARKED); // before park(): a Suspendable may wake us at once (sleep(0))
            try {
                s.park(this);
            } catch (RuntimeException refused) {
                // e.g. awaited by another task already: the await throws it, the task goes on
                clear(PARKED);
                FrameDriver.throwInto(f, refused);
                schedule();
                return;
            }
        } else {
            parkOnAdapted(f, aw); // another library's future, or something nothing can await
            return;
        }
        // If the awaitable woke us at once (sleep(0), an operation already done) we are not
        // parked: MUST_CANCEL then stays set for the step that resumes us, which throws it (or,
        // after a grant, leaves it for the next await). Clearing it here lost the cancellation.
        if (has(MUST_CANCEL) && has(PARKED)) {
            clear(MUST_CANCEL);
            Object waitingOn = waitingOn();
            if (waitingOn instanceof Completion<?> inner && inner.cancelInward(cancelMessage())) {
                return;
            }
            stopWaiting();
            FrameDriver.throwInto(f, newCancelledError());
            schedule();
        }
    }

    /**
     * Whether {@code f} is a real future, which a cancelled awaiter cancels (asyncio cancels an
     * awaited future), and not a {@code minimalCompletionStage()}, which refuses cancel and isDone.
     */
    private static boolean cancellable(CompletableFuture<?> f) {
        try {
            f.isDone();
            return true;
        } catch (UnsupportedOperationException minimalStage) {
            return false;
        }
    }

    /**
     * "Await anything": {@code aw} is neither a jawait awaitable nor a CompletionStage. A
     * registered {@link io.github.jawait.spi.AwaitableAdapter} turns it into one, which the
     * frame awaits from now on; without one the await throws. Only this path consults
     * adapters, so jawait's own awaits never pay for them.
     */
    private void parkOnAdapted(CoroutineFrame<?> f, Object aw) {
        Object adapted;
        try {
            adapted = adapt(aw);
        } catch (RuntimeException refused) {
            FrameDriver.throwInto(f, refused);
            schedule();
            return;
        }
        FrameDriver.replaceAwaiting(f, adapted);
        if (StateMachine.isDone(adapted)) {
            schedule(); // resolved already: the frame reads the outcome when it resumes
        } else {
            park(adapted);
        }
    }

    private Object adapt(Object aw) {
        io.github.jawait.spi.AwaitableAdapter adapter = io.github.jawait.core.Adapters.forClass(aw.getClass());
        if (adapter == null) {
            throw new IllegalArgumentException(StateMachine.notAwaitable(aw));
        }
        Object adapted = adapter.adapt(aw);
        if (adapted instanceof CoroutineFrame<?> c && !c.isDone()) {
            return loop.createTask(c); // a coroutine needs a task of its own to run in
        }
        if (adapted instanceof Suspendable || adapted instanceof CompletionStage<?>
                || adapted instanceof CompletedCoroutine<?>) {
            return adapted;
        }
        throw new IllegalStateException(adapter.getClass().getName() + ".adapt(" + aw.getClass().getName()
                + ") returned " + (adapted == null ? "null" : adapted.getClass().getName())
                + ", which is not one of the runtime's awaitables");
    }

    private void stopWaiting() {
        Object aw = waitingOn();
        clear(PARKED);
        if (aw instanceof Suspendable s) {
            s.unpark(this);
        }
    }

    /**
     * One wait for a {@code CompletionStage} that is not a cancellable {@code CompletableFuture}
     * (a {@code minimalCompletionStage()}, another library's stage), completed by another thread. While it lasts, the
     * loop counts an outside party that may wake it (a virtual clock must not jump then); it
     * ends once, when the stage completes or the task stops waiting (cancelled). The frame
     * awaits it in the stage's place, and reads the stage's outcome through it on resuming.
     */
    private final class StageWait implements Suspendable {
        private final CompletionStage<?> stage;
        private boolean active = true;

        StageWait(CompletionStage<?> stage) {
            this.stage = stage;
        }

        @Override
        public boolean isDone() {
            return !active;
        }

        boolean end() {
            if (!active) {
                return false;
            }
            active = false;
            loop.externalWaitEnded();
            return true;
        }

        @Override
        public Object outcome() {
            return StateMachine.awaitDone(stage);
        }

        @Override
        public void park(Task<?> waiter) {
            loop.externalWaitStarted();
            stage.whenComplete((v, e) -> loop.callSoonThreadsafe(() -> {
                if (end()) {
                    wake(this);
                }
            }));
        }

        @Override
        public void unpark(Task<?> waiter) {
            end();
        }
    }

    /**
     * The frame awaits {@code substitute} instead of what it was parking on (another loop's
     * completion): it parks there, or resumes on the next turn if that is already done.
     */
    void awaitInstead(Completion<?> substitute) {
        FrameDriver.replaceAwaiting(current, substitute);
        if (substitute.isDone()) {
            wake(substitute);
        } else {
            substitute.addWaiter(this);
        }
    }

    /** The awaitable {@code from} is done: resume on a later loop turn. */
    void wake(Object from) {
        if (has(PARKED) && FrameDriver.awaiting(current) == from) {
            clear(PARKED);
            schedule();
        }
    }

    /** A sleep this task waits on was scheduled to finish at {@code deadline}. */
    void sleepUntil(Object sleep, long deadline) {
        loop.timers().add(this, deadline);
    }

    void cancelSleep() {
        loop.timers().remove(this);
    }

    void schedule() {
        if (!has(QUEUED)) {
            flags = (byte) ((flags | QUEUED) & ~SIBLINGS_LEFT); // a first step from a StartBatch is over
            loop.ready(this);
        }
    }

    /** Made for a gather's {@link StartBatch}: queued, as the batch that starts it is. */
    void markQueued() {
        flags |= QUEUED | SIBLINGS_LEFT;
    }

    /** Scheduled by the loop when the task is created. */
    void start() {
        schedule();
    }

    /**
     * asyncio 3.12's eager start: the first step runs now, as the current task, up to the
     * coroutine's first suspension; a coroutine that never suspends leaves the task done.
     */
    void startEagerly() {
        Task<?> previous = loop.eagerTask;
        loop.eagerTask = this;
        set(EAGER);
        try {
            step();
        } finally {
            clear(EAGER);
            loop.eagerTask = previous;
        }
    }

    private Object cancelMessage() {
        return state == PENDING ? loop.cancelMessages().of(this) : null;
    }

    private CancelledError newCancelledError() {
        Object m = cancelMessage();
        return m == null ? new CancelledError() : new CancelledError(m);
    }

    @Override
    public int timerSeq() {
        return timerSeq;
    }

    @Override
    public void timerSeq(int seq) {
        timerSeq = seq;
    }

    /** Loop-internal: the task's sleep is over. */
    @Override
    public void onTimer() {
        if (has(PARKED)) {
            clear(PARKED);
            schedule();
        }
    }

    @Override
    public String toString() {
        return RecursiveRepr.of(this, () -> {
            String s = switch (state) {
                case PENDING -> !FrameDriver.isClaimed(current) ? "pending, " + current : "pending";
                case SUCCEEDED -> "finished result=" + value;
                case FAILED -> "finished exception=" + value;
                default -> "cancelled";
            };
            return "<Task " + getName() + " " + s + " coro=" + getCoroutine() + ">";
        });
    }
}
