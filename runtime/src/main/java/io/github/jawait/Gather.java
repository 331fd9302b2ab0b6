package io.github.jawait;

import io.github.jawait.core.CoroutineFrame;
import io.github.jawait.core.FrameDriver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * {@code Asyncio.gather(...)} and {@code gatherSettled(...)}: runs every awaitable as a task
 * and completes with their results in argument order. Without {@code settled}, the first
 * failure (a cancelled child counts as one) completes the gather at once while the other
 * children keep running (asyncio); with it, the gather waits for all and reports each
 * {@link Outcome}. Cancelling the task that awaits the gather cancels every child.
 */
final class Gather<T> extends Completion<List<T>> implements Completion.Listener {
    /** One per argument, in argument order; an awaitable passed twice has the same task twice. */
    private final Task<?>[] children;

    /** Diagnostics: the tasks gathered, in argument order. */
    Task<?>[] childTasks() {
        return children;
    }
    /** Each task once. */
    private final Task<?>[] distinct;
    private final boolean settled;
    private int remaining;
    private boolean cancelRequested;
    /** The outcomes of {@code children[0, results.size())}: those that ended in argument order so far. */
    private ArrayList<Object> results;
    private Object cancelMessage;

    Gather(EventLoop loop, List<? extends Awaitable<?>> awaitables, boolean settled) {
        super(loop);
        this.settled = settled;
        children = new Task<?>[awaitables.size()];
        // the children that are distinct, made only once a repeat shows up (rare): until then
        // they are children[0, i)
        List<Task<?>> distinct = null;
        IdentityHashMap<Object, Task<?>> seen = null;
        // children done as they were made (an eager start that ran to the end): their outcome is
        // taken once all are made, as asyncio's gather does; the others are listened to at once,
        // while each new task is still in the cache (a million children: one pass, not two)
        List<Task<?>> doneAtOnce = null;
        // without a task factory the tasks made here start from one ready item (StartBatch)
        boolean batched = loop.getTaskFactory() == null;
        if (batched) { // createTask checks it for each task; the batch's tasks skip createTask
            loop.checkThread("EventLoop.createTask");
        }
        StartBatch batch = null;
        int count = 0;
        try {
            for (int i = 0; i < children.length; i++) {
                // the same awaitable twice is awaited once, its outcome in both places (asyncio)
                Object aw = awaitables.get(i);
                if (batched && aw instanceof CoroutineFrame<?> f && FrameDriver.isNew(f)) { // the common case
                    if (batch == null) { // queued where the first task made would have been
                        batch = new StartBatch(loop, children);
                        loop.ready(batch);
                    }
                    Task<?> t = startFresh(f, i, batch);
                    if (distinct != null) {
                        distinct.add(t);
                    }
                    count++;
                    continue;
                }
                Task<?> t = null;
                if (aw instanceof CoroutineFrame<?> f) {
                    if (!FrameDriver.isNew(f)) { // taken already: by an earlier argument? (rare: scan)
                        for (int j = 0; j < i && t == null; j++) {
                            t = awaitables.get(j) == aw ? children[j] : null;
                        }
                    }
                } else if (aw != null) { // tasks, hand-written awaitables: few, hashed
                    if (seen == null) {
                        seen = new IdentityHashMap<>();
                    }
                    t = seen.get(aw);
                }
                boolean made = false;
                if (t == null) {
                    made = batched && !(aw instanceof Task<?> own && own.loop == loop);
                    t = made ? loop.newBatchedTask(Asyncio.coroutineOf(aw)) : Asyncio.asTask(loop, awaitables.get(i));
                    if (distinct != null) {
                        distinct.add(t);
                    }
                    if (seen != null && !(aw instanceof CoroutineFrame<?>)) {
                        seen.put(aw, t);
                    }
                    count++;
                    if (t.isDone()) {
                        if (doneAtOnce == null) {
                            doneAtOnce = new ArrayList<>();
                        }
                        doneAtOnce.add(t);
                    } else {
                        t.addWaiter(this); // nothing settles a task but its own step: none runs here
                    }
                } else if (distinct == null) {
                    distinct = new ArrayList<>(Arrays.asList(children).subList(0, i));
                }
                children[i] = t;
                if (made) {
                    if (batch == null) { // queued where the first task made would have been
                        batch = new StartBatch(loop, children);
                        loop.ready(batch);
                    }
                    batch.add(t, i, children);
                }
            }
        } catch (RuntimeException | Error refused) {
            // a bad argument: the gather is never returned, so the children made so far are
            // nobody's; their failures must still be reported as never retrieved
            for (int i = 0; i < children.length && children[i] != null; i++) {
                children[i].removeWaiter(this);
            }
            throw refused;
        }
        this.distinct = distinct == null ? children : distinct.toArray(new Task<?>[0]);
        remaining = count;
        if (remaining == 0) {
            settle(SUCCEEDED, List.of());
            return;
        }
        if (doneAtOnce != null) {
            for (Task<?> child : doneAtOnce) {
                completed(child);
            }
        }
    }

    /**
     * A task for the fresh coroutine {@code f}, argument {@code i}, started by {@code batch}. Kept
     * out of the constructor's loop: a constructor runs once per gather, so its loop is compiled
     * only on the stack (OSR), late, and a million children went through the profiling tier;
     * this method, called once per child, is compiled fully by the first big gather.
     */
    private Task<?> startFresh(CoroutineFrame<?> f, int i, StartBatch batch) {
        Task<?> t = loop.newBatchedTask(f);
        t.addWaiter(this); // nothing settles a task but its own step: none runs here
        children[i] = t;
        batch.add(t, i, children);
        return t;
    }

    /**
     * The arguments as the constructor reads them: the caller's list itself when it is an
     * {@code ArrayList} or {@code Arrays.asList} and tasks start lazily (the default factory),
     * since then no user code runs while the gather reads it; a copy otherwise (an eager task's
     * first step could change the caller's collection halfway). A million children: no 4 MB
     * copy, which G1 would allocate as a humongous array.
     */
    @SuppressWarnings("unchecked")
    static <A> List<A> arguments(EventLoop loop, java.util.Collection<A> awaitables) {
        Class<?> c = awaitables.getClass();
        boolean known = c == ArrayList.class || c == ARRAYS_AS_LIST;
        return known && loop.getTaskFactory() == null ? (List<A>) awaitables : new ArrayList<>(awaitables);
    }

    private static final Class<?> ARRAYS_AS_LIST = Arrays.asList().getClass();

    @Override
    public void completed(Completion<?> child) {
        remaining--;
        child.markRetrieved(); // the gather owns its children's outcomes
        if (isDone()) {
            return;
        }
        if (!settled && child.state != SUCCEEDED) {
            settle(child.cancelled() ? CANCELLED : FAILED, child.value);
            return;
        }
        ArrayList<Object> r = results;
        if (r == null) {
            r = results = new ArrayList<>(children.length);
        }
        if (r.size() < children.length && children[r.size()] == child) {
            // ended in argument order (a million equal sleeps do): its outcome is taken now, while
            // the task is in the cache, not in a pass over a million cold tasks after the last one
            r.add(outcomeOf(child));
        }
        if (remaining > 0) {
            return;
        }
        if (cancelRequested) {
            settle(CANCELLED, cancelMessage == null ? new CancelledError() : new CancelledError(cancelMessage));
            return;
        }
        for (int i = r.size(); i < children.length; i++) { // the ones that ended out of order, repeats
            r.add(outcomeOf(children[i]));
        }
        settle(SUCCEEDED, r);
    }

    /** A child's value, or with {@code settled} its {@link Outcome}. */
    private Object outcomeOf(Completion<?> c) {
        return settled ? (c.state == SUCCEEDED ? Outcome.success(c.value) : Outcome.failure((Throwable) c.value)) : c.value;
    }

    @Override
    boolean cancelInward(Object message) {
        if (isDone()) {
            return false;
        }
        boolean any = false;
        for (Task<?> c : distinct) {
            any |= c.cancel(message);
        }
        if (any) {
            cancelRequested = true;
            cancelMessage = message; // the awaiter's CancelledError carries it (asyncio)
        }
        return any;
    }

    @Override
    public String toString() {
        return "<gather " + Arrays.toString(children) + ">";
    }
}
