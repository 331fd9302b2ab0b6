package io.github.jawait;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Structured concurrency, asyncio's {@code TaskGroup}: tasks started in the group are all
 * finished when the group is. The first child failure cancels the other children and the
 * group's body; every failure (not cancellations) comes out together in one
 * {@link TaskGroupException}; cancelling the task that runs the group cancels the children.
 *
 * <pre>{@code
 * Task<String> a = ..., b = ...;
 * await(taskGroup(tg -> {
 *     a = tg.createTask(task("A"));    // (use holders or fields for tasks you need afterwards)
 *     tg.createTask(task("B"));
 *     return done();
 * }));                                  // both are finished here
 * }</pre>
 *
 * <p>The body is a lambda returning a coroutine; it may await (it is an async lambda) and
 * runs inline in the awaiting task, exactly like the body of {@code async with}.
 */
public final class TaskGroup {
    private final Function<TaskGroup, ? extends Coroutine<?>> body;
    private EventLoop loop;
    private Task<?> parent;
    private final Set<Task<?>> children = new LinkedHashSet<>();
    private final List<Throwable> errors = new ArrayList<>();
    /** Who failed, parallel to {@code errors}: a child task's name, or the body. */
    private final List<String> failedWhere = new ArrayList<>();
    private boolean entered;
    private boolean aborting;
    private boolean exiting;
    private boolean finished;
    private boolean parentCancelRequested;
    private Waiter<Void> childrenDone;

    private TaskGroup(Function<TaskGroup, ? extends Coroutine<?>> body) {
        this.body = body;
    }

    /** A coroutine that runs {@code body} with a new group and waits for all its children. */
    public static <T> Coroutine<T> run(Function<TaskGroup, ? extends Coroutine<T>> body) {
        TaskGroup g = new TaskGroup(body);
        return g.new Scope<T>().coroutine("TaskGroup");
    }

    /** Starts {@code coroutine} as a child task of this group. */
    public <U> Task<U> createTask(Coroutine<U> coroutine) {
        return createTask(coroutine, null);
    }

    /** Starts {@code coroutine} as a child task named {@code name}. */
    public <U> Task<U> createTask(Coroutine<U> coroutine, String name) {
        if (!entered) {
            throw new IllegalStateException("TaskGroup has not been entered");
        }
        loop.checkThread("TaskGroup.createTask");
        if (finished) {
            throw new IllegalStateException("TaskGroup is finished");
        }
        if (aborting) {
            throw new IllegalStateException("TaskGroup is shutting down");
        }
        Task<U> t = loop.createTask(coroutine, name);
        children.add(t);
        // a done callback (next loop turn), as asyncio: children failing in the same turn all count
        t.addDoneCallback(this::childDone);
        return t;
    }

    private void childDone(Task<?> child) {
        children.remove(child);
        if (!child.cancelled()) {
            Throwable e = child.exception();
            if (e != null) {
                errors.add(e);
                failedWhere.add("task '" + child.getName() + "'");
                if (!aborting) {
                    abort();
                    if (!exiting && !parent.done()) {
                        // like asyncio: stop the body too; withdrawn again when the group exits
                        parentCancelRequested = true;
                        parent.cancel();
                    }
                }
            }
        }
        if (children.isEmpty() && childrenDone != null) {
            childrenDone.wake(null);
        }
    }

    private void abort() {
        aborting = true;
        for (Task<?> t : new ArrayList<>(children)) {
            t.cancel();
        }
    }

    /** Diagnostics: a scope frame's way to name the tasks its task waits for. */
    interface Children {
        List<Task<?>> liveChildren();
    }

    private final class Scope<T> extends AsyncScope<T> implements Children {
        @Override
        public List<Task<?>> liveChildren() {
            List<Task<?>> live = new ArrayList<>();
            for (Task<?> t : children) {
                if (!t.isDone()) {
                    live.add(t);
                }
            }
            return live;
        }

        private CancelledError propagate;
        private Throwable bodyError;

        @Override
        void enter(Task<?> task) {
            if (entered) {
                throw new IllegalStateException("TaskGroup has already been entered");
            }
            if (task == null) {
                throw new IllegalStateException("a TaskGroup must be awaited inside a task");
            }
            entered = true;
            parent = task;
            loop = task.loop;
        }

        @Override
        @SuppressWarnings("unchecked")
        Coroutine<T> body() {
            return (Coroutine<T>) body.apply(TaskGroup.this);
        }

        @Override
        Object exitWait(Throwable failure) {
            if (!exiting) {
                exiting = true;
                if (failure instanceof CancelledError c) {
                    propagate = c;
                }
                if (failure != null && !aborting) {
                    abort();
                }
                if (failure != null && !(failure instanceof CancelledError)) {
                    bodyError = failure; // reported after the children's errors, as asyncio does
                }
            }
            if (children.isEmpty()) {
                return null;
            }
            childrenDone = new Waiter<>(null);
            return childrenDone;
        }

        @Override
        void cancelledDuringExit(CancelledError e) {
            if (!aborting) {
                // the parent is cancelled while the children still run: that cancellation propagates
                propagate = e;
                abort();
            }
        }

        @Override
        T exit(Object value, Throwable failure) throws Throwable {
            finished = true;
            if (parentCancelRequested && parent.uncancel() == 0) {
                propagate = null; // the only cancellation was our own
            }
            if (bodyError != null) {
                errors.add(bodyError);
                failedWhere.add("the body");
            }
            if (errors.isEmpty()) {
                if (propagate != null) {
                    throw propagate;
                }
                @SuppressWarnings("unchecked")
                T v = (T) value;
                return v;
            }
            // Errors win over a cancellation (asyncio 3.11+). A cancellation from outside is not
            // lost: withdraw it and request it again, so the parent's next await raises it and
            // cancelling() stays the same.
            if (parent.cancelling() > 0) {
                parent.uncancel();
                parent.cancel();
            }
            throw new TaskGroupException(errors, failedWhere);
        }
    }
}
