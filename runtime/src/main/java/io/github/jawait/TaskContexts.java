package io.github.jawait;

import java.util.IdentityHashMap;

/**
 * The {@link Context}s of one loop: one per task that has one (kept beside the tasks rather
 * than in them, so a task stays 48 bytes and a program without context variables pays
 * nothing), and the one of the callback running now. A loop makes this on the first
 * {@code set} or the first explicit context.
 */
final class TaskContexts {
    private final IdentityHashMap<Task<?>, Context> byTask = new IdentityHashMap<>();
    /** The context of the callback running now; null between callbacks. */
    private Context callback;

    /** The context of {@code task}, or of the running callback when {@code task} is null; null if none. */
    Context of(Task<?> task) {
        return task != null ? byTask.get(task) : callback;
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
