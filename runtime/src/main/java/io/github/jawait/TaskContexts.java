package io.github.jawait;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The {@link Context}s of one loop: one per task that has one (kept beside the tasks rather
 * than in them, so a task stays 40 bytes and a program without context variables pays
 * nothing), and the one of the callback running now. A loop makes this on the first
 * {@code set} or the first explicit context.
 *
 * <p>A callback scheduled with {@code callSoon}/{@code callLater} runs in a copy of its
 * scheduler's context. The copy is made only when the callback sets a variable: until then it
 * reads the scheduler's values, an immutable map shared by reference ({@link #snapshot}), and a
 * callback scheduled where nothing is set is not wrapped at all; what such a callback sets is
 * dropped when its step ends ({@link #stepEnded}). So a {@code callSoon} costs one small object
 * where a variable is set, and nothing extra elsewhere.
 */
final class TaskContexts {
    private final IdentityHashMap<Task<?>, Context> byTask = new IdentityHashMap<>();
    /** The context of the callback running now; null between callbacks and until it sets a variable. */
    private Context callback;
    /** The values the running callback was scheduled with, while it has no {@link #callback} context. */
    private Map<ContextVar<?>, Object> callbackValues;

    /** The values {@code task} (the running callback when null) sees; null if it has none. */
    Map<ContextVar<?>, Object> valuesOf(Task<?> task) {
        if (task != null) {
            Context c = byTask.get(task);
            return c == null ? null : c.values;
        }
        return callback != null ? callback.values : callbackValues;
    }

    /** The context {@code task} (the running callback when null) may write to; made on first need. */
    Context writable(Task<?> task) {
        Context c = task != null ? byTask.get(task) : callback;
        if (c == null) {
            // a task created, or a callback scheduled, where nothing was set; or a callback's
            // first set: its copy of the values it was scheduled with is made now
            c = new Context(task == null && callbackValues != null ? callbackValues : Map.of());
            put(task, c);
        }
        return c;
    }

    /** Makes {@code context} the one of {@code task} (the running callback's when null); returns the previous one. */
    Context put(Task<?> task, Context context) {
        if (task == null) {
            Context saved = callback;
            callback = context;
            return saved;
        }
        return context == null ? byTask.remove(task) : byTask.put(task, context);
    }

    /** A new task runs in {@code context}: a copy of its creator's, or the one given to {@code createTask}. */
    void inherit(Task<?> child, Context context) {
        byTask.put(child, context);
    }

    void ended(Task<?> task) {
        byTask.remove(task);
    }

    /**
     * {@code r}, to run in a copy of {@code values} (what its scheduler sees): the copy is made
     * only if {@code r} sets a variable, and is dropped when {@code r} returns.
     */
    Runnable snapshot(Runnable r, Map<ContextVar<?>, Object> values) {
        return new Runnable() {
            @Override
            public void run() {
                Context savedContext = callback;
                Map<ContextVar<?>, Object> savedValues = callbackValues;
                callback = null;
                callbackValues = values;
                try {
                    r.run();
                } finally {
                    callback = savedContext;
                    callbackValues = savedValues;
                }
            }

            @Override
            public String toString() {
                return r.toString();
            }
        };
    }

    /**
     * A loop step (a callback, a task step, a timer) ended: a callback that was not wrapped, as
     * one scheduled where nothing was set, leaves no context behind for the next one.
     */
    void stepEnded() {
        callback = null;
        callbackValues = null;
    }

    /** {@code r}, to run in {@code context} (its sets stay in it). */
    Runnable capture(Runnable r, Context context) {
        return new Runnable() {
            @Override
            public void run() {
                Context saved = callback;
                callback = context;
                try {
                    r.run();
                } finally {
                    callback = saved;
                }
            }

            @Override
            public String toString() {
                return r.toString();
            }
        };
    }
}
